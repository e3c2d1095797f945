import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
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
  ApiExtraModels,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentUser, Roles, type AuthenticatedUser } from '@app/access';
import { DomainError } from '@app/core';
import { idempotencyInput } from '@app/database';
import { ApiErrors } from '@app/core/openapi';
import { ContactListPageDto, ListContactsQueryDto } from './dto/contact-list.dto';
import { CreateContactDto } from './dto/create-contact.dto';
import { ChangeRagDto, ClaimContactDto } from './dto/contact-actions.dto';
import {
  ClaimResultDto,
  ContactDto,
  PartnerContactDto,
  RagChangeResultDto,
  ReleaseResultDto,
} from './dto/contact-response.dto';
import { ChangeRag } from './use-cases/change-rag';
import { ClaimContact } from './use-cases/claim-contact';
import { CreateContact } from './use-cases/create-contact';
import { ReleaseContact } from './use-cases/release-contact';
import { ListContacts } from './use-cases/list-contacts';
import { ViewContact } from './use-cases/view-contact';

// MACH staff see the whole contact, a PARTNER its own contact's status (and outcome): the
// partner view is closed, and the staff view requires keys it has not (child, history, ...)
const CONTACT_VIEW = {
  oneOf: [{ $ref: getSchemaPath(ContactDto) }, { $ref: getSchemaPath(PartnerContactDto) }],
};

// ids that are not UUIDs name no contact: 404, like any other unknown id
const ContactId = () => new ParseUUIDPipe({ exceptionFactory: () => DomainError.notFound('contact') });

@ApiTags('contacts')
@ApiBearerAuth()
@ApiExtraModels(ContactDto, PartnerContactDto)
@Controller('contacts')
export class ContactsController {
  constructor(
    private readonly createContact: CreateContact,
    private readonly viewContact: ViewContact,
    private readonly claimContact: ClaimContact,
    private readonly releaseContact: ReleaseContact,
    private readonly changeRag: ChangeRag,
    private readonly listContacts: ListContacts,
  ) {}

  @Get()
  @Roles('SCREENER', 'MANAGER', 'PARTNER')
  @ApiOperation({
    summary: 'List contacts, newest first: every one for MACH staff, its own agency’s for a partner',
  })
  @ApiOkResponse({ type: ContactListPageDto })
  @ApiErrors(400, 401, 403, 429)
  list(
    @Query() query: ListContactsQueryDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<ContactListPageDto> {
    return this.listContacts.execute(user, query);
  }

  @Post()
  @Roles('SCREENER', 'MANAGER', 'PARTNER')
  @ApiOperation({ summary: 'Make a contact about a child' })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'same key + same body: the first response again',
  })
  @ApiCreatedResponse({
    description: 'MACH staff get the contact with the child and history; a PARTNER gets its status',
    schema: CONTACT_VIEW,
  })
  @ApiErrors(
    400,
    401,
    [403, 'FORBIDDEN: the role may not make contacts, or a PARTNER set the rating'],
    413,
    [422, 'IDEMPOTENCY_KEY_REUSED: the Idempotency-Key was used with another body'],
    429,
  )
  async create(
    @Body() dto: CreateContactDto,
    @Headers('idempotency-key') key: string | undefined,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<ContactDto | PartnerContactDto> {
    // the body as sent decides "same request", not the parsed form
    const idempotency = idempotencyInput(key, req.body);
    const created = await this.createContact.execute(user, { contact: dto, idempotency });
    if (created.replayed) res.setHeader('Idempotent-Replayed', 'true');
    return created.body;
  }

  @Get(':id')
  @Roles('SCREENER', 'MANAGER', 'PARTNER')
  @ApiOperation({
    summary: 'Read a contact: the whole record for MACH staff, its status for the referring partner',
  })
  @ApiOkResponse({
    description:
      'MACH staff get ContactDto (with any decision); a PARTNER gets PartnerContactDto for its own contact',
    schema: CONTACT_VIEW,
  })
  @ApiErrors(401, 403, 404, 429)
  view(@Param('id', ContactId()) id: string, @CurrentUser() user: AuthenticatedUser) {
    return this.viewContact.execute(user, { id });
  }

  @Post(':id/claim')
  @HttpCode(200)
  @Roles('SCREENER', 'MANAGER')
  @ApiOperation({ summary: 'Claim a contact to screen it (a MANAGER may assign it to someone)' })
  @ApiOkResponse({ type: ClaimResultDto })
  @ApiErrors(
    400,
    401,
    403,
    404,
    [409, 'CONTACT_ALREADY_CLAIMED (with claimedBy) or STALE_STATE (no longer open for screening)'],
    413,
    429,
  )
  claim(
    @Param('id', ContactId()) id: string,
    @Body() dto: ClaimContactDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<ClaimResultDto> {
    return this.claimContact.execute(user, { id, assigneeId: dto.assigneeId });
  }

  @Post(':id/release')
  @HttpCode(200)
  @Roles('SCREENER', 'MANAGER')
  @ApiOperation({ summary: 'Release a claimed contact back to the screening queue' })
  @ApiOkResponse({ type: ReleaseResultDto })
  @ApiErrors(
    401,
    403,
    404,
    [
      409,
      'CONTACT_ALREADY_CLAIMED (another screener holds it) or STALE_STATE (no longer open for screening)',
    ],
    429,
  )
  release(
    @Param('id', ContactId()) id: string,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<ReleaseResultDto> {
    return this.releaseContact.execute(user, { id });
  }

  @Post(':id/rag')
  @HttpCode(200)
  @Roles('SCREENER', 'MANAGER')
  @ApiOperation({ summary: 'Change a contact’s RAG rating, with a reason; its decision is then due anew' })
  @ApiOkResponse({ type: RagChangeResultDto })
  @ApiErrors(
    400,
    401,
    403,
    404,
    [409, 'CONTACT_ALREADY_CLAIMED (another screener holds it) or STALE_STATE (the rating is settled)'],
    413,
    429,
  )
  rag(
    @Param('id', ContactId()) id: string,
    @Body() dto: ChangeRagDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<RagChangeResultDto> {
    return this.changeRag.execute(user, { ...dto, id });
  }
}
