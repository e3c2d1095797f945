import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '@app/access';
import { AccountStore } from '@app/auth';
import { DomainError } from '@app/core';
import { Journal } from '@app/live';
import type { AgencyViewDto, UpdateAgencyDto } from '../dto/agency.dto';
import { agencyNameTaken, kindUnfitForUsers } from '../account-errors';
import { agencyViewOf } from '../account-views';
import { rolesUnfitFor } from '../policy/account-rules';

export interface UpdateAgencyCommand extends UpdateAgencyDto {
  id: string;
}

// issue 14 item 2: PATCH /api/admin/agencies/:id, a new name or kind. The agency is locked
// first, so no user is put into it while its kind changes, and a kind must fit every user it has
@Injectable()
export class UpdateAgency {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly journal: Journal,
    private readonly store: AccountStore,
  ) {}

  async execute(user: AuthenticatedUser, { id, ...changes }: UpdateAgencyCommand): Promise<AgencyViewDto> {
    // a field sent as null is a field not sent (class-validator's IsOptional lets null through)
    const wanted = { name: changes.name ?? undefined, kind: changes.kind ?? undefined };
    if (wanted.name === undefined && wanted.kind === undefined) {
      throw DomainError.validation([{ field: 'body', message: 'give a name or a kind to change' }]);
    }
    return this.dataSource.transaction(async (manager) => {
      const agency = await this.store.lockAgency(manager, id, 'update');
      if (!agency) throw DomainError.notFound('agency');
      const name = wanted.name !== agency.name ? wanted.name : undefined;
      const kind = wanted.kind !== agency.kind ? wanted.kind : undefined;
      if (kind) {
        const unfit = rolesUnfitFor(await this.store.rolesInAgency(manager, id), kind);
        if (unfit.length > 0) throw kindUnfitForUsers(kind, unfit);
      }
      if (name !== undefined || kind !== undefined) {
        if (!(await this.store.updateAgency(manager, id, { name, kind }))) throw agencyNameTaken();
        this.journal.write(manager, user, {
          action: 'AGENCY_UPDATED',
          entityType: 'agency',
          entityId: id,
          details: {
            fields: [...(name !== undefined ? ['name'] : []), ...(kind ? ['kind'] : [])],
            ...(name !== undefined ? { nameFrom: agency.name, nameTo: name } : {}),
            ...(kind ? { kindFrom: agency.kind, kindTo: kind } : {}),
          },
        });
      }
      return agencyViewOf((await this.store.agencyById(manager, id))!);
    });
  }
}
