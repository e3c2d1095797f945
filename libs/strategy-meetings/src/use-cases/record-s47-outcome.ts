import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '@app/access';
import { Clock, DomainError, ErrorCode, WorkingCalendar } from '@app/core';
import { Journal } from '@app/live';
import { findDiscussion } from '../discussion-reader';
import type { RecordS47OutcomeDto, S47OutcomeResultDto } from '../dto/strategy.dto';
import { checkS47Outcome, icpcAwaited } from '../policy/outcome-rules';
import { enquiryState, insertS47Outcome, stopIcpcClock } from '../strategy-discussion.repository';

export interface RecordS47OutcomeCommand extends RecordS47OutcomeDto {
  id: string;
}

// records how the s47 enquiry a strategy discussion started concluded, once (decision 0023)
@Injectable()
export class RecordS47Outcome {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly journal: Journal,
    private readonly clock: Clock,
    private readonly calendar: WorkingCalendar,
  ) {}

  execute(user: AuthenticatedUser, command: RecordS47OutcomeCommand): Promise<S47OutcomeResultDto> {
    const { id, outcome, rationale } = command;
    const now = this.clock.now();
    const concludedAt = new Date(command.concludedAt);
    return this.dataSource.transaction(async (manager) => {
      await findDiscussion(manager, id, true);
      const state = await enquiryState(manager, id, this.calendar.zone);
      if (!state || !state.s47StartDate) {
        throw new DomainError(
          ErrorCode.STALE_STATE,
          'Only a strategy discussion held with an s47 outcome (S47_SINGLE_AGENCY or S47_JOINT) has an s47 enquiry to conclude.',
        );
      }
      if (state.s47Outcome) {
        throw new DomainError(ErrorCode.STALE_STATE, 'The outcome of this s47 enquiry is recorded already.');
      }
      const errors = checkS47Outcome(
        {
          concludedAt,
          concludedDate: this.calendar.localDate(concludedAt),
          s47StartDate: state.s47StartDate,
        },
        now,
      );
      if (errors.length) throw DomainError.validation(errors);
      if (
        !(await insertS47Outcome(manager, {
          discussionId: id,
          concludedAt,
          outcome,
          rationale,
          recordedBy: user.id,
          recordedAt: now,
        }))
      ) {
        throw new DomainError(ErrorCode.STALE_STATE, 'The outcome of this s47 enquiry is recorded already.');
      }
      // an enquiry that needs no conference takes the discussion off the strategy queue
      if (!icpcAwaited({ outcome: state.outcome, s47Outcome: outcome, icpcHeld: false }))
        await stopIcpcClock(manager, id, now);
      this.journal.write(
        manager,
        user,
        {
          action: 'S47_OUTCOME_RECORDED',
          entityType: 'strategy_discussion',
          entityId: id,
          details: { outcome },
        },
        [{ type: 'strategy.s47_concluded', entity: 'strategy_discussion', id }],
      );
      return {
        concludedAt: concludedAt.toISOString(),
        outcome,
        rationale,
        recordedBy: user.id,
        recordedAt: now.toISOString(),
      };
    });
  }
}
