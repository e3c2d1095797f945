import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';

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
