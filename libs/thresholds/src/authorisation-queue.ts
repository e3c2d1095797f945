import { Injectable } from '@nestjs/common';
import type { RagRating } from '@app/core';
import { RegisteredSqlQueueView, type QueueItem } from '@app/live';

interface Row {
  id: string;
  reference: string;
  first_name: string;
  last_name: string;
  rag: RagRating;
  status: string;
  received_at: Date;
  decision_due_at: Date;
  claimed_by: string | null;
  claimed_by_name: string | null;
  reasons: { code: string }[] | null;
  concern_raised_at: Date | null;
  concern_due_at: Date | null;
}

// the flag of a contact back before a manager because a dip-sample audit found its threshold
// wrong while the child is still open (issue 21, decision 0034)
export const AUDIT_CONCERN_FLAG = 'AUDIT_THRESHOLD_WRONG';

// decisions a manager must authorise (ix_contact_authorisation_queue), and contacts whose audit
// raised a concern not yet dealt with (ix_quality_audit_concern); flags say why each needs a manager
const AUTHORISATION_SELECT = `
  select c.id, c.reference, ch.first_name, ch.last_name, c.rag, c.status, c.received_at, c.decision_due_at,
         c.claimed_by, u.name as claimed_by_name, d.authorisation_reasons as reasons,
         qa.audited_at as concern_raised_at, qa.concern_due_at
    from contact c
    join child ch on ch.id = c.child_id
    left join threshold_decision d on d.contact_id = c.id and d.status = 'AWAITING_AUTHORISATION'
    left join lateral (
      select q.audited_at, q.concern_due_at from quality_audit q
       where q.contact_id = c.id and q.concern_due_at is not null and q.concern_resolved_at is null
       order by q.concern_due_at limit 1) qa on true
    left join app_user u on u.id = c.claimed_by
   where c.id in (
     select x.id from contact x where x.status = 'AWAITING_AUTHORISATION'
     union all
     select q.contact_id from quality_audit q where q.concern_due_at is not null and q.concern_resolved_at is null)`;

const AUTHORISATION_ORDER = `c.rag_rank,
  case when c.status = 'AWAITING_AUTHORISATION' then c.decision_due_at else qa.concern_due_at end, c.id`;

@Injectable()
export class AuthorisationQueue extends RegisteredSqlQueueView<Row> {
  readonly name = 'authorisation' as const;
  // a contact awaiting a manager's authorisation (its decision's columns joined in)
  readonly entity = 'contact';
  readonly roles = ['SCREENER', 'MANAGER'] as const;
  protected readonly select = AUTHORISATION_SELECT;
  protected readonly idColumn = 'c.id';
  protected readonly orderBy = AUTHORISATION_ORDER;

  protected item(row: Row, now: Date): QueueItem {
    const awaiting = row.status === 'AWAITING_AUTHORISATION' || !row.concern_due_at;
    const startAt = awaiting ? row.received_at : (row.concern_raised_at ?? row.received_at);
    const dueAt = awaiting ? row.decision_due_at : (row.concern_due_at ?? row.decision_due_at);
    return {
      id: row.id,
      kind: 'DECISION',
      reference: row.reference,
      childName: `${row.first_name} ${row.last_name}`,
      rag: row.rag,
      status: row.status,
      receivedAt: startAt.toISOString(),
      dueAt: dueAt.toISOString(),
      timeliness: this.timeliness.at(now, startAt, dueAt).timeliness,
      ...(row.claimed_by ? { claimedBy: { id: row.claimed_by, name: row.claimed_by_name ?? '' } } : {}),
      flags: [
        ...(awaiting ? (row.reasons ?? []).map((r) => r.code) : []),
        ...(row.concern_due_at ? [AUDIT_CONCERN_FLAG] : []),
      ],
    };
  }
}
