import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthenticatedUser } from '@app/auth/access';
import { DomainError } from '@app/core';
import { DiscussionViewDto, RecordDto, RecordResultDto, ScheduleDto, StartDiscussionDto } from './dto/strategy.dto';
import { StrategyDiscussions } from './use-cases/strategy-discussions';

const Id = (what: string) => new ParseUUIDPipe({ exceptionFactory: () => DomainError.notFound(what) });

@ApiTags('strategy discussions')
@ApiBearerAuth()
@Controller('strategy-discussions')
export class StrategyController {
  constructor(private readonly discussions: StrategyDiscussions) {}

  @Get(':id')
  @Roles('SCREENER', 'MANAGER')
  @ApiOkResponse({ type: DiscussionViewDto })
  view(@Param('id', Id('strategy discussion')) id: string, @CurrentUser() user: AuthenticatedUser): Promise<DiscussionViewDto> {
    return this.discussions.view(user, id);
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
    return this.discussions.schedule(user, id, dto);
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
    return this.discussions.record(user, id, dto);
  }
}

@ApiTags('strategy discussions')
@ApiBearerAuth()
@Controller('contacts/:id/strategy-discussion')
export class EscalationController {
  constructor(private readonly discussions: StrategyDiscussions) {}

  @Post()
  @Roles('MANAGER')
  @ApiCreatedResponse({ type: DiscussionViewDto, description: 'a strategy discussion for a contact already decided' })
  start(
    @Param('id', Id('contact')) id: string,
    @Body() dto: StartDiscussionDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<DiscussionViewDto> {
    return this.discussions.start(user, id, dto);
  }
}
