import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { CONTACT_CATEGORIES, RAG_RATINGS } from '@app/core';
import { ApiClosedSchema } from '@app/core/openapi';
import { CONTACT_STATUSES } from '../entities/contact.entity';
import { REFERRAL_SOURCES } from './validators';

export class UserRefDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  name: string;
}

export class ChildDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  firstName: string;

  @ApiProperty()
  lastName: string;

  @ApiPropertyOptional({ format: 'date' })
  dateOfBirth?: string;

  @ApiPropertyOptional({ format: 'date' })
  expectedDateOfBirth?: string;

  @ApiPropertyOptional({ enum: ['M', 'F', 'U'] })
  sex?: string;

  @ApiPropertyOptional()
  ethnicity?: string;

  @ApiPropertyOptional()
  postcode?: string;

  @ApiPropertyOptional()
  address?: string;

  @ApiPropertyOptional()
  nhsNumber?: string;

  @ApiPropertyOptional()
  school?: string;

  @ApiPropertyOptional({
    type: [String],
    description: 'CIN census disability codes (NONE: no disability); absent when not known',
  })
  disabilities?: string[];

  @ApiPropertyOptional({ description: 'Unique Pupil Number (13 characters)' })
  upn?: string;

  @ApiPropertyOptional({ description: 'first language, in words' })
  firstLanguage?: string;

  @ApiPropertyOptional({ description: 'an interpreter is needed' })
  interpreterNeeded?: boolean;

  @ApiPropertyOptional({
    format: 'date',
    description: 'open to the council’s children’s social care from this date (its case system’s word)',
  })
  openToSocialCareSince?: string;

  @ApiPropertyOptional({ description: 'the child’s id in the council’s case-management system' })
  caseSystemId?: string;

  @ApiPropertyOptional({ example: 'FD0000000042', description: 'the front door’s LAchildID of the child' })
  laChildId?: string;
}

export class HistoryItemDto {
  @ApiProperty({ enum: ['CONTACT', 'REFERRAL', 'DA_NOTIFICATION'] })
  kind: string;

  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiPropertyOptional({ description: 'contact reference, or the police reference of a DA notification' })
  reference?: string;

  @ApiProperty({
    format: 'date-time',
    description: 'received (contact), referral date, or incident (DA notification)',
  })
  date: string;

  @ApiPropertyOptional({ enum: RAG_RATINGS })
  rag?: string;

  @ApiPropertyOptional()
  status?: string;

  @ApiPropertyOptional({ type: [String] })
  categories?: string[];

  @ApiPropertyOptional({ description: 'the threshold decision outcome, once in force' })
  outcome?: string;
}

export class HistoryDto {
  @ApiProperty({ description: 'other contacts about this child in the 12 months before' })
  contactsLast12Months: number;

  @ApiProperty({ description: 'referrals of this child in the 12 months before' })
  referralsLast12Months: number;

  @ApiPropertyOptional({ type: [HistoryItemDto], description: 'the most recent 50, newest first' })
  items?: HistoryItemDto[];
}

// a sibling as the household shows them: who, not their record
export class HouseholdChildDto extends PickType(ChildDto, [
  'firstName',
  'lastName',
  'dateOfBirth',
] as const) {}

// another contact of the household (siblings: one householdId, API.md "Contacts")
export class HouseholdContactDto {
  @ApiProperty({ format: 'uuid', description: 'the contact’s id' })
  id: string;

  @ApiProperty({ example: 'CON-2026-000124' })
  reference: string;

  @ApiProperty({ enum: CONTACT_STATUSES })
  status: string;

  @ApiProperty({ enum: RAG_RATINGS })
  rag: string;

  @ApiProperty({ format: 'date-time' })
  receivedAt: string;

  @ApiProperty({ type: HouseholdChildDto })
  child: HouseholdChildDto;
}

export class RagChangeDto {
  @ApiProperty({ enum: RAG_RATINGS, nullable: true })
  fromRag: string | null;

  @ApiProperty({ enum: RAG_RATINGS })
  toRag: string;

  @ApiProperty({ type: String, nullable: true })
  reason: string | null;

  @ApiProperty({ type: UserRefDto })
  changedBy: UserRefDto;

  @ApiProperty({ format: 'date-time' })
  changedAt: string;

  @ApiProperty({ format: 'date-time' })
  decisionDueAt: string;
}

export class ConsentOutDto {
  @ApiProperty()
  status: string;

  @ApiPropertyOptional()
  reason?: string;
}

export class ReferrerOutDto {
  @ApiProperty()
  name: string;

  @ApiProperty()
  organisation: string;

  @ApiPropertyOptional()
  role?: string;

  @ApiPropertyOptional()
  phone?: string;

  @ApiPropertyOptional()
  email?: string;
}

// what MACH staff see; a PARTNER sees PartnerContactDto. Other modules add optional keys
// to both (ContactSectionProperty: a decision, its referral, the referrer's acknowledgement)
export class ContactDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'CON-2026-000123' })
  reference: string;

  @ApiProperty({ format: 'uuid' })
  householdId: string;

  @ApiProperty({ enum: REFERRAL_SOURCES, description: 'CIN census referral source code' })
  source: string;

  @ApiProperty({ enum: CONTACT_STATUSES })
  status: string;

  @ApiProperty({ enum: RAG_RATINGS })
  rag: string;

  @ApiProperty({ enum: RAG_RATINGS })
  suggestedRag: string;

  @ApiProperty({ type: [String] })
  ragReasons: string[];

  @ApiProperty({ format: 'date-time' })
  receivedAt: string;

  @ApiProperty({ format: 'date-time' })
  decisionDueAt: string;

  @ApiProperty({ enum: CONTACT_CATEGORIES, isArray: true })
  categories: string[];

  @ApiPropertyOptional({ description: 'the threshold decision outcome, once in force' })
  outcome?: string;

  @ApiProperty()
  concerns: string;

  @ApiProperty()
  injury: boolean;

  @ApiProperty()
  immediateRisk: boolean;

  @ApiProperty({ type: ReferrerOutDto })
  referrer: ReferrerOutDto;

  @ApiProperty({ type: ConsentOutDto })
  consent: ConsentOutDto;

  @ApiProperty({ type: ChildDto })
  child: ChildDto;

  @ApiProperty({ type: HistoryDto })
  history: HistoryDto;

  @ApiPropertyOptional({
    type: [HouseholdContactDto],
    description:
      'GET only: the other contacts with this householdId (not this one), newest first, the most recent 50',
  })
  household?: HouseholdContactDto[];

  @ApiPropertyOptional({ type: UserRefDto })
  claimedBy?: UserRefDto;

  @ApiPropertyOptional({ format: 'date-time' })
  claimedAt?: string;

  @ApiProperty({ type: [RagChangeDto] })
  ragHistory: RagChangeDto[];
}

// only what a referring agency may know of its own contact, and nothing more: closed, so a
// client tells it from the staff view (which has keys this has not, child among them)
@ApiClosedSchema()
export class PartnerContactDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'CON-2026-000123' })
  reference: string;

  @ApiProperty({ format: 'uuid' })
  householdId: string;

  @ApiProperty({ enum: CONTACT_STATUSES })
  status: string;

  @ApiProperty({ format: 'date-time' })
  receivedAt: string;
}

export class ClaimResultDto {
  @ApiProperty({ type: UserRefDto })
  claimedBy: UserRefDto;

  @ApiProperty({ format: 'date-time' })
  claimedAt: string;
}

export class ReleaseResultDto {
  @ApiProperty({ enum: ['RECEIVED'] })
  status: string;
}

export class RagChangeResultDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: RAG_RATINGS })
  rag: string;

  @ApiProperty({ format: 'date-time' })
  decisionDueAt: string;
}
