import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { isMachStaff, type AuthenticatedUser } from '@app/access';
import { Clock, DomainError, ErrorCode, WorkingCalendar } from '@app/core';
import { claimIdempotencyKey, storeIdempotentResponse, type IdempotencyInput } from '@app/database';
import { Journal } from '@app/live';
import { asOfIn, partnerView, staffView } from '../contact-reader';
import { ContactRecorder } from '../contact-recorder';
import type { CreateContactDto } from '../dto/create-contact.dto';
import type { ContactDto, PartnerContactDto } from '../dto/contact-response.dto';
import { checkContactDates } from '../policy/contact-dates';

export interface CreatedContact {
  body: ContactDto | PartnerContactDto;
  replayed: boolean;
}

export interface CreateContactCommand {
  contact: CreateContactDto;
  // the Idempotency-Key and the body's hash, when the caller sent a key
  idempotency?: IdempotencyInput;
}

// POST /api/contacts: who may rate, dates against the clock, the idempotency key, the answer
@Injectable()
export class CreateContact {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly recorder: ContactRecorder,
    private readonly journal: Journal,
    private readonly clock: Clock,
    private readonly calendar: WorkingCalendar,
  ) {}

  async execute(
    user: AuthenticatedUser,
    { contact: dto, idempotency }: CreateContactCommand,
  ): Promise<CreatedContact> {
    // a rating is a screening judgement: partners describe the concern, MACH rates it
    if ((dto.rag !== undefined || dto.ragReason !== undefined) && !isMachStaff(user)) {
      throw new DomainError(ErrorCode.FORBIDDEN, 'Only MACH staff set a RAG rating.', [
        {
          field: dto.rag !== undefined ? 'rag' : 'ragReason',
          message: 'only SCREENER or MANAGER may set this',
        },
      ]);
    }
    const now = this.clock.now();
    const receivedAt = dto.receivedAt ? new Date(dto.receivedAt) : now;
    const dateErrors = checkContactDates(
      { receivedAt, dateOfBirth: dto.child.dateOfBirth, expectedDateOfBirth: dto.child.expectedDateOfBirth },
      now,
      this.calendar,
    );
    if (dateErrors.length > 0) throw DomainError.validation(dateErrors);

    return this.dataSource.transaction(async (manager) => {
      if (idempotency) {
        const claim = await claimIdempotencyKey(manager, user.id, idempotency.key, idempotency.requestHash);
        if (claim.kind === 'mismatch') {
          throw new DomainError(
            ErrorCode.IDEMPOTENCY_KEY_REUSED,
            'This Idempotency-Key was used with a different body. Use a new key for a new contact.',
            [{ field: 'Idempotency-Key', message: 'already used with another body' }],
          );
        }
        if (claim.kind === 'replay') {
          const body = claim.body as ContactDto | PartnerContactDto;
          this.journal.write(manager, user, {
            action: 'CONTACT_CREATE_REPLAYED',
            entityType: 'contact',
            entityId: body.id,
          });
          return { body, replayed: true };
        }
      }
      const { contact, child, counts, firstRating } = await this.recorder.record(
        manager,
        user,
        {
          source: dto.source,
          receivedAt,
          householdId: dto.householdId,
          originAgencyId: user.agencyId,
          referrer: dto.referrer,
          child: dto.child,
          concerns: dto.concerns,
          categories: dto.categories,
          injury: dto.injury ?? false,
          immediateRisk: dto.immediateRisk,
          consent: dto.consent,
          rag: dto.rag,
          ragReason: dto.ragReason,
        },
        now,
      );
      const body = isMachStaff(user)
        ? await staffView(manager, contact, asOfIn(this.calendar, receivedAt), false, {
            child,
            counts,
            ragHistory: [firstRating],
          })
        : partnerView(contact);
      if (idempotency) await storeIdempotentResponse(manager, user.id, idempotency.key, 201, body);
      return { body, replayed: false };
    });
  }
}
