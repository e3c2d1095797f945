import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentUser, Roles, type AuthenticatedUser } from '@app/access';
import { canonicalJson, DomainError, sha256Hex } from '@app/core';
import { EncompassSentResultDto, NotificationViewDto, TriageResultDto } from './dto/notification-view.dto';
import { EncompassSentDto, SubmitNotificationDto, TriageDto } from './dto/submit-notification.dto';
import { MarkEncompassSent } from './use-cases/mark-encompass-sent';
import { SubmitNotification } from './use-cases/submit-notification';
import { TriageNotification } from './use-cases/triage-notification';
import { ListNotifications, ViewNotification } from './use-cases/view-notifications';

const Id = (what: string) => new ParseUUIDPipe({ exceptionFactory: () => DomainError.notFound(what) });

@ApiTags('domestic-abuse notifications')
@ApiBearerAuth()
@Controller('da-notifications')
export class DaNotificationsController {
  constructor(
    private readonly submit: SubmitNotification,
    private readonly triageNotification: TriageNotification,
    private readonly viewNotification: ViewNotification,
    private readonly listNotifications: ListNotifications,
  ) {}

  @Post()
  @Roles('POLICE')
  @ApiCreatedResponse({ type: NotificationViewDto })
  @ApiOkResponse({ type: NotificationViewDto, description: 'the same reference and body again: the original' })
  @ApiConflictResponse({ description: 'DUPLICATE_REFERENCE: the same reference with another body' })
  async create(
    @Body() dto: SubmitNotificationDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<NotificationViewDto> {
    const result = await this.submit.execute(user, { notification: dto, requestHash: sha256Hex(canonicalJson(req.body)) });
    res.status(result.created ? 201 : 200);
    return result.view;
  }

  @Get()
  @Roles('POLICE', 'SCREENER', 'MANAGER')
  @ApiQuery({ name: 'status', required: false, enum: ['AWAITING_TRIAGE', 'TRIAGED'] })
  @ApiOkResponse({ type: [NotificationViewDto], description: 'newest first, 100 at most; police see their own force only' })
  list(@Query('status') status: string | undefined, @CurrentUser() user: AuthenticatedUser): Promise<NotificationViewDto[]> {
    if (status !== undefined && status !== 'AWAITING_TRIAGE' && status !== 'TRIAGED') {
      throw DomainError.validation([{ field: 'status', message: 'must be AWAITING_TRIAGE or TRIAGED' }]);
    }
    return this.listNotifications.execute(user, { status });
  }

  @Get(':id')
  @Roles('POLICE', 'SCREENER', 'MANAGER')
  @ApiOkResponse({ type: NotificationViewDto })
  one(@Param('id', Id('notification')) id: string, @CurrentUser() user: AuthenticatedUser): Promise<NotificationViewDto> {
    return this.viewNotification.execute(user, { id });
  }

  @Post(':id/triage')
  @Roles('SCREENER', 'MANAGER')
  @ApiCreatedResponse({ type: TriageResultDto })
  @ApiConflictResponse({ description: 'STALE_STATE: triaged already' })
  triage(
    @Param('id', Id('notification')) id: string,
    @Body() dto: TriageDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<TriageResultDto> {
    return this.triageNotification.execute(user, { ...dto, id });
  }
}

@ApiTags('domestic-abuse notifications')
@ApiBearerAuth()
@Controller('encompass')
export class EncompassController {
  constructor(private readonly markSent: MarkEncompassSent) {}

  @Post(':id/sent')
  @HttpCode(200)
  @Roles('SCREENER', 'MANAGER')
  @ApiOkResponse({ type: EncompassSentResultDto })
  sent(
    @Param('id', Id('school notification')) id: string,
    @Body() dto: EncompassSentDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<EncompassSentResultDto> {
    return this.markSent.execute(user, { ...dto, id });
  }
}
