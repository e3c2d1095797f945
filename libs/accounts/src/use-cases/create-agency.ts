import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '@app/access';
import { AccountStore, AuthClock } from '@app/auth';
import { Journal } from '@app/live';
import type { AgencyViewDto, CreateAgencyDto } from '../dto/agency.dto';
import { agencyNameTaken } from '../account-errors';
import { agencyViewOf } from '../account-views';

export type CreateAgencyCommand = CreateAgencyDto;

// issue 14 item 2: POST /api/admin/agencies. Names are unique whatever their case
@Injectable()
export class CreateAgency {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly journal: Journal,
    private readonly store: AccountStore,
    private readonly clock: AuthClock,
  ) {}

  async execute(user: AuthenticatedUser, command: CreateAgencyCommand): Promise<AgencyViewDto> {
    return this.dataSource.transaction(async (manager) => {
      const id = await this.store.createAgency(manager, { ...command, now: this.clock.now() });
      if (!id) throw agencyNameTaken();
      this.journal.write(manager, user, {
        action: 'AGENCY_CREATED',
        entityType: 'agency',
        entityId: id,
        details: { name: command.name, kind: command.kind },
      });
      return agencyViewOf((await this.store.agencyById(manager, id))!);
    });
  }
}
