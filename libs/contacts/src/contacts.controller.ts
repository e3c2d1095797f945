import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiHeader,
  ApiOkResponse,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentUser, Roles, type AuthenticatedUser } from '@app/access';
import { canonicalJson, DomainError, sha256Hex } from '@app/core';
import { CreateContactDto } from './dto/create-contact.dto';
import { ChangeRagDto, ClaimContactDto } from './dto/contact-actions.dto';
import { ClaimDto, ContactDto, PartnerContactDto, RagChangedDto, ReleaseDto } from './dto/contact-response.dto';
import { ChangeRag } from './use-cases/change-rag';
import { ClaimContact } from './use-cases/claim-contact';
import { CreateContact } from './use-cases/create-contact';
import { ReleaseContact } from './use-cases/release-contact';
import { ViewContact } from './use-cases/view-contact';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{1,200}$/;

// ids that are not UUIDs name no contact: 404, like any other unknown id
const ContactId = () =>
  new ParseUUIDPipe({ exceptionFactory: () => DomainError.notFound('contact') });

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
  ) {}

  @Post()
  @Roles('SCREENER', 'MANAGER', 'PARTNER')
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'same key + same body: the first response again' })
  @ApiCreatedResponse({
    description: 'MACH staff get the contact with the child and history; a PARTNER gets its status',
    schema: { oneOf: [{ $ref: getSchemaPath(ContactDto) }, { $ref: getSchemaPath(PartnerContactDto) }] },
  })
  async create(
    @Body() dto: CreateContactDto,
    @Headers('idempotency-key') key: string | undefined,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<ContactDto | PartnerContactDto> {
    if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) {
      throw DomainError.validation([{ field: 'Idempotency-Key', message: '1 to 200 letters, digits or ._:-' }]);
    }
    // the body as sent decides "same request", not the parsed form
    const idempotency = key ? { key, requestHash: sha256Hex(canonicalJson(req.body)) } : undefined;
    const created = await this.createContact.execute(user, { contact: dto, idempotency });
    if (created.replayed) res.setHeader('Idempotent-Replayed', 'true');
    return created.body;
  }

  @Get(':id')
  @Roles('SCREENER', 'MANAGER', 'PARTNER')
  @ApiOkResponse({ schema: { oneOf: [{ $ref: getSchemaPath(ContactDto) }, { $ref: getSchemaPath(PartnerContactDto) }] } })
  view(@Param('id', ContactId()) id: string, @CurrentUser() user: AuthenticatedUser) {
    return this.viewContact.execute(user, { id });
  }

  @Post(':id/claim')
  @HttpCode(200)
  @Roles('SCREENER', 'MANAGER')
  @ApiOkResponse({ type: ClaimDto })
  @ApiConflictResponse({ description: 'CONTACT_ALREADY_CLAIMED (with claimedBy) or STALE_STATE' })
  claim(
    @Param('id', ContactId()) id: string,
    @Body() dto: ClaimContactDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<ClaimDto> {
    return this.claimContact.execute(user, { id, assigneeId: dto.assigneeId });
  }

  @Post(':id/release')
  @HttpCode(200)
  @Roles('SCREENER', 'MANAGER')
  @ApiOkResponse({ type: ReleaseDto })
  release(@Param('id', ContactId()) id: string, @CurrentUser() user: AuthenticatedUser): Promise<ReleaseDto> {
    return this.releaseContact.execute(user, { id });
  }

  @Post(':id/rag')
  @HttpCode(200)
  @Roles('SCREENER', 'MANAGER')
  @ApiOkResponse({ type: RagChangedDto })
  rag(
    @Param('id', ContactId()) id: string,
    @Body() dto: ChangeRagDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<RagChangedDto> {
    return this.changeRag.execute(user, { ...dto, id });
  }
}
