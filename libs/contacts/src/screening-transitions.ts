import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AuthenticatedUser } from '@app/access';
import { DomainError, ErrorCode, type RagRating } from '@app/core';
import {
  closeScreening,
  closeState,
  contactForDecision,
  contactStatus,
  settleAuthorisation,
  type DecisionRow,
} from './contacts.repository';
import type { ContactStatus, Referrer } from './entities/contact.entity';
import { isOpenForScreening, overridesClaims } from './policy/screening-rules';
import { contactAlreadyClaimed } from './contact-errors';

// what a threshold decision needs to know about the contact it closes
export interface ContactForDecision {
  id: string;
  childId: string;
  rag: RagRating;
  source: string;
  receivedAt: Date;
  decisionDueAt: Date;
  priorContacts12m: number;
  referrer: Referrer;
  originAgencyId: string;
}

function toContact(row: DecisionRow): ContactForDecision {
  return {
    id: row.id,
    childId: row.child_id,
    rag: row.rag,
    source: row.source,
    receivedAt: row.received_at,
    decisionDueAt: row.decision_due_at,
    priorContacts12m: row.prior_contacts_12m,
    referrer: row.referrer,
    originAgencyId: row.origin_agency_id,
  };
}

// the contact's status changes that other modules cause, each one conditional UPDATE, so
// of two screeners deciding at once exactly one succeeds and the other hears why
@Injectable()
export class ScreeningTransitions {
  // where the contact stands, for a module that acts only on a contact in some state; undefined
  // when there is no such contact
  statusOf(manager: EntityManager, contactId: string): Promise<ContactStatus | undefined> {
    return contactStatus(manager, contactId);
  }

  async forDecision(
    manager: EntityManager,
    contactId: string,
  ): Promise<ContactForDecision & { status: string }> {
    const row = await contactForDecision(manager, contactId);
    if (!row) throw DomainError.notFound('contact');
    return { ...toContact(row), status: row.status };
  }

  // takes the open contact out of screening, to DECIDED or AWAITING_AUTHORISATION; the rating
  // read when the decision was checked must still hold
  async close(
    manager: EntityManager,
    user: AuthenticatedUser,
    contactId: string,
    expectedRag: RagRating,
    next: { status: 'DECIDED' | 'AWAITING_AUTHORISATION'; outcome: string | null },
    now: Date,
  ): Promise<void> {
    const closed = await closeScreening(manager, {
      contactId,
      userId: user.id,
      overridesClaims: overridesClaims(user.role),
      expectedRag,
      status: next.status,
      outcome: next.outcome,
      now,
    });
    if (closed) return;
    const row = await closeState(manager, contactId);
    if (!row) throw DomainError.notFound('contact');
    if (!isOpenForScreening(row.status)) {
      throw new DomainError(
        ErrorCode.STALE_STATE,
        `The contact is ${row.status}: it has been decided already.`,
      );
    }
    if (row.rag !== expectedRag) {
      throw new DomainError(ErrorCode.STALE_STATE, 'The rating changed while you were deciding; look again.');
    }
    if (row.claimed_by) {
      throw contactAlreadyClaimed({ id: row.claimed_by, name: row.holder_name });
    }
    throw DomainError.forbidden('Claim the contact before recording a decision.');
  }

  // a manager's answer to a decision awaiting authorisation: in force, or back to screening
  // (the screener keeps the claim)
  async settleAuthorisation(
    manager: EntityManager,
    contactId: string,
    approved: boolean,
    outcome: string,
    now: Date,
  ): Promise<void> {
    const settled = await settleAuthorisation(manager, contactId, approved, outcome, now);
    if (!settled) throw new DomainError(ErrorCode.STALE_STATE, 'The contact is not awaiting authorisation.');
  }
}
