import {
  Body,
  Controller,
  Get,
  HttpCode,
  Inject,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentUser, Roles, type AuthenticatedUser } from '@app/access';
import {
  canonicalJson,
  DA_TRIAGE_POLICY,
  DomainError,
  sha256Hex,
  type DaTriagePolicySchema,
} from '@app/core';
import { ApiErrors } from '@app/core/openapi';
import { EncompassSentResultDto, NotificationViewDto, TriageResultDto } from './dto/notification-view.dto';
import { EncompassSentDto, SubmitNotificationDto, TriageDto } from './dto/submit-notification.dto';
import { TriageMatrixDto } from './dto/triage-matrix.dto';
import { matrixRows, triageTimescale } from './policy/triage-rules';
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
  @ApiOperation({ summary: 'Send a domestic-abuse notification (police)' })
  @ApiCreatedResponse({ type: NotificationViewDto })
  @ApiOkResponse({
    type: NotificationViewDto,
    description: 'the same reference and body again: the original',
  })
  @ApiErrors(
    400,
    401,
    403,
    [409, 'DUPLICATE_REFERENCE: the same police reference with another body'],
    413,
    429,
  )
  async create(
    @Body() dto: SubmitNotificationDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<NotificationViewDto> {
    const result = await this.submit.execute(user, {
      notification: dto,
      requestHash: sha256Hex(canonicalJson(req.body)),
    });
    res.status(result.created ? 201 : 200);
    return result.view;
  }

  @Get()
  @Roles('POLICE', 'SCREENER', 'MANAGER')
  @ApiOperation({ summary: 'List domestic-abuse notifications, newest first' })
  @ApiQuery({ name: 'status', required: false, enum: ['AWAITING_TRIAGE', 'TRIAGED'] })
  @ApiOkResponse({
    type: [NotificationViewDto],
    description: 'newest first, 100 at most; police see their own force only',
  })
  @ApiErrors(400, 401, 403, 429)
  list(
    @Query('status') status: string | undefined,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<NotificationViewDto[]> {
    if (status !== undefined && status !== 'AWAITING_TRIAGE' && status !== 'TRIAGED') {
      throw DomainError.validation([{ field: 'status', message: 'must be AWAITING_TRIAGE or TRIAGED' }]);
    }
    return this.listNotifications.execute(user, { status });
  }

  @Get(':id')
  @Roles('POLICE', 'SCREENER', 'MANAGER')
  @ApiOperation({ summary: 'Read a domestic-abuse notification' })
  @ApiOkResponse({ type: NotificationViewDto })
  @ApiErrors(401, 403, [404, 'NOT_FOUND: no such notification, or another force’s'], 429)
  one(
    @Param('id', Id('notification')) id: string,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<NotificationViewDto> {
    return this.viewNotification.execute(user, { id });
  }

  @Post(':id/triage')
  @Roles('SCREENER', 'MANAGER')
  @ApiOperation({ summary: 'Triage a notification: information only, or a contact for each child' })
  @ApiCreatedResponse({ type: TriageResultDto })
  @ApiErrors(400, 401, 403, 404, [409, 'STALE_STATE: triaged already'], 413, 429)
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
  @ApiOperation({ summary: 'Record that a school was told (Operation Encompass)' })
  @ApiOkResponse({ type: EncompassSentResultDto })
  @ApiErrors(400, 401, 403, 404, [409, 'STALE_STATE: recorded as sent already'], 413, 429)
  sent(
    @Param('id', Id('school notification')) id: string,
    @Body() dto: EncompassSentDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<EncompassSentResultDto> {
    return this.markSent.execute(user, { ...dto, id });
  }
}

@ApiTags('domestic-abuse notifications')
@ApiBearerAuth()
@Controller('da-triage-matrix')
export class TriageMatrixController {
  constructor(@Inject(DA_TRIAGE_POLICY) private readonly matrix: DaTriagePolicySchema) {}

  @Get()
  @Roles('SCREENER', 'MANAGER', 'POLICE')
  @ApiOperation({ summary: 'The triage matrix a suggestion comes from (config/da-triage-matrix.yml)' })
  @ApiOkResponse({ type: TriageMatrixDto })
  @ApiErrors(401, 403, 429)
  read(): TriageMatrixDto {
    const { rows, marac } = matrixRows(this.matrix);
    return {
      source: 'config/da-triage-matrix.yml',
      rows: rows.map((row) => ({
        ...row,
        triageDue: triageTimescale(row.outcome, this.matrix),
      })),
      marac,
    };
  }
}
