import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { IsCalendarDate } from '@app/core';
import { IsNhsNumber, NormaliseNhsNumber, POSTCODE } from './validators';

// a search form's empty fields are fields not given: `?name=&postcode=TS5 7AA` searches by postcode
const BlankIsAbsent = () =>
  Transform(({ value }: { value: unknown }) => {
    if (typeof value !== 'string') return value;
    const trimmed = value.trim();
    return trimmed === '' ? undefined : trimmed;
  });

// GET /api/children/search (issue 17 item 1): at least one criterion (the use case checks it)
export class SearchChildrenQueryDto {
  @ApiPropertyOptional({ example: 'Aimee Smith', description: 'first and last name; one word is either' })
  @IsOptional()
  @BlankIsAbsent()
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ format: 'date', example: '2016-04-05' })
  @IsOptional()
  @BlankIsAbsent()
  @IsCalendarDate()
  dateOfBirth?: string;

  @ApiPropertyOptional({ example: '943 476 5919', description: '10 digits, mod-11 valid; spaces allowed' })
  @IsOptional()
  @BlankIsAbsent()
  @NormaliseNhsNumber()
  @IsNhsNumber()
  nhsNumber?: string;

  @ApiPropertyOptional({ example: 'TS5 7AA' })
  @IsOptional()
  @BlankIsAbsent()
  @Matches(POSTCODE, { message: 'must be a UK postcode' })
  postcode?: string;
}

export class ChildMatchDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  firstName: string;

  @ApiProperty()
  lastName: string;

  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'null when not known' })
  dateOfBirth: string | null;

  @ApiProperty({ minimum: 0, maximum: 1, description: '1 is certain (the NHS number matches)' })
  score: number;

  @ApiProperty({
    type: [String],
    example: ['first name sounds like Aimee', 'date of birth with day and month swapped'],
    description: 'why the child matched, in words',
  })
  reasons: string[];
}

export class ChildSearchResultDto {
  @ApiProperty({ type: [ChildMatchDto], description: 'best first, at most 20' })
  items: ChildMatchDto[];
}
