import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class SuggestionDto {
  @ApiProperty({ enum: ['INFORMATION_ONLY', 'CONTACT', 'URGENT_CONTACT'] })
  outcome: string;

  @ApiProperty({ description: 'the MARAC flag the rules give' })
  marac: boolean;

  @ApiProperty({ type: [String], description: 'the matrix rules that fired' })
  reasons: string[];

  @ApiProperty({ type: [String] })
  maracReasons: string[];
}

export class TriageViewDto {
  @ApiProperty({ enum: ['INFORMATION_ONLY', 'CONTACT', 'URGENT_CONTACT'] })
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

  @ApiProperty({ nullable: true })
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

export class NotificationViewDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  policeReference: string;

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

  @ApiProperty({ enum: ['STANDARD', 'MEDIUM', 'HIGH'] })
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

  @ApiPropertyOptional({ description: 'MACH staff only: what the police sent (victim, perpetrator, children, summary, officer)' })
  details?: Record<string, unknown>;
}

export class TriageResultDto {
  @ApiProperty({ enum: ['TRIAGED'] })
  status: string;

  @ApiProperty({ enum: ['INFORMATION_ONLY', 'CONTACT', 'URGENT_CONTACT'] })
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
