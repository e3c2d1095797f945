import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '@app/access';
import { ApiClientStore } from '@app/auth';
import { Journal } from '@app/live';
import { clientRevoked, noSuchClient } from '../client-views';
import type { ClientSecretResultDto } from '../dto/clients.dto';

export interface RotateClientSecretCommand {
  id: string;
}

// issue 14 item 5: POST /api/admin/clients/:id/rotate. A new secret, answered once; the old
// one stops working and every token it got ends with the commit (CLIENT_ROTATED)
@Injectable()
export class RotateClientSecret {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly journal: Journal,
    private readonly store: ApiClientStore,
  ) {}

  async execute(user: AuthenticatedUser, command: RotateClientSecretCommand): Promise<ClientSecretResultDto> {
    const rotated = await this.dataSource.transaction(async (manager) => {
      const client = await this.store.lock(manager, command.id);
      if (!client) throw noSuchClient();
      if (client.revokedAt) throw clientRevoked();
      const result = await this.store.rotate(manager, client);
      if (!result) throw clientRevoked();
      this.journal.write(manager, user, {
        action: 'CLIENT_SECRET_ROTATED',
        entityType: 'api_client',
        entityId: client.id,
        details: { clientId: client.clientId, endedSessions: result.ended.sessionIds.length },
      });
      return result;
    });
    this.store.announce(rotated.ended);
    return { id: rotated.client.id, clientId: rotated.client.clientId, clientSecret: rotated.clientSecret };
  }
}
