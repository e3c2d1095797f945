import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { POLICIES, timelinessAt, type Policies, type RagRating } from '@app/core';
import { QueueRegistry, TimedSources, type QueueItem, type QueueView, type TimedSource } from '@app/live';

interface TriageRow {
  id: string;
  police_reference: string;
  child_names: string;
  rag: RagRating;
  status: string;
  received_at: Date;
  triage_due_at: Date;
  suggested_outcome: string;
  marac: boolean;
}

const TRIAGE_SELECT = `
  select n.id, n.police_reference, n.rag, n.status, n.received_at, n.triage_due_at, n.suggested_outcome, n.marac,
         (select string_agg((dc.reported->>'firstName') || ' ' || (dc.reported->>'lastName'), ', ' order by dc.position)
            from da_notification_child dc where dc.notification_id = n.id) as child_names
    from da_notification n
   where n.status = 'AWAITING_TRIAGE'`;

// police notifications awaiting triage, on ix_da_notification_triage_queue: RED when the
// suggestion is URGENT_CONTACT (due in 4 hours), else AMBER (due in 1 working day)
export const TRIAGE_QUEUE_SQL = `${TRIAGE_SELECT} order by n.rag_rank, n.triage_due_at, n.id`;

@Injectable()
export class TriageQueue implements QueueView, TimedSource, OnModuleInit {
  readonly name = 'triage' as const;
  readonly roles = ['SCREENER', 'MANAGER'] as const;
  readonly views = ['triage' as const];

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
    const rows = (await manager.query(TRIAGE_QUEUE_SQL)) as TriageRow[];
    return rows.map((r) => this.item(r, now));
  }

  async readOne(manager: EntityManager, id: string, now: Date): Promise<QueueItem | null> {
    const [row] = (await manager.query(`${TRIAGE_SELECT} and n.id = $1`, [id])) as TriageRow[];
    return row ? this.item(row, now) : null;
  }

  async takeDue(manager: EntityManager, now: Date, limit: number): Promise<string[]> {
    return takeDue(manager, 'da_notification', 'received_at', 'triage_due_at', now, limit, this.policies.rag.dueSoonFraction);
  }

  private item(row: TriageRow, now: Date): QueueItem {
    return {
      id: row.id,
      kind: 'DA_NOTIFICATION',
      reference: row.police_reference,
      childName: row.child_names ?? '',
      rag: row.rag,
      status: row.status,
      receivedAt: row.received_at.toISOString(),
      dueAt: row.triage_due_at.toISOString(),
      timeliness: timelinessAt(now, row.received_at, row.triage_due_at, this.policies.rag.dueSoonFraction).timeliness,
      flags: [`SUGGESTED_${row.suggested_outcome}`, ...(row.marac ? ['MARAC'] : [])],
    };
  }
}

interface EncompassRow {
  id: string;
  police_reference: string;
  first_name: string;
  last_name: string;
  school: string | null;
  rag: RagRating;
  status: string;
  received_at: Date;
  incident_at: Date;
  due_at: Date;
}

const ENCOMPASS_SELECT = `
  select e.id, n.police_reference, dc.reported->>'firstName' as first_name, dc.reported->>'lastName' as last_name,
         e.school, e.rag, e.status, n.received_at, n.incident_at, e.due_at
    from encompass_notification e
    join da_notification n on n.id = e.notification_id
    join da_notification_child dc on dc.notification_id = e.notification_id and dc.child_id = e.child_id
   where e.status = 'PENDING'`;

// Operation Encompass school notifications not yet sent, soonest due first (ix_encompass_queue);
// the clock runs from the incident, so one the police sent late is overdue on arrival
export const ENCOMPASS_QUEUE_SQL = `${ENCOMPASS_SELECT} order by e.due_at, e.id`;

@Injectable()
export class EncompassQueue implements QueueView, TimedSource, OnModuleInit {
  readonly name = 'encompass' as const;
  readonly roles = ['SCREENER', 'MANAGER'] as const;
  readonly views = ['encompass' as const];

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
    const rows = (await manager.query(ENCOMPASS_QUEUE_SQL)) as EncompassRow[];
    return rows.map((r) => this.item(r, now));
  }

  async readOne(manager: EntityManager, id: string, now: Date): Promise<QueueItem | null> {
    const [row] = (await manager.query(`${ENCOMPASS_SELECT} and e.id = $1`, [id])) as EncompassRow[];
    return row ? this.item(row, now) : null;
  }

  async takeDue(manager: EntityManager, now: Date, limit: number): Promise<string[]> {
    return takeDue(
      manager,
      'encompass_notification',
      '(select incident_at from da_notification n where n.id = notification_id)',
      'due_at',
      now,
      limit,
      this.policies.rag.dueSoonFraction,
    );
  }

  private item(row: EncompassRow, now: Date): QueueItem {
    return {
      id: row.id,
      kind: 'ENCOMPASS',
      reference: row.police_reference,
      childName: `${row.first_name} ${row.last_name}`,
      rag: row.rag,
      status: row.status,
      receivedAt: row.received_at.toISOString(),
      dueAt: row.due_at.toISOString(),
      timeliness: timelinessAt(now, row.incident_at, row.due_at, this.policies.rag.dueSoonFraction).timeliness,
      flags: [row.school ? 'SCHOOL_NAMED' : 'SCHOOL_TO_FIND'],
    };
  }
}

// rows whose timeliness transition has come: locked (a second ticker skips them) and moved on
async function takeDue(
  manager: EntityManager,
  table: 'da_notification' | 'encompass_notification',
  startExpression: string,
  dueColumn: string,
  now: Date,
  limit: number,
  fraction: number,
): Promise<string[]> {
  const due = (await manager.query(
    `select id, ${startExpression} as start_at, ${dueColumn} as due_at from ${table}
      where next_transition_at <= $1 order by next_transition_at limit $2 for update skip locked`,
    [now, limit],
  )) as { id: string; start_at: Date; due_at: Date }[];
  for (const row of due) {
    await manager.query(`update ${table} set next_transition_at = $2 where id = $1`, [
      row.id,
      timelinessAt(now, row.start_at, row.due_at, fraction).nextTransitionAt,
    ]);
  }
  return due.map((r) => r.id);
}
