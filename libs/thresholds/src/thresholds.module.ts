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
import { AuditConcernClock } from './quality-audits/audit-concern-clock';
import { QualityAuditQueue } from './quality-audits/quality-audit-queue';
import { QualityAuditsController } from './quality-audits/quality-audits.controller';
import { WeeklyAuditDraw } from './quality-audits/weekly-audit-draw';
import { AuthoriseDecision } from './use-cases/authorise-decision';
import { CompleteQualityAudit } from './use-cases/complete-quality-audit';
import { DrawAuditSample } from './use-cases/draw-audit-sample';
import { ListAuditFeedback } from './use-cases/list-audit-feedback';
import { RecordDecision } from './use-cases/record-decision';
import { ResolveAuditConcern } from './use-cases/resolve-audit-concern';
import { SwapQualityAudit } from './use-cases/swap-quality-audit';
import { ViewAuditDraw } from './use-cases/view-audit-draw';
import { ViewQualityAudit } from './use-cases/view-quality-audit';

@Module({
  imports: [
    TypeOrmModule.forFeature([ThresholdDecisionEntity, ReferralEntity]),
    LiveModule,
    ContactsModule,
    StrategyMeetingsModule,
    InformationSharingModule,
  ],
  controllers: [ThresholdsController, ThresholdCatalogueController, QualityAuditsController],
  providers: [
    RecordDecision,
    AuthoriseDecision,
    PutIntoForce,
    DecisionSection,
    AuthorisationQueue,
    QualityAuditQueue,
    AuditConcernClock,
    DrawAuditSample,
    WeeklyAuditDraw,
    ViewAuditDraw,
    ViewQualityAudit,
    ListAuditFeedback,
    CompleteQualityAudit,
    SwapQualityAudit,
    ResolveAuditConcern,
    childRowsProvider('thresholds', referralChildRows),
  ],
})
export class ThresholdsModule {}
