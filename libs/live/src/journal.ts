import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { auditInsertSql, AuditService, type AuditActor, type AuditEvent, type AuditRow } from '@app/audit';
import { Clock } from '@app/core';
import { preparedQuery } from '@app/database';
import { liveInsertSql, Outbox, type LiveEventRef } from './outbox';
import type { LiveChangeRef } from './queue-view';
import { Sequencer } from './sequencer';

// one statement: the audit rows, then the live events
const JOURNAL_INSERT_SQL = `with audit as (${auditInsertSql('$1')}) ${liveInsertSql('$2', '$3')}`;

// on the transaction's query runner: what it will journal, and whether it wrote live events
const PENDING = 'frontdoorJournalPending';
export const LIVE_EVENTS_WRITTEN = 'frontdoorLiveEvents';

export interface JournalPart {
  sql: string;
  params: unknown[];
  live: boolean;
}

interface LiveEventRow {
  type: string;
  ref: LiveEventRef;
}

function refsOf(live: LiveChangeRef[]): LiveEventRow[] {
  return live.map(({ type, ...ref }) => ({ type, ref: ref satisfies LiveEventRef }));
}

interface Pending {
  audit: { actor: AuditActor | null; event: AuditEvent }[];
  live: LiveChangeRef[];
}

// the tail of every use case: its audit rows and its live events, in the same transaction,
// written as it commits (JournalSubscriber) in one statement, with no lock: the sequencer
// chains the audit rows and sequences and projects the events once they have committed
// (decision 0031), so writers never wait on one another for the journal.
@Injectable()
export class Journal {
  constructor(
    private readonly audit: AuditService,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
    private readonly sequencer: Sequencer,
  ) {}

  write(
    manager: EntityManager,
    actor: AuditActor | null,
    audit: AuditEvent | AuditEvent[],
    live: LiveChangeRef[] = [],
  ): void {
    const events = this.checked(audit, live);
    const pending = this.pending(manager);
    pending.audit.push(...events.map((event) => ({ actor, event })));
    pending.live.push(...live);
  }

  // live events with no audit row of their own: the clock moved items on
  announce(manager: EntityManager, live: LiveChangeRef[]): void {
    for (const ref of live) this.outbox.check(ref);
    if (live.length > 0) this.pending(manager).live.push(...live);
  }

  // what it holds so far, as CTEs of the caller's next statement in this transaction (their
  // parameters numbered from `first`): the rows are written by that statement, one round trip
  // fewer, and the transaction is marked as flush marks it; anything journaled after is
  // flushed as it commits. Undefined: nothing to write.
  attach(manager: EntityManager, first: number): { sql: string; params: unknown[] } | undefined {
    const taken = this.take(manager);
    return taken && this.ctes(taken.rows, taken.events, first);
  }

  // called just before COMMIT: one insert of both
  async flush(manager: EntityManager): Promise<void> {
    const taken = this.take(manager);
    if (!taken) return;
    await preparedQuery(manager, JOURNAL_INSERT_SQL, [
      JSON.stringify(taken.rows),
      JSON.stringify(taken.events),
      this.clock.now(),
    ]);
  }

  // a use case settled by one statement outside any transaction (a claim): its audit rows and
  // live events are written by CTEs of that same statement (`with <the caller's CTEs>,
  // <part.sql> select ...`), only where `when` holds (a condition on the caller's CTEs, say
  // that its update won); its parameters are numbered from `first`. Once the statement has
  // run, settled(part) tells the sequencer.
  part(
    actor: AuditActor | null,
    audit: AuditEvent | AuditEvent[],
    live: LiveChangeRef[],
    { when, first }: { when: string; first: number },
  ): JournalPart {
    const events = this.checked(audit, live);
    const rows = this.audit.rowsOf(events.map((event) => ({ actor, event })));
    const refs = refsOf(live);
    return { ...this.ctes(rows, refs, first, when), live: refs.length > 0 };
  }

  // the statement with this part has run: whatever it wrote is committed
  settled(part: JournalPart, wrote: boolean): void {
    if (!wrote) return;
    this.audit.written();
    if (part.live) this.sequencer.liveWritten();
  }

  // a rolled-back transaction journals nothing
  discard(manager: EntityManager): void {
    const data = manager.queryRunner?.data as Record<string, unknown> | undefined;
    if (data) delete data[PENDING];
  }

  private checked(audit: AuditEvent | AuditEvent[], live: LiveChangeRef[]): AuditEvent[] {
    const events = Array.isArray(audit) ? audit : [audit];
    if (events.length === 0) throw new Error('every change is audited: the journal needs an audit event');
    for (const ref of live) this.outbox.check(ref);
    return events;
  }

  // the transaction's pending rows, taken (written by whoever takes them); the transaction is
  // marked so that the sequencer is woken after its commit
  private take(manager: EntityManager): { rows: AuditRow[]; events: LiveEventRow[] } | undefined {
    const data = manager.queryRunner?.data as Record<string, unknown> | undefined;
    const pending = data?.[PENDING] as Pending | undefined;
    if (!data || !pending) return undefined;
    delete data[PENDING];
    const events = refsOf(pending.live);
    if (events.length > 0) data[LIVE_EVENTS_WRITTEN] = true;
    return { rows: pending.audit.length > 0 ? this.audit.rows(manager, pending.audit) : [], events };
  }

  // the audit rows and live events as two data-modifying CTEs, parameters from `first`
  private ctes(rows: AuditRow[], events: LiveEventRow[], first: number, when?: string) {
    return {
      sql: `journal_audit as (${auditInsertSql(`$${first}`, when)}),
            journal_live as (${liveInsertSql(`$${first + 1}`, `$${first + 2}`, when)})`,
      params: [JSON.stringify(rows), JSON.stringify(events), this.clock.now()],
    };
  }

  private pending(manager: EntityManager): Pending {
    const runner = manager.queryRunner;
    if (!runner?.isTransactionActive)
      throw new Error('the journal is written inside the use case transaction');
    const data = runner.data as Record<string, unknown>;
    return ((data[PENDING] as Pending | undefined) ?? (data[PENDING] = { audit: [], live: [] })) as Pending;
  }
}
