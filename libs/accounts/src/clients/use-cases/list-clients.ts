import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '@app/access';
import { ApiClientStore } from '@app/auth';
import { apiClientViewOf, noSuchAgencyForClient } from '../client-views';
import type { ApiClientDto, ListClientsQueryDto } from '../dto/clients.dto';

export type ListClientsCommand = ListClientsQueryDto;

// issue 14 item 5: GET /api/admin/clients?agencyId=. An agency's clients, oldest first, revoked
// ones too; never a secret (only its hash is kept)
@Injectable()
export class ListClients {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: ApiClientStore,
  ) {}

  async execute(_user: AuthenticatedUser, command: ListClientsCommand): Promise<ApiClientDto[]> {
    return this.dataSource.transaction(async (manager) => {
      if (!(await this.store.agency(manager, command.agencyId))) throw noSuchAgencyForClient();
      return (await this.store.ofAgency(manager, command.agencyId)).map(apiClientViewOf);
    });
  }
}
