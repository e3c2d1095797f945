import { ContactSectionProperty } from '@app/contacts';
import { REFERRER_OUTCOMES, type ReferrerOutcome } from '../policy/threshold-rules';
import {
  AcknowledgementDto,
  DecisionOutDto,
  ReferralOutDto,
  ReferralQualityDto,
  StrategyDiscussionRefDto,
} from './decision.dto';

// what the decision section adds to GET /api/contacts/:id for MACH staff
export class StaffDecisionSectionDto {
  @ContactSectionProperty('staff', {
    type: DecisionOutDto,
    description: 'the standing threshold decision, or the last one (rejected, with the manager’s comment)',
  })
  decision?: DecisionOutDto;

  @ContactSectionProperty('staff', {
    type: [DecisionOutDto],
    description: 'earlier decisions a manager rejected, newest first',
  })
  earlierDecisions?: DecisionOutDto[];

  @ContactSectionProperty('staff', { type: ReferralOutDto, description: 'the referral the decision made' })
  referral?: ReferralOutDto;

  @ContactSectionProperty('staff', {
    type: StrategyDiscussionRefDto,
    description: 'the strategy discussion the decision started',
  })
  strategyDiscussion?: StrategyDiscussionRefDto;
}

// what it adds for the referring partner: the outcome as the referrer was told it
export class PartnerDecisionSectionDto {
  @ContactSectionProperty('partner', {
    enum: REFERRER_OUTCOMES,
    description: 'the outcome, as the referrer is told it',
  })
  outcome?: ReferrerOutcome;

  @ContactSectionProperty('partner', { type: AcknowledgementDto })
  acknowledgement?: AcknowledgementDto;

  @ContactSectionProperty('partner', {
    type: ReferralQualityDto,
    description: 'how the front door graded what the referrer sent, and what it lacked (issue 18)',
  })
  quality?: ReferralQualityDto;
}
