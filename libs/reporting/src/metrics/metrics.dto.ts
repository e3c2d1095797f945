import { ApiProperty } from '@nestjs/swagger';
import type { Ratio } from './metrics-math';
import type {
  AgencyQualityFigures,
  AgencyRequestFigures,
  AgencyResponseMonth,
  DecidedWithinTimescale,
  InformationSharingFigures,
  MedianMinutesToDecision,
  QueueFigures,
  RagCounts,
  ScreenerWorkload,
  ScreeningMetrics,
  TimelinessCounts,
} from './metrics.service';

export class RatioDto implements Ratio {
  @ApiProperty({ type: 'integer', example: 4 })
  numerator: number;

  @ApiProperty({ type: 'integer', example: 5 })
  denominator: number;

  @ApiProperty({
    type: Number,
    nullable: true,
    example: 80,
    description: '0-100, one decimal; null when the denominator is 0',
  })
  percent: number | null;
}

export class RagCountsDto implements RagCounts {
  @ApiProperty({ type: 'integer' })
  RED: number;

  @ApiProperty({ type: 'integer' })
  AMBER: number;

  @ApiProperty({ type: 'integer' })
  GREEN: number;
}

export class TimelinessCountsDto implements TimelinessCounts {
  @ApiProperty({ type: 'integer' })
  ON_TRACK: number;

  @ApiProperty({ type: 'integer' })
  DUE_SOON: number;

  @ApiProperty({ type: 'integer' })
  OVERDUE: number;
}

export class QueueFiguresDto implements QueueFigures {
  @ApiProperty({ type: 'integer', description: 'open items on the queue' })
  open: number;

  @ApiProperty({ type: RagCountsDto })
  byRag: RagCountsDto;

  @ApiProperty({ type: TimelinessCountsDto })
  byTimeliness: TimelinessCountsDto;

  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: 'whole minutes since the oldest open item was received',
  })
  oldestItemAgeMinutes: number | null;
}

export class QueuesFiguresDto {
  @ApiProperty({ type: QueueFiguresDto, description: 'contacts RECEIVED or IN_SCREENING' })
  screening: QueueFiguresDto;

  @ApiProperty({ type: QueueFiguresDto, description: 'contacts AWAITING_AUTHORISATION' })
  authorisation: QueueFiguresDto;
}

export class DecidedWithinTimescaleDto implements DecidedWithinTimescale {
  @ApiProperty({ type: RatioDto, description: 'decisions in the last 24 hours made by their deadline' })
  last24h: RatioDto;

  @ApiProperty({ type: RatioDto, description: 'decisions in the last 7 days made by their deadline' })
  last7d: RatioDto;

  @ApiProperty({ type: RatioDto, description: 'decisions in the last 30 days made by their deadline' })
  last30d: RatioDto;
}

export class MedianMinutesToDecisionDto implements MedianMinutesToDecision {
  @ApiProperty({ type: Number, nullable: true })
  RED: number | null;

  @ApiProperty({ type: Number, nullable: true })
  AMBER: number | null;

  @ApiProperty({ type: Number, nullable: true })
  GREEN: number | null;
}

export class ScreenerWorkloadDto implements ScreenerWorkload {
  @ApiProperty({ format: 'uuid' })
  userId: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ type: 'integer', description: 'open screening contacts this screener has claimed' })
  open: number;
}

export class AgencyAttendanceDto extends RatioDto {
  @ApiProperty({ enum: ['LA_SOCIAL_CARE', 'POLICE', 'HEALTH', 'EDUCATION', 'PROBATION', 'OTHER'] })
  agency: string;
}

export class StrategyFiguresDto {
  @ApiProperty({ type: RatioDto, description: 'held in the last 30 days: held by the due time' })
  heldWithinTimescale: RatioDto;

  @ApiProperty({
    type: RatioDto,
    description: 'held in the last 30 days: all three required agencies attended',
  })
  quorate: RatioDto;

  @ApiProperty({
    type: [AgencyAttendanceDto],
    description: 'held in the last 30 days: attended / expected, per agency',
  })
  attendanceByAgency: AgencyAttendanceDto[];

  @ApiProperty({ description: 'actions of current records past their due date and not marked done' })
  actionsPastDue: number;

  @ApiProperty({
    type: RatioDto,
    description:
      'ICPCs held in the last 30 days: held within 15 working days of the s47 start (CIN census InitialCPCtarget)',
  })
  icpcHeldWithinTarget: RatioDto;
}

export class DomesticAbuseFiguresDto {
  @ApiProperty({ description: 'police notifications awaiting triage' })
  awaitingTriage: number;

  @ApiProperty({
    type: () => RatioDto,
    description: 'received in the last 30 days and triaged: triaged by the deadline',
  })
  triagedWithinTimescale: RatioDto;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'received in the last 30 days: median minutes from incident to receipt',
  })
  medianPoliceSubmissionDelayMinutes: number | null;

  @ApiProperty({
    type: () => RatioDto,
    description: 'school notifications made in the last 30 days and due: sent by 08:30',
  })
  encompassSentOnTime: RatioDto;
}

// issue 18 item 5
export class ResponseMinutesDto implements Record<'RED' | 'AMBER' | 'GREEN', number | null> {
  @ApiProperty({ type: Number, nullable: true })
  RED: number | null;

  @ApiProperty({ type: Number, nullable: true })
  AMBER: number | null;

  @ApiProperty({ type: Number, nullable: true })
  GREEN: number | null;
}

export class AgencyRequestFiguresDto implements AgencyRequestFigures {
  @ApiProperty({ format: 'uuid' })
  agencyId: string;

  @ApiProperty()
  agency: string;

  @ApiProperty({
    type: RatioDto,
    description:
      'requests made in the last 30 days that are answered or due: answered or declined by the due time',
  })
  answeredWithinTimescale: RatioDto;

  @ApiProperty({
    type: ResponseMinutesDto,
    description: 'requests made in the last 30 days and answered: median minutes to the first answer, by RAG',
  })
  medianResponseMinutes: ResponseMinutesDto;

  @ApiProperty({ description: 'open requests now' })
  open: number;

  @ApiProperty({ description: 'open requests past their due time now' })
  overdue: number;

  @ApiProperty({ description: 'requests made in the last 30 days' })
  requests: number;

  @ApiProperty({ description: 'chases of those requests (chases per request: chases / requests)' })
  chases: number;
}

export class AgencyQualityFiguresDto implements AgencyQualityFigures {
  @ApiProperty({ description: 'the referring agency (the contact’s origin)' })
  agency: string;

  @ApiProperty({ example: '2026-11', description: 'the front door’s local month of the decision' })
  month: string;

  @ApiProperty()
  complete: number;

  @ApiProperty()
  partial: number;

  @ApiProperty()
  insufficient: number;

  @ApiProperty({ type: RatioDto, description: 'COMPLETE of every graded contact' })
  completeShare: RatioDto;
}

export class AgencyResponseMonthDto implements AgencyResponseMonth {
  @ApiProperty({ format: 'uuid' })
  agencyId: string;

  @ApiProperty()
  agency: string;

  @ApiProperty({ example: '2026-11', description: 'the front door’s local month of the request' })
  month: string;

  @ApiProperty({ description: 'requests made in the month' })
  requests: number;

  @ApiProperty({
    type: RatioDto,
    description: 'of the month’s requests answered or due: answered or declined by the due time',
  })
  answeredWithinTimescale: RatioDto;
}

export class InformationSharingFiguresDto implements InformationSharingFigures {
  @ApiProperty({
    type: [AgencyRequestFiguresDto],
    description: 'agencies asked in 30 days or with requests open, by name',
  })
  byAgency: AgencyRequestFiguresDto[];

  @ApiProperty({
    type: [AgencyResponseMonthDto],
    description: 'requests made in the last 12 months, by month then asked agency',
  })
  responsesByMonth: AgencyResponseMonthDto[];

  @ApiProperty({ type: [AgencyQualityFiguresDto], description: 'the last 12 months, by month then agency' })
  qualityByReferringAgency: AgencyQualityFiguresDto[];
}

export class ScreeningMetricsDto implements ScreeningMetrics {
  @ApiProperty({ format: 'date-time', description: 'the instant every figure is computed at' })
  asOf: string;

  @ApiProperty({ type: QueuesFiguresDto })
  queues: QueuesFiguresDto;

  @ApiProperty({ type: DecidedWithinTimescaleDto })
  decidedWithinTimescale: DecidedWithinTimescaleDto;

  @ApiProperty({
    type: MedianMinutesToDecisionDto,
    description: 'decisions in the last 30 days, by the contact’s current RAG; null when none',
  })
  medianMinutesToDecision: MedianMinutesToDecisionDto;

  @ApiProperty({
    type: RatioDto,
    description: 'decisions in the last 30 days (rejected ones aside) whose outcome makes a referral',
  })
  contactToReferralConversion: RatioDto;

  @ApiProperty({ type: RatioDto, description: 'referrals dated in the last 12 months that are re-referrals' })
  reReferralRate: RatioDto;

  @ApiProperty({ type: [ScreenerWorkloadDto], description: 'most open first, then by name' })
  workloadPerScreener: ScreenerWorkloadDto[];

  @ApiProperty({ type: DomesticAbuseFiguresDto })
  domesticAbuse: DomesticAbuseFiguresDto;

  @ApiProperty({ type: StrategyFiguresDto })
  strategy: StrategyFiguresDto;

  @ApiProperty({ type: InformationSharingFiguresDto })
  informationSharing: InformationSharingFiguresDto;
}
