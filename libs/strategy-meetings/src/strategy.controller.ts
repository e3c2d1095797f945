import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthenticatedUser } from '@app/access';
import { DomainError } from '@app/core';
import { ApiErrors } from '@app/core/openapi';
import {
  ActionCompletionResultDto,
  CompleteActionDto,
  DiscussionViewDto,
  IcpcResultDto,
  RecordDto,
  RecordIcpcDto,
  RecordS47OutcomeDto,
  S47OutcomeResultDto,
  StrategyRecordResultDto,
  ScheduleDto,
  StartDiscussionDto,
} from './dto/strategy.dto';
import { CompleteStrategyAction } from './use-cases/complete-strategy-action';
import { RecordIcpc } from './use-cases/record-icpc';
import { RecordS47Outcome } from './use-cases/record-s47-outcome';
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
    private readonly completeAction: CompleteStrategyAction,
    private readonly recordS47Outcome: RecordS47Outcome,
    private readonly recordIcpc: RecordIcpc,
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

  @Post(':id/actions/:actionId/complete')
  @HttpCode(200)
  @Roles('SCREENER', 'MANAGER')
  @ApiOperation({ summary: 'Mark an action of the current record done (once)' })
  @ApiOkResponse({ type: ActionCompletionResultDto })
  @ApiErrors(400, 401, 403, 404, [409, 'STALE_STATE: the action is marked done already'], 413, 429)
  complete(
    @Param('id', Id('strategy discussion')) id: string,
    @Param('actionId', Id('strategy action')) actionId: string,
    @Body() dto: CompleteActionDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<ActionCompletionResultDto> {
    return this.completeAction.execute(user, { ...dto, id, actionId });
  }

  @Post(':id/s47-outcome')
  @HttpCode(200)
  @Roles('SCREENER', 'MANAGER')
  @ApiOperation({ summary: 'Record how the s47 enquiry the discussion started concluded (once)' })
  @ApiOkResponse({ type: S47OutcomeResultDto })
  @ApiErrors(
    400,
    401,
    403,
    404,
    [409, 'STALE_STATE: the discussion was not held with an s47 outcome, or the outcome is recorded already'],
    413,
    429,
  )
  s47Outcome(
    @Param('id', Id('strategy discussion')) id: string,
    @Body() dto: RecordS47OutcomeDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<S47OutcomeResultDto> {
    return this.recordS47Outcome.execute(user, { ...dto, id });
  }

  @Post(':id/icpc')
  @HttpCode(200)
  @Roles('SCREENER', 'MANAGER')
  @ApiOperation({
    summary: 'Record the initial child protection conference (once), CIN census rules checked at entry',
  })
  @ApiOkResponse({ type: IcpcResultDto })
  @ApiErrors(
    400,
    401,
    403,
    404,
    [
      409,
      'STALE_STATE: the s47 enquiry has not concluded CONCERNS_SUBSTANTIATED_ICPC, or the ICPC is recorded already',
    ],
    413,
    429,
  )
  icpc(
    @Param('id', Id('strategy discussion')) id: string,
    @Body() dto: RecordIcpcDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<IcpcResultDto> {
    return this.recordIcpc.execute(user, { ...dto, id });
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
