import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, IsUUID, Length } from 'class-validator';
import { CHANGE_REASON_MIN } from '../policy/child-demographics';
import { ChildChangeAuthorDto } from './update-child.dto';
import { Trim } from './validators';

// POST /api/children/:id/merge and /unmerge (issue 17 item 4, decision 0028): the other record
// and why
export class MergeChildDto {
  @ApiProperty({
    format: 'uuid',
    description: 'the duplicate record: merged into this one (merge), or taken back out of it (unmerge)',
  })
  @IsUUID('all', { message: 'must be the id of a child’s record' })
  duplicateId: string;

  @ApiProperty({
    description: `why (${CHANGE_REASON_MIN} to 2000 characters)`,
    example: 'The same child: one referral spelt her name Aimee, the school confirms Amy.',
  })
  @Trim()
  @IsString({ message: 'a reason is required' })
  @Length(CHANGE_REASON_MIN, 2000, {
    message: `a reason is required (${CHANGE_REASON_MIN} to 2000 characters)`,
  })
  reason: string;
}

export class UnmergeChildDto extends MergeChildDto {}

export class ChildRowsMovedDto {
  @ApiProperty({
    description: 'the table whose rows moved',
    example: 'contact',
  })
  table: string;

  @ApiProperty()
  count: number;
}

export class ChildMergeResultDto {
  @ApiProperty({ format: 'uuid', description: 'the merge (child_merge)' })
  mergeId: string;

  @ApiProperty({ format: 'uuid' })
  keptId: string;

  @ApiProperty({ format: 'uuid' })
  duplicateId: string;

  @ApiProperty({ type: [ChildRowsMovedDto], description: 'the rows moved, table by table' })
  moved: ChildRowsMovedDto[];
}

export class ChildUnmergeResultDto extends ChildMergeResultDto {}

export class ChildMergeDuplicateDto {
  @ApiProperty({ format: 'uuid', description: 'the tombstone (GET redirects to the kept record)' })
  id: string;

  @ApiProperty()
  firstName: string;

  @ApiProperty()
  lastName: string;

  @ApiPropertyOptional({ format: 'date' })
  dateOfBirth?: string;

  @ApiPropertyOptional({
    description: 'its own NHS number (one that moved with the merge is the kept record’s)',
  })
  nhsNumber?: string;
}

export class ChildMergeUndoneDto {
  @ApiProperty()
  reason: string;

  @ApiProperty({ type: ChildChangeAuthorDto })
  by: ChildChangeAuthorDto;

  @ApiProperty({ format: 'date-time' })
  at: string;
}

// a record merged into this one, in force or undone
export class ChildMergeDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ type: ChildMergeDuplicateDto })
  duplicate: ChildMergeDuplicateDto;

  @ApiProperty()
  reason: string;

  @ApiProperty({ type: ChildChangeAuthorDto })
  mergedBy: ChildChangeAuthorDto;

  @ApiProperty({ format: 'date-time' })
  mergedAt: string;

  @ApiProperty({ description: 'how many rows (contacts, referrals, notifications) the merge moved' })
  rowsMoved: number;

  @ApiPropertyOptional({ type: ChildMergeUndoneDto, description: 'present once the merge is undone' })
  undone?: ChildMergeUndoneDto;
}
