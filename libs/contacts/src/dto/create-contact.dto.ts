import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDefined,
  IsEmail,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  CONTACT_CATEGORIES,
  IsCalendarDate,
  IsInstant,
  RAG_RATINGS,
  type ContactCategory,
  type RagRating,
  TrimUpperCase,
} from '@app/core';
import type { ConsentStatus } from '../entities/contact.entity';
import { DISABILITY_CODES } from '../policy/child-demographics';
import {
  ETHNICITY_CODES,
  IsDisabilityList,
  IsUpn,
  NormaliseUpn,
  IsNhsNumber,
  NormaliseNhsNumber,
  PHONE,
  POSTCODE,
  REFERRAL_SOURCES,
  Trim,
} from './validators';

export class ReferrerDto {
  @ApiProperty({ example: 'Ms J Patel' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiProperty({ example: 'Acklam Primary School' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  organisation: string;

  @ApiPropertyOptional({ example: 'Designated safeguarding lead' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(200)
  role?: string;

  @ApiPropertyOptional({ example: '01642 000000' })
  @IsOptional()
  @Matches(PHONE, { message: 'must be a phone number' })
  phone?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsEmail({}, { message: 'must be an email address' })
  @MaxLength(254)
  email?: string;
}

export class ChildInputDto {
  @ApiProperty({ example: 'Amira' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  firstName: string;

  @ApiProperty({ example: 'Khan' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  lastName: string;

  @ApiPropertyOptional({ format: 'date', example: '2017-04-02' })
  @IsOptional()
  @IsCalendarDate()
  dateOfBirth?: string;

  @ApiPropertyOptional({ format: 'date', description: 'an unborn child: the expected date of birth' })
  @IsOptional()
  @IsCalendarDate()
  expectedDateOfBirth?: string;

  @ApiPropertyOptional({ enum: ['M', 'F', 'U'] })
  @IsOptional()
  @IsIn(['M', 'F', 'U'], { message: 'must be M, F or U' })
  sex?: 'M' | 'F' | 'U';

  @ApiPropertyOptional({ enum: ETHNICITY_CODES, description: 'CIN census ethnicity code' })
  @IsOptional()
  @IsIn(ETHNICITY_CODES, { message: 'must be a CIN census ethnicity code (e.g. WBRI, NOBT)' })
  ethnicity?: string;

  @ApiPropertyOptional({ example: 'TS5 7AA' })
  @IsOptional()
  @TrimUpperCase()
  @Matches(POSTCODE, { message: 'must be a UK postcode' })
  postcode?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(500)
  address?: string;

  @ApiPropertyOptional({ example: '943 476 5919', description: '10 digits, mod-11 valid; spaces allowed' })
  @IsOptional()
  @NormaliseNhsNumber()
  @IsNhsNumber()
  nhsNumber?: string;

  @ApiPropertyOptional({ example: 'Acklam Primary School' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(200)
  school?: string;

  @ApiPropertyOptional({
    type: [String],
    enum: DISABILITY_CODES,
    description: 'CIN census disability codes, each once; NONE (no disability) alone',
    example: ['HEAR'],
  })
  @IsOptional()
  @IsDisabilityList()
  disabilities?: string[];

  @ApiPropertyOptional({
    example: 'A123456789012',
    description: 'Unique Pupil Number: 13 characters, the first its DfE check letter; spaces allowed',
  })
  @IsOptional()
  @NormaliseUpn()
  @IsUpn()
  upn?: string;

  @ApiPropertyOptional({
    example: 'Polish',
    description: 'the child’s first language, in words (1 to 100 characters)',
  })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 100)
  firstLanguage?: string;

  @ApiPropertyOptional({ description: 'the child or family needs an interpreter' })
  @IsOptional()
  @IsBoolean()
  interpreterNeeded?: boolean;
}

export class ConsentDto {
  @ApiProperty({ enum: ['GIVEN', 'NOT_SOUGHT', 'REFUSED', 'OVERRIDDEN'] })
  @IsIn(['GIVEN', 'NOT_SOUGHT', 'REFUSED', 'OVERRIDDEN'])
  status: ConsentStatus;

  @ApiPropertyOptional({ description: 'required unless consent was GIVEN' })
  @ValidateIf((c: ConsentDto) => c.status !== 'GIVEN' || c.reason !== undefined)
  @Trim()
  @IsString({ message: 'a reason is required unless consent was given' })
  @Length(5, 2000, { message: 'a reason is required unless consent was given (5 to 2000 characters)' })
  reason?: string;
}

export class CreateContactDto {
  @ApiProperty({ enum: REFERRAL_SOURCES, description: 'CIN census referral source code', example: '2A' })
  @IsIn(REFERRAL_SOURCES, { message: 'must be a CIN census referral source code (1A ... 10)' })
  source: string;

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'when the concern reached the front door; not in the future',
  })
  @IsOptional()
  @IsInstant()
  receivedAt?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'siblings: send one contact per child with the same householdId (the first response gives one)',
  })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  householdId?: string;

  @ApiProperty({ type: ReferrerDto })
  @IsDefined({ message: 'is required' })
  @ValidateNested()
  @Type(() => ReferrerDto)
  referrer: ReferrerDto;

  @ApiProperty({ type: ChildInputDto })
  @IsDefined({ message: 'is required' })
  @ValidateNested()
  @Type(() => ChildInputDto)
  child: ChildInputDto;

  @ApiProperty({ minLength: 20, maxLength: 10000 })
  @Trim()
  @IsString()
  @Length(20, 10000, { message: 'must be 20 to 10000 characters' })
  concerns: string;

  @ApiProperty({ enum: CONTACT_CATEGORIES, isArray: true })
  @IsArray()
  @ArrayMinSize(1, { message: 'name at least one category' })
  @ArrayMaxSize(CONTACT_CATEGORIES.length)
  @ArrayUnique({ message: 'must not repeat a category' })
  @IsIn(CONTACT_CATEGORIES, { each: true, message: `each must be one of ${CONTACT_CATEGORIES.join(', ')}` })
  categories: ContactCategory[];

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  injury?: boolean;

  @ApiProperty()
  @IsBoolean()
  immediateRisk: boolean;

  @ApiPropertyOptional({ enum: RAG_RATINGS, description: 'SCREENER and MANAGER only' })
  @IsOptional()
  @IsIn(RAG_RATINGS)
  rag?: RagRating;

  @ApiPropertyOptional({ description: 'required when rag differs from the suggested rating' })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(5, 2000)
  ragReason?: string;

  @ApiProperty({ type: ConsentDto })
  @IsDefined({ message: 'is required' })
  @ValidateNested()
  @Type(() => ConsentDto)
  consent: ConsentDto;
}
