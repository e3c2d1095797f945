import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ContactsModule, childRowsProvider } from '@app/contacts';
import { InformationSharingModule } from '@app/information-sharing';
import { LiveModule } from '@app/live';
import { StrategyMeetingsModule } from '@app/strategy-meetings';
import { AuthorisationQueue } from './authorisation-queue';
import { DecisionSection } from './decision-section';
import { ReferralEntity } from './entities/referral.entity';
import { ThresholdDecisionEntity } from './entities/threshold-decision.entity';
import { PutIntoForce } from './put-into-force';
import { referralChildRows } from './thresholds.repository';
import { ThresholdCatalogueController, ThresholdsController } from './thresholds.controller';
import { AuthoriseDecision } from './use-cases/authorise-decision';
import { RecordDecision } from './use-cases/record-decision';

@Module({
  imports: [
    TypeOrmModule.forFeature([ThresholdDecisionEntity, ReferralEntity]),
    LiveModule,
    ContactsModule,
    StrategyMeetingsModule,
    InformationSharingModule,
  ],
  controllers: [ThresholdsController, ThresholdCatalogueController],
  providers: [
    RecordDecision,
    AuthoriseDecision,
    PutIntoForce,
    DecisionSection,
    AuthorisationQueue,
    childRowsProvider('thresholds', referralChildRows),
  ],
})
export class ThresholdsModule {}
