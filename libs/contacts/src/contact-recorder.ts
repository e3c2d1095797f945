import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { isMachStaff, type AuthenticatedUser } from '@app/access';
import {
  DomainError,
  QUALITY_POLICY,
  RAG_POLICY,
  WorkingCalendar,
  type ContactCategory,
  type QualityPolicySchema,
  type RagPolicySchema,
  type RagRating,
} from '@app/core';
import { insertTogether } from '@app/database';
import { Journal } from '@app/live';
import { openIntake, settleChild } from './child-matching';
import { asOfIn, type HistoryCounts } from './contact-reader';
import type { RagChangeDto } from './dto/contact-response.dto';
import { ContactTimeliness } from './contact-timeliness';
import type { ChildInputDto } from './dto/create-contact.dto';
import { ChildEntity } from './entities/child.entity';
import { ContactEntity, type ConsentStatus, type Referrer } from './entities/contact.entity';
import { ContactRagChangeEntity } from './entities/contact-rag-change.entity';
import { decisionDueAt, suggestRag, type RagSuggestion } from './policy/rag-policy';
import { ragReasonError } from './policy/screening-rules';

// everything a new contact needs, however it arrived (a person's intake, a DA triage)
export interface NewContact {
  source: string;
  receivedAt: Date;
  householdId?: string;
  originAgencyId: string;
  referrer: Referrer;
  child: ChildInputDto;
  concerns: string;
  categories: ContactCategory[];
  injury: boolean;
  immediateRisk: boolean;
  consent: { status: ConsentStatus; reason?: string };
  rag?: RagRating;
  ragReason?: string;
  daNotificationId?: string;
}

export interface RecordedContact {
  contact: ContactEntity;
  child: ChildEntity;
  matched: boolean;
  suggestion: RagSuggestion;
  counts: HistoryCounts;
  // as the contact's ragHistory shows it
  firstRating: RagChangeDto;
}

export function formatContactReference(year: number, n: number): string {
  return `CON-${year}-${String(n).padStart(6, '0')}`;
}

// records one contact in the caller's transaction: the child matched or created, the
// 12-month history, the suggested and final RAG with its deadline, the rating history,
// the audit rows and the live event
@Injectable()
export class ContactRecorder {
  constructor(
    private readonly journal: Journal,
    private readonly calendar: WorkingCalendar,
    private readonly timeliness: ContactTimeliness,
    @Inject(RAG_POLICY) private readonly ragPolicy: RagPolicySchema,
    @Inject(QUALITY_POLICY) private readonly quality: QualityPolicySchema,
  ) {}

  async record(
    manager: EntityManager,
    user: AuthenticatedUser,
    input: NewContact,
    now: Date,
  ): Promise<RecordedContact> {
    // one round trip for what the database knows (the child's candidates and their history,
    // the reference, the recorder's name), one for everything written
    const opening = await openIntake(
      manager,
      input.child,
      asOfIn(this.calendar, input.receivedAt),
      user.id,
      this.quality.boomerang,
    );
    const { referenceNumber, userName } = opening;
    const { child, matched } = await settleChild(
      manager,
      input.child,
      opening.candidates.map((c) => c.child),
      now,
    );
    // a new record has no history yet
    const chosen = matched ? opening.candidates.find((c) => c.child.id === child.id) : undefined;
    const counts: HistoryCounts = chosen?.counts ?? { contactsLast12Months: 0, referralsLast12Months: 0 };
    const returnedAfter = chosen?.returnedAfter ?? null;
    const suggestion = suggestRag(
      {
        immediateRisk: input.immediateRisk,
        injury: input.injury,
        categories: input.categories,
        priorContactsInLast12Months: counts.contactsLast12Months,
      },
      this.ragPolicy,
    );
    const rag = input.rag ?? suggestion.rag;
    const reasonMissing = ragReasonError(rag, suggestion.rag, input.ragReason);
    if (reasonMissing) throw DomainError.validation([reasonMissing]);
    const dueAt = decisionDueAt(input.receivedAt, rag, this.calendar, this.ragPolicy);

    const contact = manager.getRepository(ContactEntity).create({
      id: randomUUID(),
      reference: formatContactReference(Number(this.calendar.localDate(now).slice(0, 4)), referenceNumber),
      householdId: input.householdId ?? randomUUID(),
      childId: child.id,
      source: input.source,
      receivedAt: input.receivedAt,
      recordedAt: now,
      originAgencyId: input.originAgencyId,
      createdBy: user.id,
      referrer: { ...input.referrer },
      childReported: { ...input.child },
      concerns: input.concerns,
      categories: input.categories,
      injury: input.injury,
      immediateRisk: input.immediateRisk,
      consentStatus: input.consent.status,
      consentReason: input.consent.reason ?? null,
      suggestedRag: suggestion.rag,
      ragReasons: suggestion.reasons,
      rag,
      decisionDueAt: dueAt,
      status: 'RECEIVED',
      claimedBy: null,
      claimedAt: null,
      priorContacts12m: counts.contactsLast12Months,
      priorReferrals12m: counts.referralsLast12Months,
      outcome: null,
      daNotificationId: input.daNotificationId ?? null,
      returnedAfterContactId: returnedAfter?.contactId ?? null,
      returnedAfterDays: returnedAfter?.days ?? null,
      nextTransitionAt: this.timeliness.nextTransitionAt(now, input.receivedAt, dueAt),
      updatedAt: now,
    });
    const rating = {
      contactId: contact.id,
      fromRag: null,
      toRag: rag,
      reason: input.ragReason ?? (rag === suggestion.rag ? 'suggested rating' : null),
      changedBy: user.id,
      changedAt: now,
      decisionDueAt: dueAt,
    };
    this.journal.write(
      manager,
      user,
      [
        { action: matched ? 'CHILD_MATCHED' : 'CHILD_CREATED', entityType: 'child', entityId: child.id },
        {
          action: 'CONTACT_CREATED',
          entityType: 'contact',
          entityId: contact.id,
          details: {
            childId: child.id,
            rag,
            suggestedRag: suggestion.rag,
            source: input.source,
            daNotificationId: input.daNotificationId ?? null,
            ...(returnedAfter
              ? { returnedAfterContactId: returnedAfter.contactId, returnedAfterDays: returnedAfter.days }
              : {}),
          },
        },
      ],
      // a partner follows the contacts its agency made; MACH's own have no submitter to tell
      [
        {
          type: 'contact.created',
          entity: 'contact',
          id: contact.id,
          created: true,
          submission: isMachStaff(user) ? undefined : 'CONTACT',
        },
      ],
    );
    // the child when new, the contact, its first rating, its audit rows and live event: one statement
    await insertTogether(
      manager,
      [
        ...(matched ? [] : [{ target: ChildEntity, entity: child }]),
        { target: ContactEntity, entity: contact },
        { target: ContactRagChangeEntity, entity: rating },
      ],
      (first) => this.journal.attach(manager, first),
    );
    const firstRating: RagChangeDto = {
      fromRag: null,
      toRag: rating.toRag,
      reason: rating.reason,
      changedBy: { id: user.id, name: userName },
      changedAt: now.toISOString(),
      decisionDueAt: dueAt.toISOString(),
    };
    return { contact, child, matched, suggestion, counts, firstRating };
  }
}
