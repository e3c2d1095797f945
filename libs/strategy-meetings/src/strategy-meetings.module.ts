import { Module } from '@nestjs/common';
import { ContactsModule } from '@app/contacts';
import { LiveModule } from '@app/live';
import { EscalationController, StrategyController } from './strategy.controller';
import { StrategyDiscussionOpener } from './strategy-discussion-opener';
import { StrategyQueue } from './strategy-queue';
import { CompleteStrategyAction } from './use-cases/complete-strategy-action';
import { RecordIcpc } from './use-cases/record-icpc';
import { RecordS47Outcome } from './use-cases/record-s47-outcome';
import { RecordStrategyDiscussion } from './use-cases/record-strategy-discussion';
import { ScheduleStrategyDiscussion } from './use-cases/schedule-strategy-discussion';
import { StartStrategyDiscussion } from './use-cases/start-strategy-discussion';
import { ViewStrategyDiscussion } from './use-cases/view-strategy-discussion';

@Module({
  imports: [LiveModule, ContactsModule],
  controllers: [StrategyController, EscalationController],
  providers: [
    ViewStrategyDiscussion,
    ScheduleStrategyDiscussion,
    RecordStrategyDiscussion,
    StartStrategyDiscussion,
    CompleteStrategyAction,
    RecordS47Outcome,
    RecordIcpc,
    StrategyDiscussionOpener,
    StrategyQueue,
  ],
  // only this module writes strategy_discussion: a threshold decision opens one through the opener
  exports: [StrategyDiscussionOpener],
})
export class StrategyMeetingsModule {}
