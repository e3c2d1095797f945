import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '@app/access';
import { DomainError } from '@app/core';
import { Journal } from '@app/live';
import { childHistoryEntries, householdMembers } from '../child-record-reader';
import { mergesInto } from '../child-merges.repository';
import { childChangeHistory } from '../children.repository';
import { childDto } from '../contact-reader';
import type { ChildViewDto } from '../dto/child-view.dto';
import { ChildEntity } from '../entities/child.entity';

export interface ViewChildCommand {
  id: string;
}

// issue 17 item 2: everything the front door knows of a child. The read is audited, and so is
// each other household child it shows (their names and dates of birth are a read of their
// records too, as on the contact view). A merged duplicate's tombstone answers with the record it
// was merged into (decision 0028), audited as a read of the tombstone.
@Injectable()
export class ViewChild {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly journal: Journal,
  ) {}

  async execute(user: AuthenticatedUser, { id }: ViewChildCommand): Promise<ChildViewDto> {
    return this.dataSource.transaction(async (manager) => {
      const child = await manager.getRepository(ChildEntity).findOne({ where: { id } });
      if (!child) throw DomainError.notFound('child');
      if (child.mergedInto !== null) {
        this.journal.write(manager, user, {
          action: 'CHILD_RECORD_VIEWED',
          entityType: 'child',
          entityId: child.id,
          details: { mergedInto: child.mergedInto },
        });
        return {
          ...childDto(child),
          household: [],
          history: [],
          changes: [],
          merges: [],
          mergedInto: child.mergedInto,
        };
      }
      const household = await householdMembers(manager, child.id);
      const history = await childHistoryEntries(manager, child.id);
      const changes = await childChangeHistory(manager, child.id);
      const merges = await mergesInto(manager, child.id);
      this.journal.write(manager, user, [
        { action: 'CHILD_RECORD_VIEWED', entityType: 'child', entityId: child.id },
        ...household.map((member) => ({
          action: 'HOUSEHOLD_MEMBER_VIEWED',
          entityType: 'child',
          entityId: member.id,
          details: { childId: child.id },
        })),
      ]);
      return { ...childDto(child), household, history, changes, merges };
    });
  }
}
