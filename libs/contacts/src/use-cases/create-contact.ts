import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { isMachStaff, type AuthenticatedUser } from '@app/auth/access';
import { Journal } from '@app/live';
import { Clock, DomainError, ErrorCode, POLICIES, WorkingCalendar, type Policies } from '@app/core';
import { claimIdempotencyKey, storeIdempotentResponse } from '@app/database';
import { matchOrCreateChild } from '../child-matching';
import { ContactTimeliness } from '../contact-timeliness';
import { historyCounts, partnerView, staffView } from '../contact-reader';
import type { CreateContactDto } from '../dto/create-contact.dto';
import type { ContactDto, PartnerContactDto } from '../dto/contact-response.dto';
import { ContactEntity } from '../entities/contact.entity';
import { ContactRagChangeEntity } from '../entities/contact-rag-change.entity';
import { checkContactDates } from '../policy/contact-dates';
import { decisionDueAt, suggestRag } from '../policy/rag-policy';

export interface IdempotencyInput {
  key: string;
  requestHash: string;
}

export interface CreatedContact {
  body: ContactDto | PartnerContactDto;
  replayed: boolean;
}

export function formatContactReference(year: number, n: number): string {
  return `CON-${year}-${String(n).padStart(6, '0')}`;
}

@Injectable()
export class CreateContact {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly journal: Journal,
    private readonly clock: Clock,
    private readonly calendar: WorkingCalendar,
    @Inject(POLICIES) private readonly policies: Policies,
    private readonly timeliness: ContactTimeliness,
  ) {}

  async execute(user: AuthenticatedUser, dto: CreateContactDto, idempotency?: IdempotencyInput): Promise<CreatedContact> {
    // a rating is a screening judgement: partners describe the concern, MACH rates it
    if ((dto.rag !== undefined || dto.ragReason !== undefined) && !isMachStaff(user)) {
      throw new DomainError(ErrorCode.FORBIDDEN, 'Only MACH staff set a RAG rating.', [
        { field: dto.rag !== undefined ? 'rag' : 'ragReason', message: 'only SCREENER or MANAGER may set this' },
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
          await this.journal.write(manager, user, {
            action: 'CONTACT_CREATE_REPLAYED',
            entityType: 'contact',
            entityId: body.id,
          });
          return { body, replayed: true };
        }
      }

      const { child, matched } = await matchOrCreateChild(manager, dto.child, now);
      const counts = await historyCounts(manager, child.id, receivedAt, null);
      const rag = this.policies.rag;
      const suggestion = suggestRag(
        {
          immediateRisk: dto.immediateRisk,
          injury: dto.injury ?? false,
          categories: dto.categories,
          priorContactsInLast12Months: counts.contactsLast12Months,
        },
        rag,
      );
      const finalRag = dto.rag ?? suggestion.rag;
      if (finalRag !== suggestion.rag && !dto.ragReason) {
        throw DomainError.validation([
          { field: 'ragReason', message: `required when the rating differs from the suggested ${suggestion.rag}` },
        ]);
      }
      const dueAt = decisionDueAt(receivedAt, finalRag, this.calendar, rag);
      const [{ n }] = (await manager.query(`select nextval('contact_reference_seq')::int as n`)) as { n: number }[];

      const contact = manager.getRepository(ContactEntity).create({
        id: randomUUID(),
        reference: formatContactReference(Number(this.calendar.localDate(now).slice(0, 4)), n),
        householdId: dto.householdId ?? randomUUID(),
        childId: child.id,
        source: dto.source,
        receivedAt,
        recordedAt: now,
        originAgencyId: user.agencyId,
        createdBy: user.id,
        referrer: { ...dto.referrer },
        childReported: { ...dto.child },
        concerns: dto.concerns,
        categories: dto.categories,
        injury: dto.injury ?? false,
        immediateRisk: dto.immediateRisk,
        consentStatus: dto.consent.status,
        consentReason: dto.consent.reason ?? null,
        suggestedRag: suggestion.rag,
        ragReasons: suggestion.reasons,
        rag: finalRag,
        decisionDueAt: dueAt,
        status: 'RECEIVED',
        claimedBy: null,
        claimedAt: null,
        priorContacts12m: counts.contactsLast12Months,
        priorReferrals12m: counts.referralsLast12Months,
        outcome: null,
        nextTransitionAt: this.timeliness.nextTransitionAt(now, receivedAt, dueAt),
        updatedAt: now,
      });
      await manager.getRepository(ContactEntity).insert(contact);
      await manager.getRepository(ContactRagChangeEntity).insert({
        contactId: contact.id,
        fromRag: null,
        toRag: finalRag,
        reason: dto.ragReason ?? (finalRag === suggestion.rag ? 'suggested rating' : null),
        changedBy: user.id,
        changedAt: now,
        decisionDueAt: dueAt,
      });

      const body = isMachStaff(user) ? await staffView(manager, contact, receivedAt, false) : partnerView(contact);
      if (idempotency) await storeIdempotentResponse(manager, user.id, idempotency.key, 201, body);
      await this.journal.write(
        manager,
        user,
        [
          { action: matched ? 'CHILD_MATCHED' : 'CHILD_CREATED', entityType: 'child', entityId: child.id },
          {
            action: 'CONTACT_CREATED',
            entityType: 'contact',
            entityId: contact.id,
            details: { childId: child.id, rag: finalRag, suggestedRag: suggestion.rag, source: dto.source },
          },
        ],
        [{ type: 'contact.created', id: contact.id, views: ['screening'] }],
      );
      return { body, replayed: false };
    });
  }
}
