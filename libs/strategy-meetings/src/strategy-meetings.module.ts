import { Module } from '@nestjs/common';
import { EscalationController, StrategyController } from './strategy.controller';
import { StrategyQueue } from './strategy-queue';
import { StrategyDiscussions } from './use-cases/strategy-discussions';

@Module({
  controllers: [StrategyController, EscalationController],
  providers: [StrategyDiscussions, StrategyQueue],
})
export class StrategyMeetingsModule {}
