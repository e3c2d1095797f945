import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AuthenticatedUser } from '@app/auth/access';
import { DomainError, ErrorCode, type RagRating } from '@app/core';
import type { ContactStatus, Referrer } from './entities/contact.entity';

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

interface Row {
  id: string;
  child_id: string;
  rag: RagRating;
  source: string;
  received_at: Date;
  decision_due_at: Date;
  prior_contacts_12m: number;
  referrer: Referrer;
  origin_agency_id: string;
  status: string;
  claimed_by: string | null;
  holder_name: string | null;
}

const COLUMNS = `id, child_id, rag, source, received_at, decision_due_at, prior_contacts_12m, referrer, origin_agency_id`;

function toContact(row: Row): ContactForDecision {
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
  async statusOf(manager: EntityManager, contactId: string): Promise<ContactStatus | undefined> {
    const [row] = (await manager.query('select status from contact where id = $1', [contactId])) as { status: ContactStatus }[];
    return row?.status;
  }

  async forDecision(manager: EntityManager, contactId: string): Promise<ContactForDecision & { status: string }> {
    const [row] = (await manager.query(`select ${COLUMNS}, status from contact where id = $1`, [contactId])) as Row[];
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
    const updated = (await manager.query(
      `update contact set status = $4, outcome = $5, updated_at = $6,
              next_transition_at = case when $4 = 'DECIDED' then null else next_transition_at end
        where id = $1 and status in ('RECEIVED', 'IN_SCREENING') and rag = $3
          and (claimed_by = $2 or $7)
        returning id`,
      [contactId, user.id, expectedRag, next.status, next.outcome, now, user.role === 'MANAGER'],
    )) as [unknown[], number];
    if (updated[1] === 1) return;
    const [row] = (await manager.query(
      `select c.status, c.rag, c.claimed_by, u.name as holder_name
         from contact c left join app_user u on u.id = c.claimed_by where c.id = $1`,
      [contactId],
    )) as Row[];
    if (!row) throw DomainError.notFound('contact');
    if (row.status !== 'RECEIVED' && row.status !== 'IN_SCREENING') {
      throw new DomainError(ErrorCode.STALE_STATE, `The contact is ${row.status}: it has been decided already.`);
    }
    if (row.rag !== expectedRag) {
      throw new DomainError(ErrorCode.STALE_STATE, 'The rating changed while you were deciding; look again.');
    }
    if (row.claimed_by) {
      throw new DomainError(
        ErrorCode.CONTACT_ALREADY_CLAIMED,
        `${row.holder_name ?? 'Another screener'} is working on this contact.`,
        undefined,
        { claimedBy: { id: row.claimed_by, name: row.holder_name } },
      );
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
    const updated = (await manager.query(
      `update contact
          set status = case when $2 then 'DECIDED' when claimed_by is null then 'RECEIVED' else 'IN_SCREENING' end,
              outcome = case when $2 then $3 else null end,
              next_transition_at = case when $2 then null else next_transition_at end,
              updated_at = $4
        where id = $1 and status = 'AWAITING_AUTHORISATION'
        returning id`,
      [contactId, approved, outcome, now],
    )) as [unknown[], number];
    if (updated[1] === 0) throw new DomainError(ErrorCode.STALE_STATE, 'The contact is not awaiting authorisation.');
  }
}
