import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { RAG_RATINGS } from '@app/core';
import { ChildDto } from './contact-response.dto';
import { ChildMergeDto } from './child-merge.dto';
import { ChildChangeDto } from './update-child.dto';

export const CHILD_HISTORY_KINDS = ['CONTACT', 'DA_NOTIFICATION', 'REFERRAL', 'STRATEGY_DISCUSSION'] as const;

// another child of a household this child's contacts name (one householdId): who, not their record
export class HouseholdMemberDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  firstName: string;

  @ApiProperty()
  lastName: string;

  @ApiPropertyOptional({ format: 'date' })
  dateOfBirth?: string;
}

// one thing the front door did about the child
export class ChildS47OutcomeDto {
  @ApiProperty({
    enum: ['CONCERNS_SUBSTANTIATED_ICPC', 'CONCERNS_SUBSTANTIATED_NO_ICPC', 'NOT_SUBSTANTIATED'],
  })
  outcome: string;

  @ApiProperty({ format: 'date-time' })
  concludedAt: string;
}

export class ChildIcpcDto {
  @ApiProperty({ format: 'date-time' })
  heldAt: string;

  @ApiProperty({ description: 'the conference made a child protection plan' })
  childProtectionPlan: boolean;

  @ApiPropertyOptional({
    enum: ['NEG', 'PHY', 'SAB', 'EMO', 'MUL'],
    description: 'the plan’s category of abuse',
  })
  category?: string;
}

export class ChildHistoryEntryDto {
  @ApiProperty({ enum: CHILD_HISTORY_KINDS })
  kind: string;

  @ApiProperty({
    format: 'uuid',
    description: 'the contact’s, notification’s, referral’s or discussion’s id',
  })
  id: string;

  @ApiProperty({
    format: 'date-time',
    description: 'when: a contact received, a notification received, a referral made, a discussion opened',
  })
  at: string;

  @ApiPropertyOptional({ description: 'the contact reference, or the police reference of a DA notification' })
  reference?: string;

  @ApiPropertyOptional({ enum: RAG_RATINGS, description: 'a contact’s or a DA notification’s RAG' })
  rag?: string;

  @ApiPropertyOptional({
    description:
      'a contact’s status (RECEIVED ... DECIDED), a notification’s (AWAITING_TRIAGE, TRIAGED), a discussion’s (DUE, SCHEDULED, HELD)',
  })
  status?: string;

  @ApiPropertyOptional({
    description:
      'a contact’s threshold decision outcome in force, a notification’s triage outcome, a held discussion’s outcome',
  })
  outcome?: string;

  @ApiPropertyOptional({ format: 'date', description: 'a referral’s date' })
  referralDate?: string;

  @ApiPropertyOptional({ description: 'a referral within 12 months of the child’s previous one' })
  reReferral?: boolean;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'the contact a referral or discussion came from, or a notification made for this child',
  })
  contactId?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'a discussion’s due time' })
  dueAt?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'when a discussion was held' })
  heldAt?: string;

  @ApiPropertyOptional({
    type: ChildS47OutcomeDto,
    description: 'a discussion’s s47 enquiry, once concluded',
  })
  s47Outcome?: ChildS47OutcomeDto;

  @ApiPropertyOptional({
    type: ChildIcpcDto,
    description: 'a discussion’s initial child protection conference, once held',
  })
  icpc?: ChildIcpcDto;
}

// GET /api/children/:id (issue 17 item 2): the child's demographics, household and history
export class ChildViewDto extends ChildDto {
  @ApiProperty({
    type: [HouseholdMemberDto],
    description: 'the other children of the households this child’s contacts name, at most 50',
  })
  household: HouseholdMemberDto[];

  @ApiProperty({
    type: [ChildHistoryEntryDto],
    description: 'contacts, DA notifications, referrals and strategy discussions, oldest first',
  })
  history: ChildHistoryEntryDto[];

  @ApiProperty({
    type: [ChildChangeDto],
    description: 'the changes made to the record (PATCH), newest first, at most 500',
  })
  changes: ChildChangeDto[];

  @ApiProperty({
    type: [ChildMergeDto],
    description:
      'the records merged into this one (decision 0028), newest first, with any undoing; at most 100',
  })
  merges: ChildMergeDto[];

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'a merged duplicate (decision 0028): the record it was merged into, to read instead; the tombstone shows its own names and nothing else (its history is there)',
  })
  mergedInto?: string;
}
