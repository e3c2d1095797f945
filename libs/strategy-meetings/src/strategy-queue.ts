import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { POLICIES, timelinessAt, type Policies, type RagRating } from '@app/core';
import { QueueRegistry, TimedSources, type QueueItem, type QueueView, type TimedSource } from '@app/live';

interface Row {
  id: string;
  reference: string;
  first_name: string;
  last_name: string;
  rag: RagRating;
  status: string;
  created_at: Date;
  due_at: Date;
  scheduled_for: Date | null;
  started_by: string | null;
}

const SELECT = `
  select s.id, c.reference, ch.first_name, ch.last_name, c.rag, s.status, s.created_at, s.due_at, s.scheduled_for,
         s.started_by
    from strategy_discussion s
    join contact c on c.id = s.contact_id
    join child ch on ch.id = c.child_id
   where s.status <> 'HELD'`;

// strategy discussions not yet held, with their contact's RAG: due 1 working day after the
// decision (ix_strategy_discussion_open)
export const STRATEGY_QUEUE_SQL = `${SELECT} order by case c.rag when 'RED' then 0 when 'AMBER' then 1 else 2 end, s.due_at, s.id`;

@Injectable()
export class StrategyQueue implements QueueView, TimedSource, OnModuleInit {
  readonly name = 'strategy' as const;
  readonly roles = ['SCREENER', 'MANAGER'] as const;
  readonly views = ['strategy' as const];

  constructor(
    private readonly registry: QueueRegistry,
    private readonly sources: TimedSources,
    @Inject(POLICIES) private readonly policies: Policies,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
    this.sources.register(this);
  }

  async read(manager: EntityManager, now: Date): Promise<QueueItem[]> {
    const rows = (await manager.query(STRATEGY_QUEUE_SQL)) as Row[];
    return rows.map((r) => this.item(r, now));
  }

  async readOne(manager: EntityManager, id: string, now: Date): Promise<QueueItem | null> {
    const [row] = (await manager.query(`${SELECT} and s.id = $1`, [id])) as Row[];
    return row ? this.item(row, now) : null;
  }

  async takeDue(manager: EntityManager, now: Date, limit: number): Promise<string[]> {
    const due = (await manager.query(
      `select id, created_at, due_at from strategy_discussion
        where next_transition_at <= $1 order by next_transition_at limit $2 for update skip locked`,
      [now, limit],
    )) as { id: string; created_at: Date; due_at: Date }[];
    for (const row of due) {
      await manager.query('update strategy_discussion set next_transition_at = $2 where id = $1', [
        row.id,
        timelinessAt(now, row.created_at, row.due_at, this.policies.rag.dueSoonFraction).nextTransitionAt,
      ]);
    }
    return due.map((r) => r.id);
  }

  private item(row: Row, now: Date): QueueItem {
    return {
      id: row.id,
      kind: 'STRATEGY_DISCUSSION',
      reference: row.reference,
      childName: `${row.first_name} ${row.last_name}`,
      rag: row.rag,
      status: row.status,
      receivedAt: row.created_at.toISOString(),
      dueAt: row.due_at.toISOString(),
      timeliness: timelinessAt(now, row.created_at, row.due_at, this.policies.rag.dueSoonFraction).timeliness,
      flags: [...(row.scheduled_for ? ['SCHEDULED'] : ['NOT_SCHEDULED']), ...(row.started_by ? ['ESCALATED'] : [])],
    };
  }
}
