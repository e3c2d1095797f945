import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthenticatedUser } from '@app/access';
import { DomainError } from '@app/core';
import { DiscussionViewDto, RecordDto, RecordResultDto, ScheduleDto, StartDiscussionDto } from './dto/strategy.dto';
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
  @ApiOkResponse({ type: DiscussionViewDto })
  view(@Param('id', Id('strategy discussion')) id: string, @CurrentUser() user: AuthenticatedUser): Promise<DiscussionViewDto> {
    return this.viewDiscussion.execute(user, { id });
  }

  @Post(':id/schedule')
  @HttpCode(200)
  @Roles('SCREENER', 'MANAGER')
  @ApiOkResponse({ type: DiscussionViewDto })
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
  @ApiOkResponse({ type: RecordResultDto })
  @ApiConflictResponse({ description: 'recorded already: send amendmentReason to amend' })
  record(
    @Param('id', Id('strategy discussion')) id: string,
    @Body() dto: RecordDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<RecordResultDto> {
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
  @ApiCreatedResponse({ type: DiscussionViewDto, description: 'a strategy discussion for a contact already decided' })
  start(
    @Param('id', Id('contact')) id: string,
    @Body() dto: StartDiscussionDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<DiscussionViewDto> {
    return this.startDiscussion.execute(user, { ...dto, contactId: id });
  }
}
