import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Req,
  Res,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthenticatedUser } from '@app/access';
import { DomainError } from '@app/core';
import { ApiErrors } from '@app/core/openapi';
import { idempotencyInput } from '@app/database';
import {
  AskableAgenciesDto,
  ChaseRequestDto,
  ChaseResultDto,
  DeclineRequestDto,
  InformationRequestsResultDto,
  InformationRequestViewDto,
  PartnerInformationRequestViewDto,
  RequestInformationDto,
  RespondToRequestDto,
  ResponseVersionResultDto,
} from './dto/information-request.dto';
import type { RespondedVersion } from './idempotent-response';
import { AnswerInformationRequest } from './use-cases/answer-information-request';
import { ChaseInformationRequest } from './use-cases/chase-information-request';
import { DeclineInformationRequest } from './use-cases/decline-information-request';
import { ListAskableAgencies } from './use-cases/list-askable-agencies';
import { RequestInformation } from './use-cases/request-information';
import { RequestInformationForNotification } from './use-cases/request-information-for-notification';
import { ViewInformationRequest } from './use-cases/view-information-request';

const RETRY_KEY = 'same key + same request and body: the first answer again, no second version';

// a retry's answer says it is one
function replayHeader(res: Response, responded: RespondedVersion): ResponseVersionResultDto {
  if (responded.replayed) res.setHeader('Idempotent-Replayed', 'true');
  return responded.body;
}

const Id = (what: string) => new ParseUUIDPipe({ exceptionFactory: () => DomainError.notFound(what) });

// issue 18 (decision 0029): the front door asks partner agencies; they answer
@ApiTags('information-sharing')
@ApiBearerAuth()
@Controller()
export class InformationRequestsController {
  constructor(
    private readonly requestInformation: RequestInformation,
    private readonly viewRequest: ViewInformationRequest,
    private readonly answerRequest: AnswerInformationRequest,
    private readonly declineRequest: DeclineInformationRequest,
    private readonly chaseRequest: ChaseInformationRequest,
    private readonly listAgencies: ListAskableAgencies,
    private readonly requestForNotificationUseCase: RequestInformationForNotification,
  ) {}

  @Post('contacts/:id/information-requests')
  @Roles('SCREENER', 'MANAGER')
  @ApiOperation({
    summary:
      'Ask partner agencies what they know about the contact’s child: one request per agency, due by the contact’s rating (the claim holder or a manager)',
  })
  @ApiCreatedResponse({ type: InformationRequestsResultDto })
  @ApiErrors(
    [
      400,
      'VALIDATION_FAILED: no agencies, an unknown one, one asked already, no questions, CONSENT without consent given, or another basis without consentOverrideReason',
    ],
    401,
    [403, 'FORBIDDEN: not the claim holder or a manager'],
    404,
    [409, 'STALE_STATE: the contact is decided'],
    429,
  )
  request(
    @Param('id', Id('contact')) contactId: string,
    @Body() body: RequestInformationDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<InformationRequestsResultDto> {
    return this.requestInformation.execute(user, { ...body, contactId });
  }

  @Post('da-notifications/:id/information-requests')
  @Roles('SCREENER', 'MANAGER')
  @ApiOperation({
    summary:
      'Ask partner agencies about every child of a DA notification triaged to a contact: one request per agency on each open contact it made (who triaged it, or a manager)',
  })
  @ApiCreatedResponse({ type: InformationRequestsResultDto })
  @ApiErrors(
    [
      400,
      'VALIDATION_FAILED: as for a contact’s requests (the lawful basis checked against each contact’s consent)',
    ],
    401,
    [403, 'FORBIDDEN: neither who triaged it nor a manager'],
    404,
    [409, 'STALE_STATE: the notification made no contact, or every contact it made is decided'],
    429,
  )
  requestForNotification(
    @Param('id', Id('DA notification')) notificationId: string,
    @Body() body: RequestInformationDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<InformationRequestsResultDto> {
    return this.requestForNotificationUseCase.execute(user, { ...body, notificationId });
  }

  // before ':id', so "agencies" is not read as an id
  @Get('information-requests/agencies')
  @Roles('SCREENER', 'MANAGER')
  @ApiOperation({ summary: 'The partner agencies the front door may ask (every agency but its own)' })
  @ApiOkResponse({ type: AskableAgenciesDto })
  @ApiErrors(401, 403, 429)
  agencies(@CurrentUser() user: AuthenticatedUser): Promise<AskableAgenciesDto> {
    return this.listAgencies.execute(user, {});
  }

  @Get('information-requests/:id')
  @Roles('SCREENER', 'MANAGER', 'PARTNER', 'POLICE')
  @ApiOperation({
    summary:
      'Read a request: the front door’s staff the whole of it; the asked agency the child, the questions and its own answers; anyone else 404',
  })
  @ApiExtraModels(InformationRequestViewDto, PartnerInformationRequestViewDto)
  @ApiOkResponse({
    schema: {
      oneOf: [
        { $ref: getSchemaPath(InformationRequestViewDto) },
        { $ref: getSchemaPath(PartnerInformationRequestViewDto) },
      ],
    },
  })
  @ApiErrors(401, 403, 404, 429)
  view(
    @Param('id', Id('information request')) id: string,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<InformationRequestViewDto | PartnerInformationRequestViewDto> {
    return this.viewRequest.execute(user, { id });
  }

  @Post('information-requests/:id/response')
  @Roles('PARTNER', 'POLICE')
  @ApiOperation({
    summary: 'Answer a request to your agency: append-only, an amendment is the next version',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: RETRY_KEY })
  @ApiCreatedResponse({ type: ResponseVersionResultDto })
  @ApiErrors(
    [400, 'VALIDATION_FAILED: no summary, or knownToAgency not true or false'],
    401,
    403,
    404,
    [422, 'IDEMPOTENCY_KEY_REUSED: the Idempotency-Key was used with another request or body'],
    429,
  )
  async answer(
    @Param('id', Id('information request')) id: string,
    @Body() body: RespondToRequestDto,
    @Headers('idempotency-key') key: string | undefined,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<ResponseVersionResultDto> {
    const idempotency = idempotencyInput(key, { id, answer: req.body as unknown });
    return replayHeader(res, await this.answerRequest.execute(user, { ...body, id, idempotency }));
  }

  @Post('information-requests/:id/decline')
  @Roles('PARTNER', 'POLICE')
  @ApiOperation({ summary: 'Decline an open request to your agency, with why' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: RETRY_KEY })
  @ApiCreatedResponse({ type: ResponseVersionResultDto })
  @ApiErrors(
    [400, 'VALIDATION_FAILED: no reason'],
    401,
    403,
    404,
    [409, 'STALE_STATE: answered or declined already'],
    [422, 'IDEMPOTENCY_KEY_REUSED: the Idempotency-Key was used with another request or body'],
    429,
  )
  async decline(
    @Param('id', Id('information request')) id: string,
    @Body() body: DeclineRequestDto,
    @Headers('idempotency-key') key: string | undefined,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<ResponseVersionResultDto> {
    const idempotency = idempotencyInput(key, { id, decline: req.body as unknown });
    return replayHeader(res, await this.declineRequest.execute(user, { ...body, id, idempotency }));
  }

  @Post('information-requests/:id/chase')
  @HttpCode(201)
  @Roles('SCREENER', 'MANAGER')
  @ApiOperation({ summary: 'Chase an open request (who asked, or a manager); recorded' })
  @ApiCreatedResponse({ type: ChaseResultDto })
  @ApiErrors(
    400,
    401,
    [403, 'FORBIDDEN: neither who asked nor a manager'],
    404,
    [409, 'STALE_STATE: answered or declined'],
    429,
  )
  chase(
    @Param('id', Id('information request')) id: string,
    @Body() body: ChaseRequestDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<ChaseResultDto> {
    return this.chaseRequest.execute(user, { ...body, id });
  }
}
