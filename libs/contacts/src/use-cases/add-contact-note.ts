import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, QueryFailedError } from 'typeorm';
import type { AuthenticatedUser } from '@app/access';
import { Clock, DomainError, ErrorCode } from '@app/core';
import { claimIdempotencyKey, storeIdempotentResponse, type IdempotencyInput } from '@app/database';
import { Journal } from '@app/live';
import type { AddContactNoteDto, AddNoteResultDto } from '../dto/contact-note.dto';
import { insertNote, lockContactForNote, markNewInformation, noteToCorrect } from '../notes.repository';
import { noteRefusal, raisesNewInformation, type NoteRefusal } from '../policy/note-rules';

export interface AddContactNoteCommand {
  contactId: string;
  note: AddContactNoteDto;
  // the Idempotency-Key and the hash of the contact id and body, when the caller sent a key
  idempotency?: IdempotencyInput;
}

export interface AddedNote {
  body: AddNoteResultDto;
  replayed: boolean;
}

function refused(refusal: NoteRefusal, contactId: string, status: string): DomainError {
  switch (refusal) {
    case 'NOT_YOURS':
      return DomainError.notYours('contact', contactId);
    case 'ROLE_MAY_NOT':
      return DomainError.forbidden('Your role may not add notes to a contact.');
    case 'KIND_NOT_ALLOWED':
      return new DomainError(
        ErrorCode.FORBIDDEN,
        'A partner adds what the referrer has to say: a REFERRER_UPDATE.',
        [{ field: 'kind', message: 'a PARTNER may add REFERRER_UPDATE only' }],
        undefined,
        { entityId: contactId },
      );
    case 'CONTACT_CLOSED':
      return new DomainError(
        ErrorCode.STALE_STATE,
        `The contact is ${status}: screening is over, so it takes no more information from the referrer.`,
      );
    case 'CORRECTS_UNKNOWN':
      return DomainError.validation([
        { field: 'corrects', message: 'must be an earlier note of this contact' },
      ]);
    case 'ALREADY_CORRECTED':
      return alreadyCorrected();
  }
}

const alreadyCorrected = () =>
  new DomainError(
    ErrorCode.STALE_STATE,
    'That note has been corrected already; correct the correction instead.',
    [{ field: 'corrects', message: 'already corrected by a later note' }],
  );

// POST /api/contacts/:id/notes: a note, its audit row and (for a partner's update) the
// screening queue's NEW_INFORMATION flag, in one transaction; a partner's retry with the same
// Idempotency-Key gets the first answer again
@Injectable()
export class AddContactNote {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly journal: Journal,
    private readonly clock: Clock,
  ) {}

  async execute(
    user: AuthenticatedUser,
    { contactId, note: dto, idempotency }: AddContactNoteCommand,
  ): Promise<AddedNote> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        const contact = await lockContactForNote(manager, contactId);
        if (!contact) throw DomainError.notFound('contact');
        // "not yours" before the key: another agency's contact is no contact at all
        if (user.role === 'PARTNER' && contact.origin_agency_id !== user.agencyId)
          throw refused('NOT_YOURS', contactId, contact.status);
        if (idempotency) {
          const claim = await claimIdempotencyKey(manager, user.id, idempotency.key, idempotency.requestHash);
          if (claim.kind === 'mismatch') {
            throw new DomainError(
              ErrorCode.IDEMPOTENCY_KEY_REUSED,
              'This Idempotency-Key was used with a different request. Use a new key for a new note.',
              [{ field: 'Idempotency-Key', message: 'already used with another body' }],
            );
          }
          if (claim.kind === 'replay') {
            const body = claim.body as AddNoteResultDto;
            this.journal.write(manager, user, {
              action: 'CONTACT_NOTE_REPLAYED',
              entityType: 'contact',
              entityId: contactId,
              details: { noteId: body.id },
            });
            return { body, replayed: true };
          }
        }
        const corrects = dto.corrects
          ? { id: dto.corrects, note: await noteToCorrect(manager, contactId, dto.corrects) }
          : undefined;
        const refusal = noteRefusal(
          user,
          dto.kind,
          { status: contact.status, originAgencyId: contact.origin_agency_id },
          corrects,
        );
        if (refusal) throw refused(refusal, contactId, contact.status);

        const now = this.clock.now();
        const note = await insertNote(manager, {
          contactId,
          kind: dto.kind,
          text: dto.text,
          authorId: user.id,
          authorAgencyId: user.agencyId,
          corrects: dto.corrects ?? null,
          createdAt: now,
        });
        const flagged = raisesNewInformation(user, dto.kind);
        if (flagged) await markNewInformation(manager, contactId, now);
        // the text may be personal data: the trail keeps what kind of note, by whom, on what
        this.journal.write(
          manager,
          user,
          {
            action: 'CONTACT_NOTE_ADDED',
            entityType: 'contact',
            entityId: contactId,
            details: {
              noteId: note.id,
              kind: note.kind,
              ...(note.corrects ? { corrects: note.corrects } : {}),
            },
          },
          flagged ? [{ type: 'contact.new_information', entity: 'contact', id: contactId }] : [],
        );
        const body: AddNoteResultDto = { contactId, ...note };
        if (idempotency) await storeIdempotentResponse(manager, user.id, idempotency.key, 201, body);
        return { body, replayed: false };
      });
    } catch (error) {
      // two corrections of one note at once: the unique index lets one in
      if (
        error instanceof QueryFailedError &&
        (error.driverError as { code?: string; constraint?: string }).constraint ===
          'uq_contact_note_corrects'
      )
        throw alreadyCorrected();
      throw error;
    }
  }
}
