import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthenticatedUser } from '@app/access';
import { DomainError } from '@app/core';
import { ApiErrors } from '@app/core/openapi';
import {
  AuditDrawDto,
  AuditDrawResultDto,
  AuditFeedbackListDto,
  CompleteAuditDto,
  DrawAuditSampleDto,
  QualityAuditDto,
  ResolveConcernDto,
  SwapAuditDto,
  SwapAuditResultDto,
} from '../dto/quality-audit.dto';
import { CompleteQualityAudit } from '../use-cases/complete-quality-audit';
import { DrawAuditSample } from '../use-cases/draw-audit-sample';
import { ListAuditFeedback } from '../use-cases/list-audit-feedback';
import { ResolveAuditConcern } from '../use-cases/resolve-audit-concern';
import { SwapQualityAudit } from '../use-cases/swap-quality-audit';
import { ViewAuditDraw } from '../use-cases/view-audit-draw';
import { ViewQualityAudit } from '../use-cases/view-quality-audit';

const AuditId = () => new ParseUUIDPipe({ exceptionFactory: () => DomainError.notFound('quality audit') });
const DrawId = () =>
  new ParseUUIDPipe({ exceptionFactory: () => DomainError.notFound('quality audit draw') });

// issue 21 items 3 and 5 (decision 0034): the weekly dip-sample audits of threshold decisions
@ApiTags('quality audits')
@ApiBearerAuth()
@Controller('quality-audits')
export class QualityAuditsController {
  constructor(
    private readonly drawSample: DrawAuditSample,
    private readonly viewDraw: ViewAuditDraw,
    private readonly listFeedback: ListAuditFeedback,
    private readonly viewAudit: ViewQualityAudit,
    private readonly completeAudit: CompleteQualityAudit,
    private readonly swapAudit: SwapQualityAudit,
    private readonly resolveConcern: ResolveAuditConcern,
  ) {}

  @Post('draws')
  @Roles('MANAGER')
  @ApiOperation({
    summary: 'Draw the sample of a past week’s decisions (once a week: the weekly draw or this)',
  })
  @ApiCreatedResponse({ type: AuditDrawResultDto })
  @ApiErrors(400, 401, 403, [409, 'CONFLICT: the week has been drawn already'], 413, 429)
  draw(@Body() dto: DrawAuditSampleDto, @CurrentUser() user: AuthenticatedUser): Promise<AuditDrawResultDto> {
    return this.drawSample.execute(user, dto);
  }

  @Get('draws/:id')
  @Roles('MANAGER', 'ADMIN')
  @ApiOperation({
    summary: 'A draw with its seed, its items, and whether drawing again from the seed agrees',
  })
  @ApiOkResponse({ type: AuditDrawDto })
  @ApiErrors(401, 403, 404, 429)
  readDraw(@Param('id', DrawId()) id: string, @CurrentUser() user: AuthenticatedUser): Promise<AuditDrawDto> {
    return this.viewDraw.execute(user, { drawId: id });
  }

  @Get('feedback')
  @Roles('SCREENER', 'MANAGER')
  @ApiOperation({ summary: 'My feedback: the answered audits of my own decisions, newest first' })
  @ApiOkResponse({ type: AuditFeedbackListDto })
  @ApiErrors(401, 403, 429)
  feedback(@CurrentUser() user: AuthenticatedUser): Promise<AuditFeedbackListDto> {
    return this.listFeedback.execute(user, {});
  }

  @Get(':id')
  @Roles('SCREENER', 'MANAGER')
  @ApiOperation({ summary: 'One audit: a manager’s, or the decider’s own' })
  @ApiOkResponse({ type: QualityAuditDto })
  @ApiErrors(401, 403, 404, 429)
  read(@Param('id', AuditId()) id: string, @CurrentUser() user: AuthenticatedUser): Promise<QualityAuditDto> {
    return this.viewAudit.execute(user, { auditId: id });
  }

  @Post(':id')
  @HttpCode(200)
  @Roles('MANAGER')
  @ApiOperation({ summary: 'Answer an audit (a manager who did not make the decision; once)' })
  @ApiOkResponse({ type: QualityAuditDto })
  @ApiErrors(
    400,
    401,
    [403, 'FORBIDDEN: your own decision'],
    404,
    [409, 'STALE_STATE: answered or swapped already'],
    413,
    429,
  )
  complete(
    @Param('id', AuditId()) id: string,
    @Body() dto: CompleteAuditDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<QualityAuditDto> {
    return this.completeAudit.execute(user, { ...dto, auditId: id });
  }

  @Post(':id/swap')
  @HttpCode(200)
  @Roles('MANAGER')
  @ApiOperation({
    summary: 'Take a drawn decision out of the sample, with a reason; the next is drawn in its place',
  })
  @ApiOkResponse({ type: SwapAuditResultDto })
  @ApiErrors(
    400,
    401,
    [403, 'FORBIDDEN: your own decision'],
    404,
    [409, 'STALE_STATE: answered or swapped already'],
    413,
    429,
  )
  swap(
    @Param('id', AuditId()) id: string,
    @Body() dto: SwapAuditDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<SwapAuditResultDto> {
    return this.swapAudit.execute(user, { ...dto, auditId: id });
  }

  @Post(':id/concern')
  @HttpCode(200)
  @Roles('MANAGER')
  @ApiOperation({
    summary: 'Record what was done about an audit’s concern (the contact leaves the authorisation queue)',
  })
  @ApiOkResponse({ type: QualityAuditDto })
  @ApiErrors(
    400,
    401,
    [403, 'FORBIDDEN: your own decision'],
    404,
    [409, 'STALE_STATE: no concern waits'],
    413,
    429,
  )
  concern(
    @Param('id', AuditId()) id: string,
    @Body() dto: ResolveConcernDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<QualityAuditDto> {
    return this.resolveConcern.execute(user, { ...dto, auditId: id });
  }
}
