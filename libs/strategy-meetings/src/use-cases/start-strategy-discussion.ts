import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '@app/access';
import { ScreeningTransitions } from '@app/contacts';
import {
  Clock,
  DomainError,
  ErrorCode,
  THRESHOLD_CATALOGUE,
  WorkingCalendar,
  type ThresholdCatalogueSchema,
} from '@app/core';
import { Journal } from '@app/live';
import { discussionView, findDiscussion } from '../discussion-reader';
import type { DiscussionViewDto, StartDiscussionDto } from '../dto/strategy.dto';
import { StrategyDiscussionOpener } from '../strategy-discussion-opener';

export interface StartStrategyDiscussionCommand extends StartDiscussionDto {
  contactId: string;
}

// escalation: a manager starts a strategy discussion for a contact already decided
@Injectable()
export class StartStrategyDiscussion {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly journal: Journal,
    private readonly clock: Clock,
    private readonly calendar: WorkingCalendar,
    private readonly contacts: ScreeningTransitions,
    private readonly opener: StrategyDiscussionOpener,
    @Inject(THRESHOLD_CATALOGUE) private readonly catalogue: ThresholdCatalogueSchema,
  ) {}

  execute(
    user: AuthenticatedUser,
    { contactId, reason }: StartStrategyDiscussionCommand,
  ): Promise<DiscussionViewDto> {
    const now = this.clock.now();
    return this.dataSource.transaction(async (manager) => {
      const status = await this.contacts.statusOf(manager, contactId);
      if (!status) throw DomainError.notFound('contact');
      if (status !== 'DECIDED') {
        throw new DomainError(
          ErrorCode.STALE_STATE,
          'Only a decided contact is escalated this way; open ones go through a decision.',
        );
      }
      const dueAt = this.calendar.deadline(now, this.catalogue.strategyDiscussionDue);
      const opened = await this.opener.open(manager, {
        contactId,
        dueAt,
        now,
        startedBy: user.id,
        startReason: reason,
      });
      if (!opened)
        throw new DomainError(
          ErrorCode.STALE_STATE,
          'A strategy discussion for this contact is already open.',
        );
      const id = opened.id;
      this.journal.write(
        manager,
        user,
        {
          action: 'STRATEGY_DISCUSSION_STARTED',
          entityType: 'strategy_discussion',
          entityId: id,
          details: { contactId },
        },
        [{ type: 'strategy.due', entity: 'strategy_discussion', id }],
      );
      return discussionView(manager, await findDiscussion(manager, id));
    });
  }
}
