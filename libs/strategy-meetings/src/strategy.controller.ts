import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthenticatedUser } from '@app/access';
import { DomainError } from '@app/core';
import { ApiErrors } from '@app/core/openapi';
import {
  DiscussionViewDto,
  RecordDto,
  StrategyRecordResultDto,
  ScheduleDto,
  StartDiscussionDto,
} from './dto/strategy.dto';
import { RecordStrategyDiscussion } from './use-cases/record-strategy-discussion';
import { ScheduleStrategyDiscussion } from './use-cases/schedule-strategy-discussion';
import { StartStrategyDiscussion } from './use-cases/start-strategy-discussion';
import { ViewStrategyDiscussion } from './use-cases/view-strategy-discussion';

const Id = (what: string) => new ParseUUIDPipe({ exceptionFactory: () => DomainError.notFound(what) });

@ApiTags('strategy discussions')
@ApiBearerAuth()
@Controller('strategy-discussions')
export class StrategyController {
  constructor(
    private readonly viewDiscussion: ViewStrategyDiscussion,
    private readonly scheduleDiscussion: ScheduleStrategyDiscussion,
    private readonly recordDiscussion: RecordStrategyDiscussion,
  ) {}

  @Get(':id')
  @Roles('SCREENER', 'MANAGER')
  @ApiOperation({ summary: 'Read a strategy discussion, with its record and earlier records' })
  @ApiOkResponse({ type: DiscussionViewDto })
  @ApiErrors(401, 403, 404, 429)
  view(
    @Param('id', Id('strategy discussion')) id: string,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<DiscussionViewDto> {
    return this.viewDiscussion.execute(user, { id });
  }

  @Post(':id/schedule')
  @HttpCode(200)
  @Roles('SCREENER', 'MANAGER')
  @ApiOperation({ summary: 'Schedule a strategy discussion and name who is invited' })
  @ApiOkResponse({ type: DiscussionViewDto })
  @ApiErrors(400, 401, 403, 404, [409, 'STALE_STATE: held already; record an amendment instead'], 413, 429)
  schedule(
    @Param('id', Id('strategy discussion')) id: string,
    @Body() dto: ScheduleDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<DiscussionViewDto> {
    return this.scheduleDiscussion.execute(user, { ...dto, id });
  }

  @Post(':id/record')
  @HttpCode(200)
  @Roles('SCREENER', 'MANAGER')
  @ApiOperation({ summary: 'Record a strategy discussion as held (or amend the record)' })
  @ApiOkResponse({ type: StrategyRecordResultDto })
  @ApiErrors(
    400,
    401,
    403,
    404,
    [409, 'STALE_STATE: recorded already; send amendmentReason to amend'],
    413,
    429,
  )
  record(
    @Param('id', Id('strategy discussion')) id: string,
    @Body() dto: RecordDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<StrategyRecordResultDto> {
    return this.recordDiscussion.execute(user, { ...dto, id });
  }
}

@ApiTags('strategy discussions')
@ApiBearerAuth()
@Controller('contacts/:id/strategy-discussion')
export class EscalationController {
  constructor(private readonly startDiscussion: StartStrategyDiscussion) {}

  @Post()
  @Roles('MANAGER')
  @ApiOperation({ summary: 'Start a strategy discussion for a contact already decided (manager)' })
  @ApiCreatedResponse({
    type: DiscussionViewDto,
    description: 'a strategy discussion for a contact already decided',
  })
  @ApiErrors(
    400,
    401,
    403,
    404,
    [409, 'STALE_STATE: the contact is not decided, or a strategy discussion for it is already open'],
    413,
    429,
  )
  start(
    @Param('id', Id('contact')) id: string,
    @Body() dto: StartDiscussionDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<DiscussionViewDto> {
    return this.startDiscussion.execute(user, { ...dto, contactId: id });
  }
}
