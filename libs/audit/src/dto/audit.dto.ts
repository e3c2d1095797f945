import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDateOrInstant } from '@app/core';
import { IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';

export class AuditQueryDto {
  @ApiPropertyOptional({ description: 'the id of the record the entries are about' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  entityId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'the user who acted' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  actorId?: string;

  @ApiPropertyOptional({
    description: 'inclusive: a date YYYY-MM-DD (its midnight UTC) or an ISO-8601 instant',
  })
  @IsOptional()
  @IsDateOrInstant()
  from?: string;

  @ApiPropertyOptional({
    description: 'exclusive: a date YYYY-MM-DD (its midnight UTC) or an ISO-8601 instant',
  })
  @IsOptional()
  @IsDateOrInstant()
  to?: string;

  @ApiPropertyOptional({ description: 'page on: the nextBefore of the previous page' })
  @IsOptional()
  @Matches(/^\d{1,18}$/, { message: 'must be an entry id' })
  before?: string;

  @ApiPropertyOptional({ default: 100, minimum: 1, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

export class AuditActorDto {
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  id: string | null;

  @ApiProperty({ type: String, nullable: true })
  role: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  agencyId: string | null;
}

export class AuditEntryDto {
  @ApiProperty({ description: 'position in the chain' })
  id: string;

  @ApiProperty({ format: 'date-time' })
  occurredAt: string;

  @ApiProperty({ type: AuditActorDto })
  actor: AuditActorDto;

  @ApiProperty({ example: 'LOGIN_SUCCEEDED' })
  action: string;

  @ApiProperty({ example: 'user' })
  entityType: string;

  @ApiProperty({ type: String, nullable: true })
  entityId: string | null;

  @ApiProperty({ type: String, nullable: true })
  correlationId: string | null;

  @ApiProperty({ type: 'object', additionalProperties: true })
  details: Record<string, unknown>;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'null until the sequencer has chained the entry (within about a second of its commit)',
  })
  hash: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'its place in the hash chain, once chained' })
  chainSeq: string | null;
}

export class AuditPageDto {
  @ApiProperty({ type: [AuditEntryDto] })
  items: AuditEntryDto[];

  @ApiPropertyOptional({ description: 'pass as `before` for the next (older) page' })
  nextBefore?: string;
}

export class AuditVerifyResultDto {
  @ApiProperty()
  ok: boolean;

  @ApiProperty({ description: 'entries whose hash was recomputed' })
  checked: number;

  @ApiPropertyOptional({ description: 'the first entry whose hash, link or place does not match' })
  firstBrokenId?: string;

  @ApiProperty({
    description:
      'committed entries not chained yet (the sequencer chains each within about a second): counted apart, not as breaks',
  })
  unchained: number;
}
