import { ApiProperty } from '@nestjs/swagger';
import { ContactSectionProperty } from '@app/contacts';
import { DECISION_OUTCOMES, type DecisionOutcome } from '@app/core';
import { REFERRER_OUTCOMES, type ReferrerOutcome } from '../policy/threshold-rules';
import {
  AcknowledgementDto,
  DecisionOutDto,
  ReferralOutDto,
  ReferralQualityDto,
  StrategyDiscussionRefDto,
  UserRefDto,
} from './decision.dto';
import { QualityAuditDto } from './quality-audit.dto';

// issue 21 (decision 0033): the child's earlier contact, closed at the front door within the
// boomerang window (config/quality.yml) before this one arrived, and how it was decided
export class ReturnedAfterDto {
  @ApiProperty({ format: 'uuid', description: 'the earlier contact' })
  contactId: string;

  @ApiProperty({ example: 'CON-2026-000123' })
  reference: string;

  @ApiProperty({ enum: DECISION_OUTCOMES })
  outcome: DecisionOutcome;

  @ApiProperty({ description: 'the earlier decision’s rationale' })
  rationale: string;

  @ApiProperty({ type: UserRefDto, description: 'who decided it' })
  decidedBy: UserRefDto;

  @ApiProperty({
    format: 'date-time',
    description: 'when it closed: decided, or authorised when it needed to be',
  })
  closedAt: string;

  @ApiProperty({ description: 'whole days from its closing to this contact’s arrival', example: 10 })
  days: number;
}

// the return that makes this contact's decision a boomerang: the child's next contact within the window
export class BoomerangDto {
  @ApiProperty({ format: 'uuid', description: 'the later contact' })
  contactId: string;

  @ApiProperty({ example: 'CON-2026-000456' })
  reference: string;

  @ApiProperty({ format: 'date-time' })
  receivedAt: string;

  @ApiProperty({ description: 'whole days from this decision’s closing to its arrival', example: 10 })
  days: number;
}

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

  @ContactSectionProperty('staff', {
    type: ReturnedAfterDto,
    description:
      'issue 21: the child came back within the boomerang window after this earlier contact was closed at the front door',
  })
  returnedAfter?: ReturnedAfterDto;

  @ContactSectionProperty('staff', {
    type: BoomerangDto,
    description:
      'issue 21: this contact’s decision is a boomerang: the child came back within the window (config/quality.yml)',
  })
  boomerang?: BoomerangDto;

  @ContactSectionProperty('staff', {
    type: [QualityAuditDto],
    description:
      'issue 21: the dip-sample audits of this contact’s decisions (open and answered), with any concern an answer raised',
  })
  audits?: QualityAuditDto[];
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
