import { Body, Controller, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthenticatedUser } from '@app/access';
import { DomainError, THRESHOLD_CATALOGUE, type ThresholdCatalogueSchema } from '@app/core';
import { ApiErrors } from '@app/core/openapi';
import {
  AuthoriseDecisionDto,
  DecisionResultDto,
  RecordDecisionDto,
  ThresholdCatalogueDto,
} from './dto/decision.dto';
import { catalogueDto } from './threshold-catalogue';
import { AuthoriseDecision } from './use-cases/authorise-decision';
import { RecordDecision } from './use-cases/record-decision';

const ContactId = () => new ParseUUIDPipe({ exceptionFactory: () => DomainError.notFound('contact') });

@ApiTags('threshold decisions')
@ApiBearerAuth()
@Controller('contacts/:id/decision')
export class ThresholdsController {
  constructor(
    private readonly recordDecision: RecordDecision,
    private readonly authoriseDecision: AuthoriseDecision,
  ) {}

  @Post()
  @Roles('SCREENER', 'MANAGER')
  @ApiOperation({ summary: 'Record the threshold decision on a contact' })
  @ApiCreatedResponse({ type: DecisionResultDto })
  @ApiErrors(
    400,
    401,
    403,
    404,
    [409, 'STALE_STATE when the contact is no longer open; CONTACT_ALREADY_CLAIMED (with claimedBy)'],
    413,
    429,
  )
  record(
    @Param('id', ContactId()) id: string,
    @Body() dto: RecordDecisionDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<DecisionResultDto> {
    return this.recordDecision.execute(user, { ...dto, contactId: id });
  }

  @Post('authorise')
  @HttpCode(200)
  @Roles('MANAGER')
  @ApiOperation({ summary: 'Approve or reject a decision awaiting a manager’s authorisation' })
  @ApiOkResponse({ type: DecisionResultDto })
  @ApiErrors(400, 401, 403, 404, [409, 'STALE_STATE: no decision is awaiting authorisation'], 413, 429)
  authorise(
    @Param('id', ContactId()) id: string,
    @Body() dto: AuthoriseDecisionDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<DecisionResultDto> {
    return this.authoriseDecision.execute(user, { ...dto, contactId: id });
  }
}

@ApiTags('threshold decisions')
@ApiBearerAuth()
@Controller('thresholds')
export class ThresholdCatalogueController {
  constructor(@Inject(THRESHOLD_CATALOGUE) private readonly catalogue: ThresholdCatalogueSchema) {}

  @Get()
  // partners read the levels as help when they make a contact; no personal data here
  @Roles('SCREENER', 'MANAGER', 'PARTNER')
  @ApiOperation({
    summary: 'The levels (with what each means), outcomes, codes and lengths a threshold decision takes',
  })
  @ApiOkResponse({ type: ThresholdCatalogueDto })
  @ApiErrors(401, 403, 429)
  read(): ThresholdCatalogueDto {
    return catalogueDto(this.catalogue);
  }
}
