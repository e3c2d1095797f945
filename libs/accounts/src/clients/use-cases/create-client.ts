import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '@app/access';
import { ApiClientStore, clientRoleProblem } from '@app/auth';
import { DomainError } from '@app/core';
import { Journal } from '@app/live';
import { noSuchAgencyForClient } from '../client-views';
import type { ClientSecretResultDto, CreateClientDto } from '../dto/clients.dto';

export type CreateClientCommand = CreateClientDto;

// issue 14 item 5: POST /api/admin/clients. A police force's or partner agency's system gets
// credentials of its own, and a SYSTEM user of the agency to act as (so what it sends is
// attributed to it); the secret is answered this once
@Injectable()
export class CreateClient {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly journal: Journal,
    private readonly store: ApiClientStore,
  ) {}

  async execute(user: AuthenticatedUser, command: CreateClientCommand): Promise<ClientSecretResultDto> {
    return this.dataSource.transaction(async (manager) => {
      const agency = await this.store.agency(manager, command.agencyId);
      if (!agency) throw noSuchAgencyForClient();
      const problem = clientRoleProblem(agency.kind, command.role);
      if (problem) throw DomainError.validation([problem]);
      const { client, clientSecret } = await this.store.create(manager, {
        agencyId: agency.id,
        name: command.name,
        role: command.role,
        createdBy: user.id,
      });
      this.journal.write(manager, user, {
        action: 'CLIENT_CREATED',
        entityType: 'api_client',
        entityId: client.id,
        // never the secret
        details: {
          clientId: client.clientId,
          name: client.name,
          role: client.role,
          agencyId: client.agencyId,
          userId: client.userId,
        },
      });
      return { id: client.id, clientId: client.clientId, clientSecret };
    });
  }
}
