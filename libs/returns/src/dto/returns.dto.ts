import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { IsCalendarDate } from '@app/core';

// the first and last collection years a return can be asked for: the CIN census began in 2009;
// later than next year has nothing to count
export const FIRST_CENSUS_YEAR = 2009;
export const LAST_CENSUS_YEAR = 2100;

export class CensusYearQueryDto {
  @ApiProperty({
    example: 2026,
    description:
      'the collection year: 1 April of the year before to 31 March of this year (the ReferenceDate)',
  })
  @Type(() => Number)
  @IsInt({ message: 'must be a year, for example 2026' })
  @Min(FIRST_CENSUS_YEAR, { message: `must be ${FIRST_CENSUS_YEAR} or later: the first census year` })
  @Max(LAST_CENSUS_YEAR, { message: `must be ${LAST_CENSUS_YEAR} or earlier` })
  year: number;
}

export class CensusProblemLinkDto {
  @ApiProperty({ enum: ['child', 'contact', 'strategy-discussion'], description: 'the record to fix' })
  kind: 'child' | 'contact' | 'strategy-discussion';

  @ApiProperty({ format: 'uuid' })
  id: string;
}

export class CensusProblemDto {
  @ApiProperty({
    example: '8610',
    description: 'the DfE validation rule (cin_validation_rules_cin2025_26.csv)',
  })
  rule: string;

  @ApiProperty({
    enum: ['ERROR', 'QUERY'],
    description: 'an ERROR blocks the return; a QUERY needs an explanation',
  })
  type: 'ERROR' | 'QUERY';

  @ApiProperty({ description: 'the DfE’s message' })
  message: string;

  @ApiProperty({ format: 'uuid', description: 'the child the problem is about' })
  childId: string;

  @ApiProperty({ example: 'FD0000000042', description: 'the LAchildID the return names the child by' })
  laChildId: string;

  @ApiProperty({ example: 'PrimaryNeedCode', description: 'the census field' })
  field: string;

  @ApiProperty({ type: CensusProblemLinkDto })
  link: CensusProblemLinkDto;

  @ApiProperty({ description: 'expected of a front-door return, which is a fragment (docs/returns.md)' })
  expected: boolean;
}

export class CensusCheckDto {
  @ApiProperty({ example: 2026 })
  year: number;

  @ApiProperty({ example: '2026-03-31', description: 'the census ReferenceDate' })
  referenceDate: string;

  @ApiProperty({ description: 'the children the return holds' })
  children: number;

  @ApiProperty({ description: 'their CIN episodes (referrals)' })
  episodes: number;

  @ApiProperty({ description: 'the DfE rules checked at the source' })
  rulesChecked: number;

  @ApiProperty({ type: [CensusProblemDto], description: 'by LAchildID, then rule' })
  problems: CensusProblemDto[];
}

// --- Ofsted Annex A (issue 19 item 1)
export const ANNEX_A_FORMATS = ['xlsx', 'csv'] as const;
export const ANNEX_A_HEADINGS = ['gender', 'sex'] as const;

export class AnnexACountsQueryDto {
  @ApiProperty({
    format: 'date',
    example: '2026-03-31',
    description:
      'the last day of the lists: they cover the six months to it (Ofsted asks for the six months before the inspection)',
  })
  @IsCalendarDate()
  asOf: string;
}

export class AnnexAQueryDto extends AnnexACountsQueryDto {
  @ApiPropertyOptional({
    enum: ANNEX_A_FORMATS,
    default: 'xlsx',
    description: 'xlsx: one workbook, a sheet per list; csv: a zip of list1.csv, list3.csv, list5.csv',
  })
  @IsOptional()
  @IsIn(ANNEX_A_FORMATS, { message: 'must be xlsx or csv' })
  format: (typeof ANNEX_A_FORMATS)[number] = 'xlsx';

  @ApiPropertyOptional({
    enum: ANNEX_A_HEADINGS,
    default: 'gender',
    description: 'sex: the 2026 template, whose Gender column is headed Sex',
  })
  @IsOptional()
  @IsIn(ANNEX_A_HEADINGS, { message: 'must be gender or sex' })
  heading: (typeof ANNEX_A_HEADINGS)[number] = 'gender';
}

export class AnnexAListCountDto {
  @ApiProperty({ enum: ['List 1', 'List 3', 'List 5'] })
  list: 'List 1' | 'List 3' | 'List 5';

  @ApiProperty({ example: 120, description: 'the rows the list holds' })
  rows: number;
}

export class AnnexACountsDto {
  @ApiProperty({ format: 'date', example: '2026-03-31', description: 'the last day of the lists' })
  asOf: string;

  @ApiProperty({ format: 'date', example: '2025-10-01', description: 'the first day of the lists' })
  from: string;

  @ApiProperty({ type: [AnnexAListCountDto] })
  lists: AnnexAListCountDto[];
}
