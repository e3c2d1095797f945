import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
} from 'class-validator';
import { ContactSectionProperty } from '@app/contacts';
import { RAG_RATINGS, Trim } from '@app/core';
import {
  LAWFUL_BASES,
  REASON_MAX,
  REASON_MIN,
  REQUEST_STATUSES,
  TEXT_MAX,
  type LawfulBasis,
} from '../policy/request-rules';

// POST /api/contacts/:id/information-requests (issue 18 item 1, decision 0029)
export class RequestInformationDto {
  @ApiProperty({
    type: [String],
    format: 'uuid',
    description: 'the agencies to ask: one request each (1 to 20)',
  })
  @IsArray({ message: 'must list the agencies to ask' })
  @ArrayMinSize(1, { message: 'must name at least one agency' })
  @ArrayMaxSize(20)
  @ArrayUnique({ message: 'must name each agency once' })
  @IsUUID('all', { each: true, message: 'each must be an agency id' })
  agencies: string[];

  @ApiProperty({
    description: `what the front door asks each agency (${REASON_MIN} to ${TEXT_MAX} characters); they see the child's and household's names, dates of birth and address with it, never the concerns`,
    example: 'Is the family known to you? Any incidents at the address in the last 12 months?',
  })
  @Trim()
  @IsString({ message: 'the questions are required' })
  @Length(REASON_MIN, TEXT_MAX, {
    message: `the questions are required (${REASON_MIN} to ${TEXT_MAX} characters)`,
  })
  questions: string;

  @ApiProperty({ enum: LAWFUL_BASES, description: 'why the front door may share and ask (UK GDPR)' })
  @IsIn(LAWFUL_BASES, { message: `must be one of ${LAWFUL_BASES.join(', ')}` })
  lawfulBasis: LawfulBasis;

  @ApiPropertyOptional({
    description: `why information is shared without consent: required with any basis but CONSENT (${REASON_MIN} to ${REASON_MAX} characters)`,
  })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(REASON_MIN, REASON_MAX)
  consentOverrideReason?: string;
}

export class AskableAgencyDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ enum: ['POLICE', 'EDUCATION', 'HEALTH', 'PROBATION', 'HOUSING', 'OTHER'] })
  kind: string;
}

export class AskableAgenciesDto {
  @ApiProperty({ type: [AskableAgencyDto] })
  items: AskableAgencyDto[];
}

export class InformationRequestRefDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid', description: 'the contact the request is about' })
  contactId: string;

  @ApiProperty({ format: 'uuid' })
  agencyId: string;

  @ApiProperty()
  agencyName: string;

  @ApiProperty({ enum: REQUEST_STATUSES })
  status: string;

  @ApiProperty({ format: 'date-time', description: 'when the agency’s answer is due' })
  dueAt: string;
}

export class InformationRequestsResultDto {
  @ApiProperty({ type: [InformationRequestRefDto] })
  requests: InformationRequestRefDto[];
}

// POST /api/information-requests/:id/response (the asked agency)
export class RespondToRequestDto {
  @ApiProperty({ description: `what the agency holds, in short (1 to ${TEXT_MAX} characters)` })
  @Trim()
  @IsString({ message: 'a summary is required' })
  @Length(1, TEXT_MAX, { message: `a summary is required (1 to ${TEXT_MAX} characters)` })
  summary: string;

  @ApiProperty({ description: 'the child or household is known to the agency' })
  @IsBoolean({ message: 'must be true or false' })
  knownToAgency: boolean;

  @ApiPropertyOptional({ description: `more detail (up to ${TEXT_MAX} characters)` })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, TEXT_MAX)
  details?: string;

  @ApiPropertyOptional({ description: 'what is sent separately, and how (no files here)' })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, REASON_MAX)
  attachmentsNote?: string;
}

// POST /api/information-requests/:id/decline (the asked agency)
export class DeclineRequestDto {
  @ApiProperty({ description: `why the agency does not answer (${REASON_MIN} to ${REASON_MAX} characters)` })
  @Trim()
  @IsString({ message: 'a reason is required' })
  @Length(REASON_MIN, REASON_MAX, {
    message: `a reason is required (${REASON_MIN} to ${REASON_MAX} characters)`,
  })
  reason: string;
}

// POST /api/information-requests/:id/chase (the requester or a manager)
export class ChaseRequestDto {
  @ApiPropertyOptional({
    description: `how it was chased, or what was said (up to ${REASON_MAX} characters)`,
  })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, REASON_MAX)
  note?: string;
}

export class ResponseVersionResultDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ description: 'the answer’s version: 1, then one more each amendment' })
  version: number;

  @ApiProperty({ enum: REQUEST_STATUSES })
  status: string;
}

export class ChaseResultDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ description: 'how many times the request has been chased' })
  chases: number;
}

export class PersonDto {
  @ApiProperty()
  firstName: string;

  @ApiProperty()
  lastName: string;

  @ApiPropertyOptional({ format: 'date' })
  dateOfBirth?: string;
}

export class SharedChildDto extends PersonDto {
  @ApiPropertyOptional()
  address?: string;

  @ApiPropertyOptional()
  postcode?: string;

  @ApiProperty({ type: [PersonDto], description: 'the other children of the household' })
  household: PersonDto[];
}

export class PersonRefDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  name: string;
}

export class InformationResponseDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  version: number;

  @ApiProperty({ enum: ['ANSWER', 'DECLINE'] })
  kind: string;

  @ApiPropertyOptional()
  summary?: string;

  @ApiPropertyOptional()
  knownToAgency?: boolean;

  @ApiPropertyOptional()
  details?: string;

  @ApiPropertyOptional()
  attachmentsNote?: string;

  @ApiPropertyOptional()
  declineReason?: string;

  @ApiProperty({ type: PersonRefDto })
  respondedBy: PersonRefDto;

  @ApiProperty({ format: 'date-time' })
  respondedAt: string;
}

export class InformationChaseDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiPropertyOptional()
  note?: string;

  @ApiProperty({ type: PersonRefDto })
  chasedBy: PersonRefDto;

  @ApiProperty({ format: 'date-time' })
  chasedAt: string;
}

// a request as the asked agency reads it: who the child is, the questions, its own answers
export class PartnerInformationRequestViewDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ description: 'the contact’s reference, to quote' })
  reference: string;

  @ApiProperty({ enum: REQUEST_STATUSES })
  status: string;

  @ApiProperty({ enum: RAG_RATINGS })
  rag: string;

  @ApiProperty({ format: 'date-time' })
  requestedAt: string;

  @ApiProperty({ format: 'date-time' })
  dueAt: string;

  @ApiProperty({
    enum: ['ON_TRACK', 'DUE_SOON', 'OVERDUE'],
    description: 'while open; an answered request’s is its last',
  })
  timeliness: string;

  @ApiProperty()
  questions: string;

  @ApiProperty({ enum: LAWFUL_BASES })
  lawfulBasis: string;

  @ApiPropertyOptional()
  consentOverrideReason?: string;

  @ApiProperty({ type: SharedChildDto })
  child: SharedChildDto;

  @ApiProperty({ type: [InformationResponseDto], description: 'the agency’s answers, oldest first' })
  responses: InformationResponseDto[];
}

// a request as the asking front door reads it: also who was asked, who asked, and the chases
export class InformationRequestViewDto extends PartnerInformationRequestViewDto {
  @ApiProperty({ format: 'uuid' })
  contactId: string;

  @ApiProperty({ format: 'uuid' })
  agencyId: string;

  @ApiProperty()
  agencyName: string;

  @ApiProperty({ type: PersonRefDto })
  requestedBy: PersonRefDto;

  @ApiProperty({ type: [InformationChaseDto] })
  chases: InformationChaseDto[];
}

// what the section adds to GET /api/contacts/:id for MACH staff
export class InformationSectionDto {
  @ContactSectionProperty('staff', {
    type: [InformationRequestViewDto],
    description:
      'what the front door asked partner agencies about this contact, and their answers (issue 18)',
  })
  informationRequests?: InformationRequestViewDto[];
}
