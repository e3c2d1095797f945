import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
} from 'class-validator';
import { IsCalendarDate, TrimUpperCase } from '@app/core';
import { CHANGE_REASON_MIN, DISABILITY_CODES } from '../policy/child-demographics';
import { ETHNICITY_CODES, IsDisabilityList, IsUpn, NormaliseUpn, POSTCODE, Trim } from './validators';

// PATCH /api/children/:id (issue 17 item 3, decision 0027): the fields to change, at least one
// that differs from the record, and why. A field left out is left as it is.
export class UpdateChildDto {
  @ApiProperty({
    description: `why the record changes (${CHANGE_REASON_MIN} to 2000 characters)`,
    example: 'The school confirmed the spelling of her name.',
  })
  @Trim()
  @IsString({ message: 'a reason is required' })
  @Length(CHANGE_REASON_MIN, 2000, {
    message: `a reason is required (${CHANGE_REASON_MIN} to 2000 characters)`,
  })
  reason: string;

  @ApiPropertyOptional({ example: 'Amira' })
  @IsOptional()
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  firstName?: string;

  @ApiPropertyOptional({ example: 'Khan' })
  @IsOptional()
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  lastName?: string;

  @ApiPropertyOptional({ enum: ['M', 'F', 'U'] })
  @IsOptional()
  @IsIn(['M', 'F', 'U'], { message: 'must be M, F or U' })
  sex?: 'M' | 'F' | 'U';

  @ApiPropertyOptional({ enum: ETHNICITY_CODES, description: 'CIN census ethnicity code' })
  @IsOptional()
  @IsIn(ETHNICITY_CODES, { message: 'must be a CIN census ethnicity code (e.g. WBRI, NOBT)' })
  ethnicity?: string;

  @ApiPropertyOptional({
    type: [String],
    enum: DISABILITY_CODES,
    description: 'CIN census disability codes, each once; NONE (no disability) alone; [] for not known',
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

  @ApiPropertyOptional({ example: 'Polish', description: 'first language, in words (1 to 100 characters)' })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 100)
  firstLanguage?: string;

  @ApiPropertyOptional({ description: 'an interpreter is needed' })
  @IsOptional()
  @IsBoolean()
  interpreterNeeded?: boolean;

  @ApiPropertyOptional({
    type: String,
    format: 'date',
    nullable: true,
    example: '2025-11-03',
    description:
      'open to the council’s children’s social care from this date, as its case system says (not in the future); null: not open. A referral made while open is not a CIN census episode of its own',
  })
  @IsOptional()
  @IsCalendarDate()
  openToSocialCareSince?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: 'CS0042117',
    description:
      'the child’s id in the council’s case-management system: 1 to 20 letters and digits, one child each; null to clear. The returns name the child by it when config/returns.yml says so',
  })
  @IsOptional()
  @Trim()
  @Matches(/^[A-Za-z0-9]{1,20}$/, { message: 'must be 1 to 20 letters and digits' })
  caseSystemId?: string | null;

  @ApiPropertyOptional({ example: '1 High Street, Middlesbrough' })
  @IsOptional()
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  address?: string;

  @ApiPropertyOptional({ example: 'TS5 7AA' })
  @IsOptional()
  @TrimUpperCase()
  @Matches(POSTCODE, { message: 'must be a UK postcode' })
  postcode?: string;

  @ApiPropertyOptional({ example: 'Acklam Primary School' })
  @IsOptional()
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  school?: string;
}

export class ChildChangeAuthorDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  name: string;
}

// one field of one change to the child's record
export class ChildChangeDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({
    enum: [
      'firstName',
      'lastName',
      'sex',
      'ethnicity',
      'disabilities',
      'upn',
      'firstLanguage',
      'interpreterNeeded',
      'openToSocialCareSince',
      'caseSystemId',
      'address',
      'postcode',
      'school',
    ],
  })
  field: string;

  @ApiProperty({
    oneOf: [
      { type: 'string', nullable: true },
      { type: 'boolean' },
      { type: 'array', items: { type: 'string' } },
    ],
    description: 'the value before (null: none)',
  })
  before: string | boolean | string[] | null;

  @ApiProperty({
    oneOf: [
      { type: 'string', nullable: true },
      { type: 'boolean' },
      { type: 'array', items: { type: 'string' } },
    ],
    description: 'the value after',
  })
  after: string | boolean | string[] | null;

  @ApiProperty()
  reason: string;

  @ApiProperty({ type: ChildChangeAuthorDto })
  changedBy: ChildChangeAuthorDto;

  @ApiProperty({ format: 'date-time' })
  changedAt: string;
}

// the answer to a PATCH: the fields it changed
export class ChildUpdateResultDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ type: [String], description: 'the fields changed' })
  changed: string[];
}
