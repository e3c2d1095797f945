import { Body, Controller, Headers, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentUser, Roles, type AuthenticatedUser } from '@app/access';
import { DomainError } from '@app/core';
import { idempotencyInput } from '@app/database';
import { ApiErrors } from '@app/core/openapi';
import { AddContactNoteDto, AddNoteResultDto } from './dto/contact-note.dto';
import { AddContactNote } from './use-cases/add-contact-note';

// ids that are not UUIDs name no contact: 404, like any other unknown id
function ContactId(): ParseUUIDPipe {
  return new ParseUUIDPipe({ exceptionFactory: () => DomainError.notFound('contact') });
}

// case notes and additional information on a contact (issue 17, decision 0024): append-only,
// so there is no route to change or delete a note; a correction is a new note
@ApiTags('contacts')
@ApiBearerAuth()
@Controller('contacts')
export class NotesController {
  constructor(private readonly addContactNote: AddContactNote) {}

  @Post(':id/notes')
  @Roles('SCREENER', 'MANAGER', 'PARTNER')
  @ApiOperation({
    summary:
      'Add a note to a contact: MACH staff any kind; the referring partner what the referrer adds (REFERRER_UPDATE) while the contact is open',
  })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'same key + same contact and body: the first response again',
  })
  @ApiCreatedResponse({ type: AddNoteResultDto })
  @ApiErrors(
    [
      400,
      'VALIDATION_FAILED: the kind, the text (1 to 5000 characters) or `corrects` (no earlier note of this contact)',
    ],
    401,
    [403, 'FORBIDDEN: the role adds no notes, or a PARTNER sent a kind other than REFERRER_UPDATE'],
    404,
    [
      409,
      'STALE_STATE: a PARTNER’s contact is no longer open, or the corrected note has been corrected already',
    ],
    413,
    [422, 'IDEMPOTENCY_KEY_REUSED: the Idempotency-Key was used with another contact or body'],
    429,
  )
  async add(
    @Param('id', ContactId()) contactId: string,
    @Body() dto: AddContactNoteDto,
    @Headers('idempotency-key') key: string | undefined,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<AddNoteResultDto> {
    // the contact and the body as sent decide "same request": one key is one note
    const idempotency = idempotencyInput(key, { contactId, note: req.body as unknown });
    const added = await this.addContactNote.execute(user, { contactId, note: dto, idempotency });
    if (added.replayed) res.setHeader('Idempotent-Replayed', 'true');
    return added.body;
  }
}
