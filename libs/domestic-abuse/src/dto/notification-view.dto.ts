import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { HistoryDto } from '@app/contacts';
import { RISK_LEVELS } from '@app/core';
import { TRIAGE_OUTCOMES } from '../policy/triage-rules';
import { NotificationChildDto, OfficerDto, PerpetratorDto, VictimDto } from './submit-notification.dto';

export class SuggestionDto {
  @ApiProperty({ enum: TRIAGE_OUTCOMES })
  outcome: string;

  @ApiProperty({ description: 'the MARAC flag the rules give' })
  marac: boolean;

  @ApiProperty({ type: [String], description: 'the matrix rules that fired' })
  reasons: string[];

  @ApiProperty({ type: [String] })
  maracReasons: string[];
}

export class TriageViewDto {
  @ApiProperty({ enum: TRIAGE_OUTCOMES })
  outcome: string;

  @ApiPropertyOptional({ description: 'MACH staff only' })
  rationale?: string;

  @ApiProperty({ format: 'date-time' })
  triagedAt: string;

  @ApiPropertyOptional({ description: 'MACH staff only' })
  withinTimescale?: boolean;
}

export class EncompassViewDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  childName: string;

  @ApiProperty({ type: String, nullable: true })
  school: string | null;

  @ApiProperty({ format: 'date-time', description: 'the first school-day start (08:30) after the incident' })
  dueAt: string;

  @ApiProperty({ enum: ['PENDING', 'SENT'] })
  status: string;

  @ApiPropertyOptional({ format: 'date-time' })
  sentAt?: string;
}

export class MadeContactDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  childId: string;

  @ApiProperty({ enum: ['RED', 'AMBER'] })
  rag: string;
}

// a child the police named, and who the front door knows them to be
export class NotificationChildViewDto extends NotificationChildDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'MACH staff only: the child’s record the notification was matched to',
  })
  childId?: string;

  @ApiPropertyOptional({
    type: HistoryDto,
    description:
      'reading one notification: the child’s contacts and referrals in the 12 months before it was received, and their history',
  })
  history?: HistoryDto;
}

// what the police sent, as MACH staff read it back
export class NotificationDetailsDto {
  @ApiProperty({ type: VictimDto })
  victim: VictimDto;

  @ApiProperty({ type: PerpetratorDto })
  perpetrator: PerpetratorDto;

  @ApiProperty({ enum: ['PARTNER', 'EX_PARTNER', 'FAMILY', 'OTHER'] })
  relationship: string;

  @ApiProperty({ type: [NotificationChildViewDto] })
  children: NotificationChildViewDto[];

  @ApiProperty()
  injuries: boolean;

  @ApiProperty()
  weaponUsed: boolean;

  @ApiPropertyOptional()
  substanceMisuse?: boolean;

  @ApiProperty()
  summary: string;

  @ApiProperty({ type: OfficerDto })
  officer: OfficerDto;
}

export class NotificationViewDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  policeReference: string;

  @ApiProperty({
    example: 'Milo Ward, Ava Ward',
    description: 'the children the police reported, "First Last", in the order sent',
  })
  childName: string;

  @ApiProperty({ enum: ['AWAITING_TRIAGE', 'TRIAGED'] })
  status: string;

  @ApiProperty({ format: 'date-time' })
  receivedAt: string;

  @ApiProperty({ format: 'date-time' })
  incidentAt: string;

  @ApiProperty({ description: 'receivedAt - incidentAt, in minutes (police timeliness)' })
  submissionDelayMinutes: number;

  @ApiProperty({ format: 'date-time' })
  triageDueAt: string;

  @ApiProperty({ enum: ['DASH', 'DARA'] })
  riskTool: string;

  @ApiProperty({ enum: RISK_LEVELS })
  riskLevel: string;

  @ApiPropertyOptional()
  dashScore?: number;

  @ApiProperty({ type: SuggestionDto })
  suggestion: SuggestionDto;

  @ApiProperty({ description: 'the final MARAC flag' })
  marac: boolean;

  @ApiPropertyOptional({ type: TriageViewDto })
  triage?: TriageViewDto;

  @ApiProperty({ type: [EncompassViewDto] })
  encompass: EncompassViewDto[];

  @ApiPropertyOptional({ type: [MadeContactDto], description: 'MACH staff only: the contacts triage made' })
  contacts?: MadeContactDto[];

  @ApiPropertyOptional({
    type: NotificationDetailsDto,
    description: 'what the police sent (the force and MACH staff)',
  })
  details?: NotificationDetailsDto;
}

export class TriageResultDto {
  @ApiProperty({ enum: ['TRIAGED'] })
  status: string;

  @ApiProperty({ enum: TRIAGE_OUTCOMES })
  outcome: string;

  @ApiProperty()
  marac: boolean;

  @ApiProperty({ type: [MadeContactDto] })
  contacts: MadeContactDto[];
}

export class EncompassSentResultDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: ['SENT'] })
  status: string;

  @ApiProperty({ format: 'date-time' })
  sentAt: string;

  @ApiProperty({ description: 'sent by the due time' })
  onTime: boolean;
}
