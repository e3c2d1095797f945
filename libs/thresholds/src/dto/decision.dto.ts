import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
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
} from 'class-validator';
import { DECISION_OUTCOMES, type DecisionOutcome } from '@app/core';

const trim = () => Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));

export class RecordDecisionDto {
  @ApiProperty({ minimum: 1, maximum: 4, description: '1 Universal, 2 Early help, 3 Child in need (s17), 4 Child protection (s47)' })
  @IsInt()
  @Min(1)
  @Max(4)
  level: number;

  @ApiProperty({ enum: DECISION_OUTCOMES })
  @IsIn(DECISION_OUTCOMES)
  outcome: DecisionOutcome;

  @ApiProperty({ minLength: 50, description: 'why this decision, for the record' })
  @trim()
  @IsString()
  @MaxLength(10000)
  rationale: string;

  @ApiPropertyOptional({ example: 'N1', description: 'CIN primary need; required when the outcome makes a referral' })
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
  @trim()
  @IsString()
  @MaxLength(2000)
  overrideReason?: string;
}

export class AuthoriseDecisionDto {
  @ApiProperty({ description: 'true puts the decision in force; false returns the contact to screening' })
  @IsBoolean()
  approve: boolean;

  @ApiPropertyOptional({ description: 'required when rejecting; shown to the screener' })
  @ValidateIf((d: AuthoriseDecisionDto) => d.approve === false || d.comment !== undefined)
  @trim()
  @IsString({ message: 'a comment is required when rejecting' })
  @Length(5, 2000, { message: 'a comment is required when rejecting (5 to 2000 characters)' })
  comment?: string;
}

class UserRefDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  name: string;
}

class AcknowledgementDto {
  @ApiProperty({ description: 'the referrer told of the outcome' })
  recipient: { name: string; organisation: string };

  @ApiProperty({ enum: ['NO_FURTHER_ACTION', 'INFORMATION_AND_ADVICE', 'EARLY_HELP', 'SOCIAL_CARE'] })
  outcome: string;

  @ApiProperty({ format: 'date-time' })
  recordedAt: string;
}

class AuthorisationReasonDto {
  @ApiProperty({ enum: ['RED_CONTACT_CLOSED', 'OVERRIDE', 'REPEAT_CONTACTS'] })
  code: string;

  @ApiProperty()
  text: string;
}

export class DecisionOutDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
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

  @ApiProperty({ format: 'date-time' })
  decidedAt: string;

  @ApiProperty({ type: UserRefDto })
  decidedBy: UserRefDto;

  @ApiProperty({ description: 'decided by the contact decisionDueAt' })
  withinTimescale: boolean;

  @ApiProperty({ description: 'minutes from receipt to decision' })
  minutesTaken: number;

  @ApiProperty({ enum: ['DECIDED', 'AWAITING_AUTHORISATION', 'APPROVED', 'REJECTED'] })
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

  @ApiProperty({ format: 'date', description: 'single assessment due: 45 working days after the referral date' })
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

  @ApiProperty({ enum: ['DECIDED', 'AWAITING_AUTHORISATION', 'IN_SCREENING', 'RECEIVED'], description: 'the contact status now' })
  status: string;

  @ApiPropertyOptional({ type: ReferralOutDto })
  referral?: ReferralOutDto;

  @ApiPropertyOptional({ type: StrategyDiscussionRefDto })
  strategyDiscussion?: StrategyDiscussionRefDto;
}
