import { preparedQuery } from '@app/database';
import type { EntityManager } from 'typeorm';
import type { Role } from '@app/access';
import type { TimelinessClock } from '@app/core';
import type { QueueItem, QueueView, QueueViewName } from './queue-view';

// a timestamptz as the api writes it (toISOString: UTC, milliseconds), formatted by the
// database: a long queue is then neither parsed into Dates nor formatted back, row by row
export function isoTimestamp(column: string): string {
  return `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}

// a queue read by one SQL select: the list in queue order, or one entity's row
export abstract class SqlQueueView<Row> implements QueueView {
  abstract readonly name: QueueViewName;
  abstract readonly entity: string;
  abstract readonly roles: readonly Role[];
  // a select ending in its where clause (the open statuses its partial index covers)
  protected abstract readonly select: string;
  // the column that is the item's id, for readMany
  protected abstract readonly idColumn: string;
  protected abstract readonly orderBy: string;
  protected abstract item(row: Row, now: Date): QueueItem;

  // an agency view's (audience 'agency'): the column its list is filtered on, and the statement
  // naming the entities' agencies ($1 their ids; columns id, agency_id) whether or not they are
  // on the queue
  readonly audience?: 'agency';
  protected readonly agencyColumn?: string;
  protected readonly agencySql?: string;

  get listSql(): string {
    return `${this.select} order by ${this.orderBy}`;
  }

  // the select, for one agency when the view is an agency's
  private scoped(agencyId: string | undefined): { select: string; params: unknown[] } {
    if (!this.audience) return { select: this.select, params: [] };
    if (!agencyId || !this.agencyColumn) throw new Error(`queue ${this.name}: read for one agency only`);
    return { select: `${this.select} and ${this.agencyColumn} = $1`, params: [agencyId] };
  }

  async read(manager: EntityManager, now: Date, agencyId?: string): Promise<QueueItem[]> {
    const { select, params } = this.scoped(agencyId);
    const rows = (await manager.query(`${select} order by ${this.orderBy}`, params)) as Row[];
    return rows.map((row) => this.item(row, now));
  }

  // one statement is one snapshot (at READ COMMITTED too): the last seq rides on every row,
  // so the list is exactly the state after that event (live_event rows commit in seq order).
  // An empty list carries no row, so the seq is read in a snapshot of its own with it.
  async snapshot(
    manager: EntityManager,
    now: Date,
    agencyId?: string,
  ): Promise<{ seq: bigint; items: QueueItem[] }> {
    const { select, params } = this.scoped(agencyId);
    const withSeq = select.replace(
      /^\s*select\s/i,
      'select (select coalesce(max(seq), 0)::text from live_event) as live_seq, ',
    );
    if (withSeq === select) throw new Error(`queue ${this.name}: its select must begin with "select"`);
    const rows = (await manager.query(`${withSeq} order by ${this.orderBy}`, params)) as (Row & {
      live_seq: string;
    })[];
    if (rows.length > 0)
      return { seq: BigInt(rows[0].live_seq), items: rows.map((row) => this.item(row, now)) };
    return manager.transaction('REPEATABLE READ', async (tx) => {
      const [{ seq }] = (await tx.query('select coalesce(max(seq), 0)::text as seq from live_event')) as {
        seq: string;
      }[];
      return { seq: BigInt(seq), items: await this.read(tx, now, agencyId) };
    });
  }

  async agenciesOf(manager: EntityManager, ids: string[]): Promise<Map<string, string>> {
    if (!this.agencySql || ids.length === 0) return new Map();
    const rows = await preparedQuery<{ id: string; agency_id: string }>(manager, this.agencySql, [ids]);
    return new Map(rows.map((row) => [String(row.id), row.agency_id]));
  }

  // the select of readMany, made once: the item's id first, then the items named in $1
  private manySql?: string;

  async readMany(manager: EntityManager, ids: string[], now: Date): Promise<Map<string, QueueItem>> {
    if (ids.length === 0) return new Map();
    this.manySql ??= `${this.select.replace(/^\s*select\s/i, `select ${this.idColumn}::text as live_ref_id, `)} and ${this.idColumn} = any($1)`;
    const rows = await preparedQuery<Row & { live_ref_id: string }>(manager, this.manySql, [ids]);
    return new Map(rows.map((row) => [row.live_ref_id, this.item(row, now)]));
  }
}

export interface TransitionSpec {
  table: string;
  // expressions (over the table's columns) for when its clock started and when it is due
  startAt: string;
  dueAt: string;
  // a further condition, e.g. the open statuses
  where?: string;
}

// the rows whose next timeliness transition has come: locked (a second ticker during a
// hand-over skips them), moved on to their following transition in one statement
export async function advanceDueTransitions(
  manager: EntityManager,
  spec: TransitionSpec,
  now: Date,
  limit: number,
  timeliness: TimelinessClock,
): Promise<string[]> {
  const due = (await manager.query(
    `select id, ${spec.startAt} as start_at, ${spec.dueAt} as due_at from ${spec.table}
      where next_transition_at <= $1 ${spec.where ? `and ${spec.where}` : ''}
      order by next_transition_at limit $2 for update skip locked`,
    [now, limit],
  )) as { id: string; start_at: Date; due_at: Date }[];
  if (due.length === 0) return [];
  await manager.query(
    `update ${spec.table} t set next_transition_at = v.next
       from unnest($1::uuid[], $2::timestamptz[]) as v(id, next) where t.id = v.id`,
    [due.map((r) => r.id), due.map((r) => timeliness.nextTransitionAt(now, r.start_at, r.due_at))],
  );
  return due.map((r) => r.id);
}
