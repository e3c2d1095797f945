import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';
import { IsInstant } from '@app/core';
import { REFERRAL_SOURCES } from './validators';

const STATUSES = ['RECEIVED', 'IN_SCREENING', 'AWAITING_AUTHORISATION', 'DECIDED'] as const;
const RAGS = ['RED', 'AMBER', 'GREEN'] as const;
export const CONTACT_LIST_MAX = 100;
const CONTACT_LIST_DEFAULT = 50;

// GET /api/contacts: the filters (issue 17 item 5). A partner may filter by status and time only
export class ListContactsQueryDto {
  @ApiPropertyOptional({ enum: STATUSES })
  @IsOptional()
  @IsIn(STATUSES, { message: `must be one of ${STATUSES.join(', ')}` })
  status?: (typeof STATUSES)[number];

  @ApiPropertyOptional({ enum: RAGS, description: 'MACH staff only' })
  @IsOptional()
  @IsIn(RAGS, { message: 'must be RED, AMBER or GREEN' })
  rag?: (typeof RAGS)[number];

  @ApiPropertyOptional({
    enum: REFERRAL_SOURCES,
    description: 'CIN census referral source code; MACH staff only',
  })
  @IsOptional()
  @IsIn(REFERRAL_SOURCES, { message: 'must be a CIN census referral source code (1A ... 10)' })
  source?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'the agency that made the contact; MACH staff only' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  agencyId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'the child the contacts are about; MACH staff only' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  childId?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'received at or after (inclusive)' })
  @IsOptional()
  @IsInstant()
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'received before (exclusive)' })
  @IsOptional()
  @IsInstant()
  to?: string;

  @ApiPropertyOptional({ description: 'page on: the nextCursor of the previous page' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,200}$/, { message: 'must be the nextCursor of a page' })
  cursor?: string;

  @ApiPropertyOptional({ default: CONTACT_LIST_DEFAULT, minimum: 1, maximum: CONTACT_LIST_MAX })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'must be a whole number' })
  @Min(1)
  @Max(CONTACT_LIST_MAX)
  limit?: number;
}

export const contactListLimit = (query: ListContactsQueryDto) => query.limit ?? CONTACT_LIST_DEFAULT;

class ListedAgencyDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'Acklam Primary School' })
  name: string;
}

class ListedClaimDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  name: string;
}

class ListedRecipientDto {
  @ApiProperty()
  name: string;

  @ApiPropertyOptional()
  organisation?: string;
}

class ListedAcknowledgementDto {
  @ApiProperty({ type: ListedRecipientDto })
  recipient: ListedRecipientDto;

  @ApiProperty({ enum: ['NO_FURTHER_ACTION', 'INFORMATION_AND_ADVICE', 'EARLY_HELP', 'SOCIAL_CARE'] })
  outcome: string;

  @ApiProperty({ format: 'date-time' })
  recordedAt: string;
}

// one contact in the list: what a partner may see of its own (reference, child, status,
// outcome as told), and for MACH staff the screening facts too
export class ContactListItemDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'CON-2026-000123' })
  reference: string;

  @ApiProperty({ example: 'Amira Khan', description: 'the child, "First Last"' })
  childName: string;

  @ApiProperty({ enum: STATUSES })
  status: string;

  @ApiProperty({ format: 'date-time' })
  receivedAt: string;

  @ApiPropertyOptional({ enum: RAGS, description: 'MACH staff only' })
  rag?: string;

  @ApiPropertyOptional({ enum: REFERRAL_SOURCES, description: 'MACH staff only' })
  source?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'MACH staff only' })
  decisionDueAt?: string;

  @ApiPropertyOptional({ type: ListedAgencyDto, description: 'MACH staff only: who made the contact' })
  agency?: ListedAgencyDto;

  @ApiPropertyOptional({ type: ListedClaimDto, description: 'MACH staff only' })
  claimedBy?: ListedClaimDto;

  @ApiPropertyOptional({ format: 'uuid', description: 'MACH staff only' })
  childId?: string;

  @ApiPropertyOptional({
    example: 'SOCIAL_CARE_ASSESSMENT',
    description: 'MACH staff: the decision outcome; a partner: the outcome as the referrer was told it',
  })
  outcome?: string;

  @ApiPropertyOptional({ type: ListedAcknowledgementDto, description: 'who was told the outcome, and when' })
  acknowledgement?: ListedAcknowledgementDto;
}

export class ContactListPageDto {
  @ApiProperty({ type: [ContactListItemDto], description: 'newest first (received), then by id' })
  items: ContactListItemDto[];

  @ApiPropertyOptional({ description: 'the cursor of the next page; none on the last page' })
  nextCursor?: string;
}
