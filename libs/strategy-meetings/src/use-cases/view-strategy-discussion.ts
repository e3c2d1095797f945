import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '@app/access';
import { Journal } from '@app/live';
import { discussionView, findDiscussion } from '../discussion-reader';
import type { DiscussionViewDto } from '../dto/strategy.dto';

export interface ViewStrategyDiscussionCommand {
  id: string;
}

// a strategy discussion with its record and earlier records; reading it is audited
@Injectable()
export class ViewStrategyDiscussion {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly journal: Journal,
  ) {}

  execute(user: AuthenticatedUser, { id }: ViewStrategyDiscussionCommand): Promise<DiscussionViewDto> {
    return this.dataSource.transaction(async (manager) => {
      const view = await discussionView(manager, await findDiscussion(manager, id));
      this.journal.write(manager, user, {
        action: 'STRATEGY_DISCUSSION_VIEWED',
        entityType: 'strategy_discussion',
        entityId: id,
      });
      return view;
    });
  }
}
