import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '@app/access';
import { Clock, DomainError, ErrorCode, WorkingCalendar } from '@app/core';
import { Journal } from '@app/live';
import { queueItemsNaming } from '../child-record-reader';
import { applyChildChanges, lockChild } from '../children.repository';
import type { ChildUpdateResultDto, UpdateChildDto } from '../dto/update-child.dto';
import type { ChildEntity } from '../entities/child.entity';
import {
  changesName,
  childChanges,
  openToSocialCareProblem,
  type ChildFields,
} from '../policy/child-demographics';
import { childMatchKey } from '../policy/child-match';

export interface UpdateChildCommand extends UpdateChildDto {
  id: string;
}

const fieldsOf = (child: ChildEntity): ChildFields => ({
  firstName: child.firstName,
  lastName: child.lastName,
  sex: child.sex,
  ethnicity: child.ethnicity,
  disabilities: child.disabilities ?? [],
  upn: child.upn,
  firstLanguage: child.firstLanguage,
  interpreterNeeded: child.interpreterNeeded,
  openToSocialCareSince: child.openToSocialCareSince,
  caseSystemId: child.caseSystemId,
  address: child.address,
  postcode: child.postcode,
  school: child.school,
});

// issue 17 item 3 (decision 0027): a correction of a child's record, with its reason, kept field
// by field in child_change; the journal names the fields, never their values. A new name shows
// on the queues that name the child: each open contact of the child is a queue change.
@Injectable()
export class UpdateChild {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly journal: Journal,
    private readonly clock: Clock,
    private readonly calendar: WorkingCalendar,
  ) {}

  async execute(
    user: AuthenticatedUser,
    { id, reason, ...requested }: UpdateChildCommand,
  ): Promise<ChildUpdateResultDto> {
    const now = this.clock.now();
    const open = openToSocialCareProblem(requested.openToSocialCareSince, this.calendar.localDate(now));
    if (open) throw DomainError.validation([{ field: 'openToSocialCareSince', message: open }]);
    return this.dataSource.transaction(async (manager) => {
      const child = await lockChild(manager, id);
      if (!child) throw DomainError.notFound('child');
      if (child.mergedInto !== null)
        throw new DomainError(
          ErrorCode.STALE_STATE,
          'This record was merged into another: correct that one.',
          undefined,
          { mergedInto: child.mergedInto },
        );
      const changes = childChanges(fieldsOf(child), requested);
      if (changes.length === 0)
        throw DomainError.validation([
          { field: 'body', message: 'names no field to change, or only values the record already has' },
        ]);
      const firstName = (requested.firstName ?? child.firstName) as string;
      const lastName = (requested.lastName ?? child.lastName) as string;
      const matchKey = changesName(changes)
        ? childMatchKey(firstName, lastName, child.dateOfBirth ?? undefined)
        : child.matchKey;
      await applyChildChanges(manager, {
        childId: id,
        changes,
        matchKey,
        reason,
        changedBy: user.id,
        changedAt: now,
      });
      const fields = changes.map((c) => c.field);
      const queued = changesName(changes) ? await queueItemsNaming(manager, id) : [];
      this.journal.write(
        manager,
        user,
        { action: 'CHILD_UPDATED', entityType: 'child', entityId: id, details: { fields } },
        queued.map((item) => ({ type: 'child.updated', ...item })),
      );
      return { id, changed: fields };
    });
  }
}
