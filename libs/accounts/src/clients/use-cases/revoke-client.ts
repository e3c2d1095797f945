import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '@app/access';
import { ApiClientStore } from '@app/auth';
import { Journal } from '@app/live';
import { clientRevoked, noSuchClient } from '../client-views';
import type { ClientRevokeResultDto, RevokeClientDto } from '../dto/clients.dto';

export interface RevokeClientCommand extends RevokeClientDto {
  id: string;
}

// issue 14 item 5: POST /api/admin/clients/:id/revoke. For good: no new token, and the ones it
// has fail on their next request (its SYSTEM user is deactivated, its sessions end)
@Injectable()
export class RevokeClient {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly journal: Journal,
    private readonly store: ApiClientStore,
  ) {}

  async execute(user: AuthenticatedUser, command: RevokeClientCommand): Promise<ClientRevokeResultDto> {
    const revoked = await this.dataSource.transaction(async (manager) => {
      const client = await this.store.lock(manager, command.id);
      if (!client) throw noSuchClient();
      if (client.revokedAt) throw clientRevoked();
      const result = await this.store.revoke(manager, client);
      if (!result) throw clientRevoked();
      this.journal.write(manager, user, {
        action: 'CLIENT_REVOKED',
        entityType: 'api_client',
        entityId: client.id,
        details: {
          clientId: client.clientId,
          reason: command.reason,
          endedSessions: result.ended.sessionIds.length,
        },
      });
      return result;
    });
    this.store.announce(revoked.ended);
    return {
      id: revoked.client.id,
      clientId: revoked.client.clientId,
      revokedAt: (revoked.client.revokedAt as Date).toISOString(),
    };
  }
}
