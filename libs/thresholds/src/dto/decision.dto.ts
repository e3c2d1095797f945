import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  Length,
  ValidateNested,
} from 'class-validator';
import { DECISION_OUTCOMES, Trim, type DecisionOutcome } from '@app/core';
import { DECISION_STATUSES } from '../entities/threshold-decision.entity';
import {
  QUALITY_GRADES,
  QUALITY_REASONS,
  type QualityGrade,
  type QualityReason,
} from '../policy/referral-quality';
import {
  AUTHORISATION_REASON_CODES,
  REFERRER_OUTCOMES,
  type ReferrerOutcome,
} from '../policy/threshold-rules';

// issue 18 item 4: the screener's grade of what the referrer sent
export class ReferralQualityDto {
  @ApiProperty({ enum: QUALITY_GRADES })
  @IsIn(QUALITY_GRADES, { message: `must be one of ${QUALITY_GRADES.join(', ')}` })
  grade: QualityGrade;

  @ApiPropertyOptional({
    type: [String],
    enum: QUALITY_REASONS,
    description: 'what the contact lacked: none when COMPLETE, one or more otherwise',
  })
  @IsOptional()
  @IsArray({ message: 'must be a list of reason codes' })
  @ArrayUnique({ message: 'must name each reason once' })
  @IsIn(QUALITY_REASONS, { each: true, message: `each must be one of ${QUALITY_REASONS.join(', ')}` })
  reasons?: QualityReason[];
}

export class RecordDecisionDto {
  @ApiProperty({
    type: 'integer',
    minimum: 1,
    maximum: 4,
    description: '1 Universal, 2 Early help, 3 Child in need (s17), 4 Child protection (s47)',
  })
  @IsInt()
  @Min(1)
  @Max(4)
  level: number;

  @ApiProperty({ enum: DECISION_OUTCOMES })
  @IsIn(DECISION_OUTCOMES)
  outcome: DecisionOutcome;

  @ApiProperty({ minLength: 50, description: 'why this decision, for the record' })
  @Trim()
  @IsString()
  @MaxLength(10000)
  rationale: string;

  @ApiPropertyOptional({
    example: 'N1',
    description: 'CIN primary need; required when the outcome makes a referral',
  })
  @IsOptional()
  @IsString()
  primaryNeedCode?: string;

  @ApiPropertyOptional({ type: [String], example: ['3A', '4B'], description: 'CIN assessment factor codes' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(44)
  @IsString({ each: true })
  factors?: string[];

  @ApiPropertyOptional({ description: 'required when the level and outcome are not a usual pair' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(2000)
  overrideReason?: string;

  @ApiPropertyOptional({
    description:
      'required while partner agencies have not answered the contact’s information requests: why the decision does not wait (10 to 2000 characters)',
  })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(10, 2000, { message: 'must be 10 to 2000 characters' })
  openRequestsReason?: string;
  @ApiPropertyOptional({
    type: ReferralQualityDto,
    description: 'the grade of what the referrer sent (the referring agency sees it)',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => ReferralQualityDto)
  quality?: ReferralQualityDto;
}

export class AuthoriseDecisionDto {
  @ApiProperty({ description: 'true puts the decision in force; false returns the contact to screening' })
  @IsBoolean()
  approve: boolean;

  @ApiPropertyOptional({ description: 'required when rejecting; shown to the screener' })
  @ValidateIf((d: AuthoriseDecisionDto) => d.approve === false || d.comment !== undefined)
  @Trim()
  @IsString({ message: 'a comment is required when rejecting' })
  @Length(5, 2000, { message: 'a comment is required when rejecting (5 to 2000 characters)' })
  comment?: string;
}

export class UserRefDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  name: string;
}

export class RecipientDto {
  @ApiProperty({ example: 'Ms J Patel' })
  name: string;

  @ApiProperty({ example: 'Acklam Primary School' })
  organisation: string;
}

// what the referrer is told of the outcome (no detail of child protection enquiries)
export class AcknowledgementDto {
  @ApiProperty({ type: RecipientDto, description: 'the referrer told of the outcome' })
  recipient: RecipientDto;

  @ApiProperty({ enum: REFERRER_OUTCOMES })
  outcome: ReferrerOutcome;

  @ApiProperty({ format: 'date-time' })
  recordedAt: string;
}

class AuthorisationReasonDto {
  @ApiProperty({ enum: AUTHORISATION_REASON_CODES })
  code: string;

  @ApiProperty()
  text: string;
}

export class DecisionOutDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 4 })
  level: number;

  @ApiProperty({ enum: DECISION_OUTCOMES })
  outcome: string;

  @ApiProperty()
  rationale: string;

  @ApiPropertyOptional()
  primaryNeedCode?: string;

  @ApiProperty({ type: [String] })
  factors: string[];

  @ApiPropertyOptional()
  overrideReason?: string;

  @ApiPropertyOptional({ description: 'why it was decided while information requests were open' })
  openRequestsReason?: string;

  @ApiPropertyOptional({ type: ReferralQualityDto })
  quality?: ReferralQualityDto;

  @ApiProperty({ format: 'date-time' })
  decidedAt: string;

  @ApiProperty({ type: UserRefDto })
  decidedBy: UserRefDto;

  @ApiProperty({ description: 'decided by the contact decisionDueAt' })
  withinTimescale: boolean;

  @ApiProperty({ description: 'minutes from receipt to decision' })
  minutesTaken: number;

  @ApiProperty({ enum: DECISION_STATUSES })
  status: string;

  @ApiProperty({ type: [AuthorisationReasonDto] })
  authorisationReasons: AuthorisationReasonDto[];

  @ApiPropertyOptional({ type: UserRefDto })
  authorisedBy?: UserRefDto;

  @ApiPropertyOptional({ format: 'date-time' })
  authorisedAt?: string;

  @ApiPropertyOptional()
  authorisationComment?: string;

  @ApiPropertyOptional({ type: AcknowledgementDto })
  acknowledgement?: AcknowledgementDto;
}

export class ReferralOutDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'date' })
  referralDate: string;

  @ApiProperty({
    format: 'date',
    description: 'single assessment due: 45 working days after the referral date',
  })
  assessmentDueDate: string;

  @ApiProperty({ description: 'a referral within 12 months of the previous one' })
  reReferral: boolean;

  @ApiProperty()
  primaryNeedCode: string;

  @ApiProperty()
  source: string;
}

export class StrategyDiscussionRefDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'date-time' })
  dueAt: string;
}

export class DecisionResultDto {
  @ApiProperty({ type: DecisionOutDto })
  decision: DecisionOutDto;

  @ApiProperty({
    enum: ['DECIDED', 'AWAITING_AUTHORISATION', 'IN_SCREENING', 'RECEIVED'],
    description: 'the contact status now',
  })
  status: string;

  @ApiPropertyOptional({ type: ReferralOutDto })
  referral?: ReferralOutDto;

  @ApiPropertyOptional({ type: StrategyDiscussionRefDto })
  strategyDiscussion?: StrategyDiscussionRefDto;
}

export class CodeLabelDto {
  @ApiProperty({ example: 'N1' })
  code: string;

  @ApiProperty()
  label: string;
}

export class ThresholdLevelDto {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 4 })
  level: number;

  @ApiProperty({ example: 'Child in need (s17)' })
  name: string;

  @ApiProperty({ enum: DECISION_OUTCOMES, isArray: true, description: 'the outcomes usual for this level' })
  usualOutcomes: string[];

  @ApiProperty({
    description: 'what the level means, for the people who make contacts',
    example: 'The child and family need extra support that agencies can coordinate (early help).',
  })
  description: string;

  @ApiProperty({ type: [String], description: 'examples of concerns at this level' })
  examples: string[];
}

// what a decision form offers and checks, from config/threshold-catalogue.yml and the CIN
// census code lists, so a client never keeps its own copy of a rule
export class ThresholdCatalogueDto {
  @ApiProperty({ type: [ThresholdLevelDto] })
  levels: ThresholdLevelDto[];

  @ApiProperty({ enum: DECISION_OUTCOMES, isArray: true })
  outcomes: string[];

  @ApiProperty({ enum: DECISION_OUTCOMES, isArray: true, description: 'outcomes that make a referral' })
  referralOutcomes: string[];

  @ApiProperty({ description: 'the shortest rationale accepted, in characters' })
  rationaleMinLength: number;

  @ApiProperty({ description: 'the shortest override reason accepted, in characters' })
  overrideReasonMinLength: number;

  @ApiProperty({ type: [CodeLabelDto], description: 'CIN census primary need codes' })
  primaryNeeds: CodeLabelDto[];

  @ApiProperty({ type: [CodeLabelDto], description: 'CIN census assessment factor codes' })
  factors: CodeLabelDto[];

  @ApiProperty({ example: '21', description: 'the factor code that means none, which stands alone' })
  noFactorsCode: string;
}
