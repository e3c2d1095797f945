import { Controller, Get, Param } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthenticatedUser } from '@app/access';
import { ApiErrors } from '@app/core/openapi';
import { QueuesService } from './queues.service';
import { QUEUE_VIEW_NAMES } from './queue-view';
import { SubmissionItemDto } from './submission-item.dto';

class ClaimedByDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  name: string;
}

class QueueItemDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'CONTACT' })
  kind: string;

  @ApiProperty({ example: 'CON-2026-000123' })
  reference: string;

  @ApiProperty()
  childName: string;

  @ApiProperty({ enum: ['RED', 'AMBER', 'GREEN'] })
  rag: string;

  @ApiProperty()
  status: string;

  @ApiProperty({ format: 'date-time' })
  receivedAt: string;

  @ApiProperty({ format: 'date-time' })
  dueAt: string;

  @ApiProperty({ enum: ['ON_TRACK', 'DUE_SOON', 'OVERDUE'] })
  timeliness: string;

  @ApiPropertyOptional({ type: ClaimedByDto })
  claimedBy?: ClaimedByDto;

  @ApiProperty({ type: [String], example: ['REPEAT_CONTACT'] })
  flags: string[];

  @ApiPropertyOptional({ description: 'triage queue: the police force that sent the notification' })
  force?: string;

  @ApiPropertyOptional({
    enum: ['DASH', 'DARA'],
    description: 'triage queue: the risk tool the officer used',
  })
  riskTool?: string;

  @ApiPropertyOptional({ enum: ['STANDARD', 'MEDIUM', 'HIGH'], description: 'triage queue: the risk level' })
  riskLevel?: string;

  @ApiPropertyOptional({ description: 'encompass queue: the school the police named (SCHOOL_NAMED)' })
  school?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'encompass queue: the DA notification the notice comes from',
  })
  notificationId?: string;

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'strategy queue: when the discussion is to be held',
  })
  scheduledFor?: string;

  @ApiPropertyOptional({ description: 'information-requests queue: what the front door asks' })
  questions?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'quality-audit queue: the contact whose decision is audited',
  })
  contactId?: string;

  @ApiPropertyOptional({
    type: ClaimedByDto,
    description: 'quality-audit queue: who made the decision (never shown this item)',
  })
  decidedBy?: ClaimedByDto;

  @ApiPropertyOptional({ description: 'quality-audit queue: the outcome of the decision audited' })
  outcome?: string;
}

class QueueSnapshotDto {
  @ApiProperty({
    type: 'integer',
    minimum: 0,
    maximum: Number.MAX_SAFE_INTEGER,
    example: 1042,
    description: 'the live sequence number this list is consistent with (a JSON number)',
  })
  seq: number;

  @ApiProperty({ type: [QueueItemDto], description: 'RED, AMBER, GREEN, then dueAt ascending' })
  items: QueueItemDto[];
}

@ApiTags('queues')
@ApiBearerAuth()
// the live view police and partners subscribe to has no route of its own: its item is here
@ApiExtraModels(SubmissionItemDto)
@Controller('queues')
export class QueuesController {
  constructor(private readonly queues: QueuesService) {}

  @Get(':view')
  // each view says which roles see it (information-requests: the asked agency's people)
  @Roles('SCREENER', 'MANAGER', 'PARTNER', 'POLICE')
  @ApiOperation({ summary: 'Read a work queue, most urgent first, with the live seq it is consistent with' })
  @ApiParam({ name: 'view', enum: QUEUE_VIEW_NAMES })
  @ApiOkResponse({ type: QueueSnapshotDto })
  @ApiErrors(401, 403, [404, 'NOT_FOUND: no such queue'], 429)
  read(@Param('view') view: string, @CurrentUser() user: AuthenticatedUser): Promise<QueueSnapshotDto> {
    return this.queues.snapshot(user, view);
  }
}
