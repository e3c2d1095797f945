import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '@app/access';
import { Clock, DomainError, ErrorCode } from '@app/core';
import { Journal } from '@app/live';
import { findDiscussion } from '../discussion-reader';
import type { ActionCompletionResultDto, CompleteActionDto } from '../dto/strategy.dto';
import { currentActions, insertCompletion } from '../strategy-discussion.repository';

export interface CompleteStrategyActionCommand extends CompleteActionDto {
  id: string;
  actionId: string;
}

// marks an action of the current record done, once (decision 0023)
@Injectable()
export class CompleteStrategyAction {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly journal: Journal,
    private readonly clock: Clock,
  ) {}

  execute(
    user: AuthenticatedUser,
    command: CompleteStrategyActionCommand,
  ): Promise<ActionCompletionResultDto> {
    const { id, actionId, note } = command;
    const now = this.clock.now();
    return this.dataSource.transaction(async (manager) => {
      // the discussion's lock orders a completion against an amendment of the record
      await findDiscussion(manager, id, true);
      const action = (await currentActions(manager, id)).find((a) => a.id === actionId);
      if (!action) throw DomainError.notFound('strategy action');
      const done = await insertCompletion(manager, {
        actionId,
        discussionId: id,
        completedAt: now,
        completedBy: user.id,
        note,
      });
      if (!done) throw new DomainError(ErrorCode.STALE_STATE, 'This action is marked done already.');
      this.journal.write(
        manager,
        user,
        {
          action: 'STRATEGY_ACTION_COMPLETED',
          entityType: 'strategy_discussion',
          entityId: id,
          details: { actionId, ownerAgency: action.ownerAgency },
        },
        [{ type: 'strategy.action_completed', entity: 'strategy_discussion', id }],
      );
      return { id: actionId, completedAt: now.toISOString(), completedBy: user.id, note };
    });
  }
}
