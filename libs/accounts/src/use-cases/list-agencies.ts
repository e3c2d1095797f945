import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '@app/access';
import { AccountStore } from '@app/auth';
import type { AgencyPageDto } from '../dto/agency.dto';
import { agencyViewOf } from '../account-views';

export type ListAgenciesCommand = Record<string, never>;

// GET /api/admin/agencies: every agency by name. Organisations, not people: not audited as a
// read of personal data
@Injectable()
export class ListAgencies {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: AccountStore,
  ) {}

  async execute(_user: AuthenticatedUser, _command: ListAgenciesCommand): Promise<AgencyPageDto> {
    const items = (await this.store.listAgencies(this.dataSource.manager)).map(agencyViewOf);
    return { items, total: items.length };
  }
}
