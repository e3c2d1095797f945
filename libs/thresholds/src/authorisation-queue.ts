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
  reasons: { code: string }[];
}

// decisions a manager must authorise, on the partial index ix_contact_authorisation_queue;
// flags say why each needs a manager
const AUTHORISATION_SELECT = `
  select c.id, c.reference, ch.first_name, ch.last_name, c.rag, c.status, c.received_at, c.decision_due_at,
         c.claimed_by, u.name as claimed_by_name, d.authorisation_reasons as reasons
    from contact c
    join child ch on ch.id = c.child_id
    join threshold_decision d on d.contact_id = c.id and d.status = 'AWAITING_AUTHORISATION'
    left join app_user u on u.id = c.claimed_by
   where c.status = 'AWAITING_AUTHORISATION'`;

const AUTHORISATION_ORDER = 'c.rag_rank, c.decision_due_at, c.id';

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
    return {
      id: row.id,
      kind: 'DECISION',
      reference: row.reference,
      childName: `${row.first_name} ${row.last_name}`,
      rag: row.rag,
      status: row.status,
      receivedAt: row.received_at.toISOString(),
      dueAt: row.decision_due_at.toISOString(),
      timeliness: this.timeliness.at(now, row.received_at, row.decision_due_at).timeliness,
      ...(row.claimed_by ? { claimedBy: { id: row.claimed_by, name: row.claimed_by_name ?? '' } } : {}),
      flags: row.reasons.map((r) => r.code),
    };
  }
}
