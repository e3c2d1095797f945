import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthenticatedUser } from '@app/access';
import { DomainError } from '@app/core';
import { AuthoriseDecisionDto, DecisionResultDto, RecordDecisionDto } from './dto/decision.dto';
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
  @ApiCreatedResponse({ type: DecisionResultDto })
  @ApiConflictResponse({ description: 'STALE_STATE when the contact is no longer open; CONTACT_ALREADY_CLAIMED' })
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
  @ApiOkResponse({ type: DecisionResultDto })
  authorise(
    @Param('id', ContactId()) id: string,
    @Body() dto: AuthoriseDecisionDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<DecisionResultDto> {
    return this.authoriseDecision.execute(user, { ...dto, contactId: id });
  }
}
