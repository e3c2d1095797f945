import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { POLICIES, timelinessAt, type Policies, type RagRating } from '@app/core';
import { QueueRegistry, type QueueItem, type QueueView } from '@app/live';

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
const SELECT = `
  select c.id, c.reference, ch.first_name, ch.last_name, c.rag, c.status, c.received_at, c.decision_due_at,
         c.claimed_by, u.name as claimed_by_name, d.authorisation_reasons as reasons
    from contact c
    join child ch on ch.id = c.child_id
    join threshold_decision d on d.contact_id = c.id and d.status = 'AWAITING_AUTHORISATION'
    left join app_user u on u.id = c.claimed_by
   where c.status = 'AWAITING_AUTHORISATION'`;

export const AUTHORISATION_QUEUE_SQL = `${SELECT} order by c.rag_rank, c.decision_due_at, c.id`;
const AUTHORISATION_ITEM_SQL = `${SELECT} and c.id = $1`;

@Injectable()
export class AuthorisationQueue implements QueueView, OnModuleInit {
  readonly name = 'authorisation' as const;
  readonly roles = ['SCREENER', 'MANAGER'] as const;

  constructor(
    private readonly registry: QueueRegistry,
    @Inject(POLICIES) private readonly policies: Policies,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  async read(manager: EntityManager, now: Date): Promise<QueueItem[]> {
    const rows = (await manager.query(AUTHORISATION_QUEUE_SQL)) as Row[];
    return rows.map((row) => this.item(row, now));
  }

  async readOne(manager: EntityManager, id: string, now: Date): Promise<QueueItem | null> {
    const [row] = (await manager.query(AUTHORISATION_ITEM_SQL, [id])) as Row[];
    return row ? this.item(row, now) : null;
  }

  private item(row: Row, now: Date): QueueItem {
    return {
      id: row.id,
      kind: 'DECISION',
      reference: row.reference,
      childName: `${row.first_name} ${row.last_name}`,
      rag: row.rag,
      status: row.status,
      receivedAt: row.received_at.toISOString(),
      dueAt: row.decision_due_at.toISOString(),
      timeliness: timelinessAt(now, row.received_at, row.decision_due_at, this.policies.rag.dueSoonFraction).timeliness,
      ...(row.claimed_by ? { claimedBy: { id: row.claimed_by, name: row.claimed_by_name ?? '' } } : {}),
      flags: row.reasons.map((r) => r.code),
    };
  }
}
