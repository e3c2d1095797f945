import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '@app/access';
import { Clock, DomainError, ErrorCode, WorkingCalendar } from '@app/core';
import { Journal } from '@app/live';
import { findDiscussion } from '../discussion-reader';
import type { IcpcResultDto, RecordIcpcDto } from '../dto/strategy.dto';
import { checkIcpc, icpcHeldWithinTarget } from '../policy/outcome-rules';
import { enquiryState, insertIcpc, stopIcpcClock } from '../strategy-discussion.repository';

export interface RecordIcpcCommand extends RecordIcpcDto {
  id: string;
}

// records the initial child protection conference an s47 enquiry called for, once, with the CIN
// census rules checked at entry (decision 0023)
@Injectable()
export class RecordIcpc {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly journal: Journal,
    private readonly clock: Clock,
    private readonly calendar: WorkingCalendar,
  ) {}

  execute(user: AuthenticatedUser, command: RecordIcpcCommand): Promise<IcpcResultDto> {
    const { id, childProtectionPlan } = command;
    const now = this.clock.now();
    const heldAt = new Date(command.heldAt);
    const heldDate = this.calendar.localDate(heldAt);
    return this.dataSource.transaction(async (manager) => {
      await findDiscussion(manager, id, true);
      const state = await enquiryState(manager, id, this.calendar.zone);
      if (
        !state?.s47StartDate ||
        !state.icpcDueDate ||
        state.s47Outcome?.outcome !== 'CONCERNS_SUBSTANTIATED_ICPC'
      ) {
        throw new DomainError(
          ErrorCode.STALE_STATE,
          'An ICPC is recorded only after the s47 enquiry concluded CONCERNS_SUBSTANTIATED_ICPC.',
        );
      }
      if (state.icpcHeldDate) {
        throw new DomainError(ErrorCode.STALE_STATE, 'The ICPC for this s47 enquiry is recorded already.');
      }
      const errors = checkIcpc(
        {
          heldAt,
          heldDate,
          childProtectionPlan,
          category: command.category,
          s47StartDate: state.s47StartDate,
          concludedDate: state.s47Outcome.concludedDate,
        },
        now,
      );
      if (errors.length) throw DomainError.validation(errors);
      const icpcDueDate = state.icpcDueDate;
      const heldWithinTarget = icpcHeldWithinTarget(heldDate, icpcDueDate);
      const category = command.category ?? null;
      const inserted = await insertIcpc(manager, {
        discussionId: id,
        heldAt,
        heldDate,
        childProtectionPlan,
        category,
        icpcDueDate,
        heldWithinTarget,
        recordedBy: user.id,
        recordedAt: now,
      });
      if (!inserted)
        throw new DomainError(ErrorCode.STALE_STATE, 'The ICPC for this s47 enquiry is recorded already.');
      await stopIcpcClock(manager, id, now);
      this.journal.write(
        manager,
        user,
        {
          action: 'ICPC_RECORDED',
          entityType: 'strategy_discussion',
          entityId: id,
          details: { childProtectionPlan, ...(category ? { category } : {}), heldWithinTarget },
        },
        [{ type: 'strategy.icpc_held', entity: 'strategy_discussion', id }],
      );
      return {
        heldAt: heldAt.toISOString(),
        heldDate,
        childProtectionPlan,
        ...(category ? { category } : {}),
        icpcDueDate,
        heldWithinTarget,
        recordedBy: user.id,
        recordedAt: now.toISOString(),
      };
    });
  }
}
