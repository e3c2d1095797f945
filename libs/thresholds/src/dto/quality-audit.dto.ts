import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { DECISION_OUTCOMES, IsCalendarDate, Trim, type DecisionOutcome } from '@app/core';
import { UserRefDto } from './decision.dto';

// issue 21 items 3 and 5 (decision 0034): the weekly dip-sample audits

export const THRESHOLD_CORRECT = ['YES', 'PARTLY', 'NO'] as const;
export type ThresholdCorrect = (typeof THRESHOLD_CORRECT)[number];
// Ofsted's four grades, as councils grade case audits
export const AUDIT_GRADES = ['OUTSTANDING', 'GOOD', 'REQUIRES_IMPROVEMENT', 'INADEQUATE'] as const;
export type AuditGrade = (typeof AUDIT_GRADES)[number];
export const AUDIT_STATUSES = ['OPEN', 'COMPLETED', 'SWAPPED'] as const;
export type AuditStatus = (typeof AUDIT_STATUSES)[number];

export class DrawAuditSampleDto {
  @ApiProperty({
    format: 'date',
    example: '2026-11-23',
    description: 'the Monday of a week that has ended (local dates): its decisions are sampled',
  })
  @IsCalendarDate()
  weekStarting: string;
}

export class AuditItemRefDto {
  @ApiProperty({ format: 'uuid', description: 'the audit' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  contactId: string;

  @ApiProperty({ example: 'CON-2026-000123', description: 'the contact’s reference' })
  reference: string;

  @ApiProperty({ type: UserRefDto, description: 'who made the decision (never its auditor)' })
  decidedBy: UserRefDto;
}

export class AuditDrawResultDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ description: 'the seed the sample was drawn with (in the audit trail too)' })
  seed: string;

  @ApiProperty({ type: [AuditItemRefDto] })
  items: AuditItemRefDto[];
}

export class AuditSampleSettingsDto {
  @ApiPropertyOptional({ description: 'the share of each screener’s decisions drawn (rounded up)' })
  share?: number;

  @ApiPropertyOptional({ type: 'integer', description: 'or the number of each screener’s decisions' })
  perScreener?: number;

  @ApiProperty({ type: 'integer', description: 'never fewer of anyone who decided anything' })
  minimumPerScreener: number;
}

export class AuditDrawItemDto extends AuditItemRefDto {
  @ApiProperty({ enum: AUDIT_STATUSES })
  status: AuditStatus;

  @ApiPropertyOptional({ format: 'uuid', description: 'the audit this one was drawn in place of (a swap)' })
  replaces?: string;

  @ApiPropertyOptional({ description: 'why it was swapped out (SWAPPED)' })
  swapReason?: string;
}

export class AuditDrawDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ description: 'the seed the sample was drawn with (in the audit trail too)' })
  seed: string;

  @ApiProperty({ format: 'date' })
  weekStarting: string;

  @ApiProperty({ format: 'date-time' })
  drawnAt: string;

  @ApiPropertyOptional({ type: UserRefDto, description: 'absent: the weekly draw made it' })
  drawnBy?: UserRefDto;

  @ApiProperty({ format: 'date-time', description: 'when its audits are due' })
  dueAt: string;

  @ApiProperty({ type: AuditSampleSettingsDto, description: 'the sample settings it was drawn with' })
  sample: AuditSampleSettingsDto;

  @ApiProperty({ type: 'integer', description: 'how many decisions of the week it was drawn from' })
  population: number;

  @ApiProperty({ type: [AuditDrawItemDto], description: 'in the order drawn; a swap’s replacement last' })
  items: AuditDrawItemDto[];

  @ApiProperty({
    description:
      'the sample drawn again from the recorded seed and population gives the decisions first drawn',
  })
  reproducible: boolean;
}

export class CompleteAuditDto {
  @ApiProperty({ enum: THRESHOLD_CORRECT, description: 'was the threshold applied correctly' })
  @IsIn(THRESHOLD_CORRECT, { message: `must be one of ${THRESHOLD_CORRECT.join(', ')}` })
  thresholdCorrect: ThresholdCorrect;

  @ApiProperty({ enum: AUDIT_GRADES })
  @IsIn(AUDIT_GRADES, { message: `must be one of ${AUDIT_GRADES.join(', ')}` })
  grade: AuditGrade;

  @ApiProperty({
    minLength: 50,
    maxLength: 5000,
    description: 'what the auditor found (50 characters or more)',
  })
  @Trim()
  @IsString({ message: 'findings are required' })
  @Length(50, 5000, { message: 'must be 50 to 5000 characters: say what you found' })
  findings: string;

  @ApiPropertyOptional({ maxLength: 5000, description: 'what the decider or the team should do' })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 5000, { message: 'must be 1 to 5000 characters' })
  actions?: string;
}

export class SwapAuditDto {
  @ApiProperty({ minLength: 10, maxLength: 2000, description: 'why this decision leaves the sample' })
  @Trim()
  @IsString({ message: 'a reason is required' })
  @Length(10, 2000, { message: 'must be 10 to 2000 characters: say why' })
  reason: string;
}

export class ResolveConcernDto {
  @ApiProperty({ minLength: 10, maxLength: 2000, description: 'what was done about the concern' })
  @Trim()
  @IsString({ message: 'say what was done' })
  @Length(10, 2000, { message: 'must be 10 to 2000 characters: say what was done' })
  comment: string;
}

export class AuditConcernDto {
  @ApiProperty({ format: 'date-time', description: 'when a manager is to have dealt with it' })
  dueAt: string;

  @ApiPropertyOptional({ type: UserRefDto })
  resolvedBy?: UserRefDto;

  @ApiPropertyOptional({ format: 'date-time' })
  resolvedAt?: string;

  @ApiPropertyOptional()
  comment?: string;
}

export class AuditAnswerDto {
  @ApiProperty({ enum: THRESHOLD_CORRECT })
  thresholdCorrect: ThresholdCorrect;

  @ApiProperty({ enum: AUDIT_GRADES })
  grade: AuditGrade;

  @ApiProperty()
  findings: string;

  @ApiPropertyOptional()
  actions?: string;

  @ApiProperty({ type: UserRefDto })
  auditedBy: UserRefDto;

  @ApiProperty({ format: 'date-time' })
  auditedAt: string;

  @ApiProperty({ description: 'answered by its due time' })
  onTime: boolean;

  @ApiPropertyOptional({
    type: AuditConcernDto,
    description: 'a NO on a child still open: the contact is back before a manager',
  })
  concern?: AuditConcernDto;
}

export class AuditedDecisionDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 4 })
  level: number;

  @ApiProperty({ enum: DECISION_OUTCOMES })
  outcome: DecisionOutcome;

  @ApiProperty()
  rationale: string;

  @ApiProperty({ format: 'date-time' })
  decidedAt: string;
}

export class QualityAuditDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  drawId: string;

  @ApiProperty({ format: 'date' })
  weekStarting: string;

  @ApiProperty({ enum: AUDIT_STATUSES })
  status: AuditStatus;

  @ApiProperty({ format: 'date-time' })
  drawnAt: string;

  @ApiProperty({ format: 'date-time' })
  dueAt: string;

  @ApiProperty({ enum: ['ON_TRACK', 'DUE_SOON', 'OVERDUE'], description: 'while OPEN' })
  timeliness: string;

  @ApiProperty({ format: 'uuid' })
  contactId: string;

  @ApiProperty()
  reference: string;

  @ApiProperty()
  childName: string;

  @ApiProperty({ enum: ['RED', 'AMBER', 'GREEN'] })
  rag: string;

  @ApiProperty({ type: UserRefDto })
  decidedBy: UserRefDto;

  @ApiProperty({ type: AuditedDecisionDto })
  decision: AuditedDecisionDto;

  @ApiPropertyOptional({ type: AuditAnswerDto, description: 'once COMPLETED' })
  answer?: AuditAnswerDto;

  @ApiPropertyOptional({ format: 'uuid', description: 'the audit this one was drawn in place of' })
  replaces?: string;

  @ApiPropertyOptional({ description: 'SWAPPED: why, and who swapped it' })
  swapReason?: string;

  @ApiPropertyOptional({ type: UserRefDto })
  swappedBy?: UserRefDto;

  @ApiPropertyOptional({ format: 'uuid', description: 'SWAPPED: the audit drawn in its place' })
  replacedBy?: string;

  @ApiProperty({ description: 'whether the reader may answer it (a manager, not its decider, while OPEN)' })
  canAudit: boolean;
}

export class SwapAuditResultDto {
  @ApiProperty({ type: QualityAuditDto, description: 'the audit swapped out' })
  swapped: QualityAuditDto;

  @ApiPropertyOptional({
    type: QualityAuditDto,
    description: 'the decision drawn in its place (absent: every one of theirs that week is drawn)',
  })
  replacement?: QualityAuditDto;
}

export class AuditFeedbackListDto {
  @ApiProperty({ type: [QualityAuditDto], description: 'the completed audits of my decisions, newest first' })
  items: QualityAuditDto[];
}
