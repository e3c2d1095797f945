import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '@app/access';
import {
  Clock,
  DomainError,
  ErrorCode,
  THRESHOLD_CATALOGUE,
  TimelinessClock,
  WorkingCalendar,
  type ThresholdCatalogueSchema,
} from '@app/core';
import { Journal } from '@app/live';
import { findDiscussion } from '../discussion-reader';
import type { RecordDto, StrategyRecordResultDto } from '../dto/strategy.dto';
import { carryActionIds, checkAmendmentAfterOutcome, icpcAwaited } from '../policy/outcome-rules';
import { checkRecord } from '../policy/record-checks';
import { completeAttendance, isQuorate, s47Dates } from '../policy/strategy-rules';
import {
  currentActions,
  currentRecordVersion,
  enquiryState,
  insertRecord,
} from '../strategy-discussion.repository';

export interface RecordStrategyDiscussionCommand extends RecordDto {
  id: string;
}

// records the discussion as held, or amends the record (the earlier one kept)
@Injectable()
export class RecordStrategyDiscussion {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly journal: Journal,
    private readonly clock: Clock,
    private readonly calendar: WorkingCalendar,
    private readonly timeliness: TimelinessClock,
    @Inject(THRESHOLD_CATALOGUE) private readonly catalogue: ThresholdCatalogueSchema,
  ) {}

  execute(
    user: AuthenticatedUser,
    command: RecordStrategyDiscussionCommand,
  ): Promise<StrategyRecordResultDto> {
    const { id } = command;
    const now = this.clock.now();
    const heldAt = new Date(command.heldAt);
    const errors = checkRecord({ heldAt, attendance: command.attendance }, now);
    if (errors.length) throw DomainError.validation(errors);

    return this.dataSource.transaction(async (manager) => {
      const discussion = await findDiscussion(manager, id, true);
      const last = await currentRecordVersion(manager, id);
      // a record stands; changing it is an amendment with a reason, the earlier one kept
      if (last !== undefined && !command.amendmentReason) {
        throw new DomainError(
          ErrorCode.STALE_STATE,
          'This strategy discussion is recorded already; send amendmentReason to amend it.',
          [{ field: 'amendmentReason', message: 'required to change a record already made' }],
        );
      }
      const attendance = completeAttendance(command.attendance);
      const quorate = isQuorate(attendance);
      const heldWithinTimescale = heldAt.getTime() <= discussion.due_at.getTime();
      const dates = s47Dates(heldAt, command.outcome, this.calendar, this.catalogue.icpcDueWorkingDays);
      const version = (last ?? 0) + 1;
      // decision 0023: an amended action keeps its id (and completion); an amendment keeps the s47
      // enquiry that has an outcome already
      const carried = carryActionIds(
        last !== undefined ? await currentActions(manager, id) : [],
        command.actions,
      );
      if (carried.errors.length) throw DomainError.validation(carried.errors);
      const state = last !== undefined ? await enquiryState(manager, id, this.calendar.zone) : null;
      const refused = checkAmendmentAfterOutcome(
        { outcome: command.outcome, s47StartDate: dates?.s47StartDate ?? null },
        { concludedDate: state?.s47Outcome?.concludedDate, icpcHeldDate: state?.icpcHeldDate },
      );
      if (refused) throw new DomainError(ErrorCode.STALE_STATE, refused);
      const awaited =
        dates !== null &&
        icpcAwaited({
          outcome: command.outcome,
          s47Outcome: state?.s47Outcome?.outcome,
          icpcHeld: state?.icpcHeldDate !== undefined,
        });
      const icpcDueAt = dates ? this.calendar.endOfDay(dates.icpcDueDate) : null;
      await insertRecord(manager, {
        discussionId: id,
        version,
        heldAt,
        attendance,
        outcome: command.outcome,
        rationale: command.rationale,
        quorate,
        heldWithinTimescale,
        s47StartDate: dates?.s47StartDate ?? null,
        icpcDueDate: dates?.icpcDueDate ?? null,
        amendmentReason: last !== undefined ? (command.amendmentReason ?? null) : null,
        recordedBy: user.id,
        recordedAt: now,
        actions: command.actions,
        actionIds: carried.ids,
        icpcClock:
          awaited && icpcDueAt
            ? {
                from: heldAt,
                dueAt: icpcDueAt,
                nextTransitionAt: this.timeliness.nextTransitionAt(now, heldAt, icpcDueAt),
              }
            : null,
      });
      this.journal.write(
        manager,
        user,
        {
          action: last !== undefined ? 'STRATEGY_DISCUSSION_AMENDED' : 'STRATEGY_DISCUSSION_RECORDED',
          entityType: 'strategy_discussion',
          entityId: id,
          details: { outcome: command.outcome, quorate, heldWithinTimescale, version },
        },
        [{ type: 'strategy.held', entity: 'strategy_discussion', id }],
      );
      return { quorate, heldWithinTimescale, ...(dates ?? {}) };
    });
  }
}
