import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { IsCalendarDate, IsInstant, Trim } from '@app/core';
import {
  AGENCIES,
  ATTENDANCE,
  DISCUSSION_STATUSES,
  STRATEGY_OUTCOMES,
  type Agency,
  type Attendance,
  type StrategyOutcome,
} from '../policy/strategy-rules';
import {
  ABUSE_CATEGORIES,
  S47_ENQUIRY_OUTCOMES,
  type AbuseCategory,
  type S47EnquiryOutcome,
} from '../policy/outcome-rules';

export class InviteeDto {
  @ApiProperty({ enum: AGENCIES })
  @IsIn(AGENCIES)
  agency: Agency;

  @ApiPropertyOptional({ description: 'who will attend for the agency' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(200)
  name?: string;
}

export class ScheduleDto {
  @ApiProperty({ format: 'date-time' })
  @IsInstant()
  scheduledFor: string;

  @ApiProperty({ type: [InviteeDto], description: 'must include LA_SOCIAL_CARE, POLICE and HEALTH' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => InviteeDto)
  invitees: InviteeDto[];
}

export class AttendanceDto {
  @ApiProperty({ enum: AGENCIES })
  @IsIn(AGENCIES)
  agency: Agency;

  @ApiProperty({ enum: ATTENDANCE })
  @IsIn(ATTENDANCE)
  status: Attendance;
}

export class ActionDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'in an amendment, the id of the current action this one is (it keeps its id and completion); ' +
      'without it an action with the same description and owner agency keeps its id',
  })
  @IsOptional()
  @IsUUID('all', { message: 'must be the id of an action of the current record' })
  id?: string;

  @ApiProperty()
  @Trim()
  @IsString()
  @Length(3, 2000)
  description: string;

  @ApiProperty({ enum: AGENCIES })
  @IsIn(AGENCIES)
  ownerAgency: Agency;

  @ApiProperty({ format: 'date' })
  @IsCalendarDate()
  dueDate: string;
}

export class RecordDto {
  @ApiProperty({ format: 'date-time' })
  @IsInstant()
  heldAt: string;

  @ApiProperty({ type: [AttendanceDto], description: 'a required agency not listed is recorded ABSENT' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => AttendanceDto)
  attendance: AttendanceDto[];

  @ApiProperty({ enum: STRATEGY_OUTCOMES })
  @IsIn(STRATEGY_OUTCOMES)
  outcome: StrategyOutcome;

  @ApiProperty()
  @Trim()
  @IsString()
  @Length(20, 10000, { message: 'must be 20 to 10000 characters' })
  rationale: string;

  @ApiProperty({ type: [ActionDto] })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ActionDto)
  actions: ActionDto[];

  @ApiPropertyOptional({ description: 'required to change a record already made; the earlier one is kept' })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(5, 2000)
  amendmentReason?: string;
}

export class StartDiscussionDto {
  @ApiProperty({ description: 'why a decided contact needs a strategy discussion now' })
  @Trim()
  @IsString()
  @Length(10, 2000)
  reason: string;
}

export class StrategyRecordResultDto {
  @ApiProperty({ description: 'LA children’s social care, police and health all attended' })
  quorate: boolean;

  @ApiProperty()
  heldWithinTimescale: boolean;

  @ApiPropertyOptional({ format: 'date', description: 'CIN census S47ActualStartDate' })
  s47StartDate?: string;

  @ApiPropertyOptional({ format: 'date', description: 'CIN census InitialCPCtarget: 15 working days on' })
  icpcDueDate?: string;
}

export class ActionCompletionDto {
  @ApiProperty({ format: 'date-time' })
  completedAt: string;

  @ApiProperty({ format: 'uuid', description: 'the user who marked it done' })
  completedBy: string;

  @ApiProperty()
  note: string;
}

export class RecordedActionDto {
  @ApiProperty({ format: 'uuid', description: 'kept across the record’s amendments (decision 0023)' })
  id: string;

  @ApiProperty()
  description: string;

  @ApiProperty({ enum: AGENCIES })
  ownerAgency: Agency;

  @ApiProperty({ format: 'date' })
  dueDate: string;

  @ApiPropertyOptional({ type: ActionCompletionDto, description: 'once the action is done' })
  completion?: ActionCompletionDto;
}

export class CompleteActionDto {
  @ApiProperty({ description: 'what was done', minLength: 2, maxLength: 2000 })
  @Trim()
  @IsString()
  @Length(2, 2000, { message: 'must be 2 to 2000 characters' })
  note: string;
}

export class ActionCompletionResultDto extends ActionCompletionDto {
  @ApiProperty({ format: 'uuid', description: 'the action' })
  id: string;
}

export class RecordS47OutcomeDto {
  @ApiProperty({ format: 'date-time', description: 'when the enquiry concluded: not before the s47 start' })
  @IsInstant()
  concludedAt: string;

  @ApiProperty({ enum: S47_ENQUIRY_OUTCOMES })
  @IsIn(S47_ENQUIRY_OUTCOMES)
  outcome: S47EnquiryOutcome;

  @ApiProperty({ minLength: 20, maxLength: 10000 })
  @Trim()
  @IsString()
  @Length(20, 10000, { message: 'must be 20 to 10000 characters' })
  rationale: string;
}

export class S47OutcomeViewDto {
  @ApiProperty({ format: 'date-time' })
  concludedAt: string;

  @ApiProperty({ enum: S47_ENQUIRY_OUTCOMES })
  outcome: S47EnquiryOutcome;

  @ApiProperty()
  rationale: string;

  @ApiProperty({ format: 'uuid', description: 'the user who recorded it' })
  recordedBy: string;

  @ApiProperty({ format: 'date-time' })
  recordedAt: string;
}

export class S47OutcomeResultDto extends S47OutcomeViewDto {}

export class RecordIcpcDto {
  @ApiProperty({
    format: 'date-time',
    description: 'CIN census DateOfInitialCPC: not before the s47 start, not on a weekend',
  })
  @IsInstant()
  heldAt: string;

  @ApiProperty({ description: 'the conference made a child protection plan' })
  @IsBoolean()
  childProtectionPlan: boolean;

  @ApiPropertyOptional({
    enum: ABUSE_CATEGORIES,
    description: 'CIN census InitialCategoryOfAbuse: required with a plan, refused without one',
  })
  @IsOptional()
  @IsIn(ABUSE_CATEGORIES)
  category?: AbuseCategory;
}

export class IcpcViewDto {
  @ApiProperty({ format: 'date-time' })
  heldAt: string;

  @ApiProperty({ format: 'date', description: 'CIN census DateOfInitialCPC (the London date)' })
  heldDate: string;

  @ApiProperty()
  childProtectionPlan: boolean;

  @ApiPropertyOptional({ enum: ABUSE_CATEGORIES, description: 'with a plan only' })
  category?: AbuseCategory;

  @ApiProperty({
    format: 'date',
    description: 'CIN census InitialCPCtarget: 15 working days from the s47 start',
  })
  icpcDueDate: string;

  @ApiProperty({ description: 'held on or before icpcDueDate' })
  heldWithinTarget: boolean;

  @ApiProperty({ format: 'uuid', description: 'the user who recorded it' })
  recordedBy: string;

  @ApiProperty({ format: 'date-time' })
  recordedAt: string;
}

export class IcpcResultDto extends IcpcViewDto {}

export class StrategyRecordViewDto {
  @ApiProperty({ type: 'integer', minimum: 1, description: '1, then one more for each amendment' })
  version: number;

  @ApiProperty({ format: 'date-time' })
  heldAt: string;

  @ApiProperty({ type: [AttendanceDto] })
  attendance: AttendanceDto[];

  @ApiProperty({ enum: STRATEGY_OUTCOMES })
  outcome: StrategyOutcome;

  @ApiProperty()
  rationale: string;

  @ApiProperty({ description: 'LA children’s social care, police and health all attended' })
  quorate: boolean;

  @ApiProperty()
  heldWithinTimescale: boolean;

  @ApiPropertyOptional({ format: 'date', description: 'CIN census S47ActualStartDate' })
  s47StartDate?: string;

  @ApiPropertyOptional({ format: 'date', description: 'CIN census InitialCPCtarget: 15 working days on' })
  icpcDueDate?: string;

  @ApiProperty({ type: [RecordedActionDto], description: 'by due date' })
  actions: RecordedActionDto[];

  @ApiPropertyOptional({ description: 'why this record replaced the one before' })
  amendmentReason?: string;

  @ApiProperty({ format: 'uuid', description: 'the user who recorded it' })
  recordedBy: string;

  @ApiProperty({ format: 'date-time' })
  recordedAt: string;
}

export class StartedByDto {
  @ApiProperty({ format: 'uuid', description: 'the manager who started it' })
  id: string;

  @ApiProperty()
  reason: string;
}

export class DiscussionViewDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  contactId: string;

  @ApiProperty({ enum: DISCUSSION_STATUSES })
  status: string;

  @ApiProperty({ format: 'date-time' })
  dueAt: string;

  @ApiPropertyOptional({ format: 'date-time' })
  scheduledFor?: string;

  @ApiProperty({ type: [InviteeDto] })
  invitees: InviteeDto[];

  @ApiProperty({
    enum: AGENCIES,
    isArray: true,
    description: 'the quorum: always invited, and the discussion is quorate only when all of them attended',
  })
  requiredAgencies: string[];

  @ApiPropertyOptional({ type: StrategyRecordViewDto, description: 'the current record' })
  record?: StrategyRecordViewDto;

  @ApiPropertyOptional({
    type: [StrategyRecordViewDto],
    description: 'earlier records, replaced by amendments, newest first',
  })
  history?: StrategyRecordViewDto[];

  @ApiPropertyOptional({
    type: StartedByDto,
    description: 'a manager started it for a decided contact, and why',
  })
  startedBy?: StartedByDto;

  @ApiPropertyOptional({ type: S47OutcomeViewDto, description: 'how the s47 enquiry concluded' })
  s47Outcome?: S47OutcomeViewDto;

  @ApiPropertyOptional({
    type: IcpcViewDto,
    description: 'the initial child protection conference, once held',
  })
  icpc?: IcpcViewDto;
}
