import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '@app/access';
import { Clock, DomainError, ErrorCode } from '@app/core';
import { Journal } from '@app/live';
import { discussionView, findDiscussion } from '../discussion-reader';
import type { DiscussionViewDto, ScheduleDto } from '../dto/strategy.dto';
import { missingRequired } from '../policy/strategy-rules';
import { scheduleDiscussion } from '../strategy-discussion.repository';

export interface ScheduleStrategyDiscussionCommand extends ScheduleDto {
  id: string;
}

// sets the date and who is invited; allowed until the discussion is held
@Injectable()
export class ScheduleStrategyDiscussion {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly journal: Journal,
    private readonly clock: Clock,
  ) {}

  execute(user: AuthenticatedUser, command: ScheduleStrategyDiscussionCommand): Promise<DiscussionViewDto> {
    const { id, invitees } = command;
    // inspectors found partners missing from strategy meetings: the three must be invited
    const missing = missingRequired(invitees);
    if (missing.length > 0) {
      throw DomainError.validation(
        [{ field: 'invitees', message: `must invite ${missing.join(', ')} (required agencies)` }],
        `Invite every required agency: ${missing.join(', ')} missing.`,
      );
    }
    const now = this.clock.now();
    return this.dataSource.transaction(async (manager) => {
      if (!(await scheduleDiscussion(manager, id, new Date(command.scheduledFor), invitees, now))) {
        await findDiscussion(manager, id);
        throw new DomainError(
          ErrorCode.STALE_STATE,
          'This strategy discussion has been held; record an amendment instead.',
        );
      }
      this.journal.write(
        manager,
        user,
        {
          action: 'STRATEGY_DISCUSSION_SCHEDULED',
          entityType: 'strategy_discussion',
          entityId: id,
          details: { invited: invitees.map((i) => i.agency) },
        },
        [{ type: 'strategy.scheduled', entity: 'strategy_discussion', id }],
      );
      return discussionView(manager, await findDiscussion(manager, id));
    });
  }
}
