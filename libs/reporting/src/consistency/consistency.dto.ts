import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import {
  DECISION_OUTCOMES,
  IsCalendarDate,
  RAG_RATINGS,
  type DecisionOutcome,
  type RagRating,
} from '@app/core';
import { RatioDto } from '../metrics/metrics.dto';
import type { FlaggedScreener, OutcomeShare, RagMix, ScreenerMix } from './consistency-rules';

export class ConsistencyQueryDto {
  @ApiPropertyOptional({
    format: 'date',
    example: '2026-09-01',
    description: 'the first day of the period (a local date); default 90 days before `to`',
  })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({
    format: 'date',
    example: '2026-11-30',
    description: 'the last day of the period, included (a local date); default today',
  })
  @IsOptional()
  @IsCalendarDate()
  to?: string;
}

export class OutcomeShareDto implements OutcomeShare {
  @ApiProperty({ enum: DECISION_OUTCOMES })
  outcome: DecisionOutcome;

  @ApiProperty({ type: 'integer' })
  count: number;

  @ApiProperty({ type: RatioDto, description: 'of the RAG’s standing decisions' })
  share: RatioDto;
}

export class RagMixDto implements RagMix {
  @ApiProperty({ enum: RAG_RATINGS })
  rag: RagRating;

  @ApiProperty({ type: 'integer', description: 'standing decisions (in force, or awaiting authorisation)' })
  decisions: number;

  @ApiProperty({ type: [OutcomeShareDto], description: 'every outcome, in the catalogue’s order' })
  outcomes: OutcomeShareDto[];

  @ApiProperty({
    type: RatioDto,
    description: 'standing decisions that overrode the rating or the level’s usual outcome',
  })
  overrides: RatioDto;

  @ApiProperty({ type: 'integer', description: 'decisions a manager rejected at authorisation' })
  rejections: number;
}

export class ScreenerMixDto implements ScreenerMix {
  @ApiProperty({ format: 'uuid' })
  userId: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ type: [RagMixDto], description: 'RED, AMBER, GREEN' })
  byRag: RagMixDto[];

  @ApiProperty({ type: RatioDto, description: 'NFA among their standing RED and AMBER decisions' })
  nfaOnRedAmber: RatioDto;
}

export class FlaggedScreenerDto implements FlaggedScreener {
  @ApiProperty({ format: 'uuid' })
  userId: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ type: RatioDto, description: 'NFA among their standing RED and AMBER decisions' })
  nfaOnRedAmber: RatioDto;

  @ApiProperty({ type: RatioDto, description: 'the same for everyone else’s decisions, pooled' })
  restOfTeam: RatioDto;

  @ApiProperty({
    description: 'their share less the rest’s, in percentage points (one decimal)',
    example: 22.5,
  })
  differencePoints: number;
}

export class ConsistencyRuleDto {
  @ApiProperty({ description: 'config/quality.yml consistency.nfaShareMargin', example: 0.15 })
  nfaShareMargin: number;

  @ApiProperty({
    type: 'integer',
    description: 'config/quality.yml consistency.minimumDecisions',
    example: 20,
  })
  minimumDecisions: number;
}

export class BoomerangRateDto {
  @ApiProperty({ nullable: true, type: String, description: 'the screener’s or agency’s id, or the outcome' })
  key: string | null;

  @ApiProperty({ description: 'the screener’s or agency’s name, or the outcome' })
  label: string;

  @ApiProperty({
    type: RatioDto,
    description: 'closures the child came back after within the window, of all closures with these outcomes',
  })
  rate: RatioDto;

  @ApiProperty({
    type: 'integer',
    description: 'closures in the denominator whose window is still open (they may yet come back)',
  })
  stillInWindow: number;
}

export class BoomerangFiguresDto {
  @ApiProperty({ format: 'date-time', description: 'closures after this instant' })
  since: string;

  @ApiProperty({ format: 'date-time', description: 'and up to this one (the end of `to`)' })
  until: string;

  @ApiProperty({ type: BoomerangRateDto })
  all: BoomerangRateDto;

  @ApiProperty({ type: [BoomerangRateDto], description: 'by who decided, by name' })
  byScreener: BoomerangRateDto[];

  @ApiProperty({ type: [BoomerangRateDto], description: 'by the closing outcome' })
  byOutcome: BoomerangRateDto[];

  @ApiProperty({
    type: [BoomerangRateDto],
    description: 'by the agency that made the closed contact, by name',
  })
  byAgency: BoomerangRateDto[];
}

export class BoomerangSummaryDto {
  @ApiProperty({ type: 'integer', description: 'config/quality.yml boomerang.windowDays', example: 30 })
  windowDays: number;

  @ApiProperty({
    enum: DECISION_OUTCOMES,
    isArray: true,
    description: 'config/quality.yml boomerang.outcomes',
  })
  outcomes: DecisionOutcome[];

  @ApiProperty({ type: BoomerangFiguresDto })
  last3Months: BoomerangFiguresDto;

  @ApiProperty({ type: BoomerangFiguresDto })
  last12Months: BoomerangFiguresDto;
}

// issue 21 item 4: the dip-sample audits of decisions drawn in the period
export class AuditJudgementDto {
  @ApiProperty({ nullable: true, type: String, description: 'the screener’s id, or the month YYYY-MM' })
  key: string | null;

  @ApiProperty({ description: 'the screener’s name, or the month' })
  label: string;

  @ApiProperty({ type: 'integer' })
  yes: number;

  @ApiProperty({ type: 'integer' })
  partly: number;

  @ApiProperty({ type: 'integer' })
  no: number;

  @ApiProperty({
    type: RatioDto,
    description: 'audits that found the threshold right (YES), of all answered',
  })
  correct: RatioDto;
}

export class GradeCountDto {
  @ApiProperty({ enum: ['OUTSTANDING', 'GOOD', 'REQUIRES_IMPROVEMENT', 'INADEQUATE'] })
  grade: string;

  @ApiProperty({ type: 'integer' })
  count: number;
}

export class AuditFiguresDto {
  @ApiProperty({ type: 'integer', description: 'decisions drawn in the period (swapped ones not counted)' })
  drawn: number;

  @ApiProperty({ type: RatioDto, description: 'answered by their due time, of all answered' })
  onTime: RatioDto;

  @ApiProperty({ type: 'integer', description: 'answered after their due time' })
  late: number;

  @ApiProperty({ type: 'integer', description: 'not answered yet' })
  open: number;

  @ApiProperty({ type: 'integer', description: 'not answered and past their due time now' })
  overdue: number;

  @ApiProperty({ type: [AuditJudgementDto], description: 'by the screener who decided' })
  byScreener: AuditJudgementDto[];

  @ApiProperty({ type: [AuditJudgementDto], description: 'by the month answered, oldest first' })
  byMonth: AuditJudgementDto[];

  @ApiProperty({ type: [GradeCountDto], description: 'OUTSTANDING to INADEQUATE' })
  grades: GradeCountDto[];
}

export class BoomerangMonthDto {
  @ApiProperty({ example: '2026-11', description: 'the month of the closures (local time)' })
  month: string;

  @ApiProperty({ type: RatioDto, description: 'closures the child came back after within the window' })
  rate: RatioDto;
}

export class ConsistencyDto {
  @ApiProperty({ format: 'date' })
  from: string;

  @ApiProperty({ format: 'date' })
  to: string;

  @ApiProperty({ type: ConsistencyRuleDto })
  rule: ConsistencyRuleDto;

  @ApiProperty({
    type: [RagMixDto],
    description: 'the whole team’s decisions in the period, RED, AMBER, GREEN',
  })
  team: RagMixDto[];

  @ApiProperty({ type: RatioDto, description: 'NFA among the team’s standing RED and AMBER decisions' })
  teamNfaOnRedAmber: RatioDto;

  @ApiProperty({ type: [ScreenerMixDto], description: 'everyone who decided in the period, by name' })
  screeners: ScreenerMixDto[];

  @ApiProperty({
    type: [FlaggedScreenerDto],
    description:
      'screeners whose NFA share on RED and AMBER differs from the rest of the team’s by more than the margin, over at least the minimum of such decisions',
  })
  flagged: FlaggedScreenerDto[];

  @ApiProperty({ type: BoomerangSummaryDto, description: 'over the 3 and 12 months to the end of `to`' })
  boomerangs: BoomerangSummaryDto;

  @ApiProperty({
    type: AuditFiguresDto,
    description: 'issue 21: the dip-sample audits of decisions drawn in the period',
  })
  audits: AuditFiguresDto;

  @ApiProperty({
    type: [BoomerangMonthDto],
    description: 'issue 21: the boomerang rate of each of the 12 months to the period’s end, oldest first',
  })
  boomerangTrend: BoomerangMonthDto[];
}
