import { ApiProperty } from '@nestjs/swagger';
import { TRIAGE_OUTCOMES } from '../policy/triage-rules';

export class MatrixCriterionDto {
  @ApiProperty({ example: 'urgentContact.dashScoreAtLeast', description: 'the setting in the matrix file' })
  setting: string;

  @ApiProperty({ example: '14', description: 'its value as the file has it' })
  value: string;

  @ApiProperty({ example: 'DASH score 14 or more (DASH only)' })
  text: string;
}

export class TriageTimescaleDto {
  @ApiProperty({ enum: ['elapsedHours', 'workingDays'] })
  kind: 'elapsedHours' | 'workingDays';

  @ApiProperty({ example: 4 })
  amount: number;
}

export class MatrixRowDto {
  @ApiProperty({ enum: TRIAGE_OUTCOMES })
  outcome: (typeof TRIAGE_OUTCOMES)[number];

  @ApiProperty({
    type: [MatrixCriterionDto],
    description: 'any one of them suggests this outcome; none for INFORMATION_ONLY, which is what is left',
  })
  criteria: MatrixCriterionDto[];

  @ApiProperty({
    type: TriageTimescaleDto,
    description: 'how soon a notification so suggested is due for triage',
  })
  triageDue: TriageTimescaleDto;
}

// GET /api/da-triage-matrix: the rules the suggestion comes from, so a screener (and the
// force) can see which row a suggestion came from and why
export class TriageMatrixDto {
  @ApiProperty({ example: 'config/da-triage-matrix.yml' })
  source: string;

  @ApiProperty({
    type: [MatrixRowDto],
    description: 'in the order they are tried: the first row that matches wins',
  })
  rows: MatrixRowDto[];

  @ApiProperty({
    type: [MatrixCriterionDto],
    description:
      'SafeLives MARAC criteria, judged whatever the outcome; judgement may raise the flag, never lower it',
  })
  marac: MatrixCriterionDto[];
}
