import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { auditInsertSql, AuditService, type AuditActor, type AuditEvent } from '@app/audit';
import { Clock } from '@app/core';
import { preparedQuery } from '@app/database';
import { liveInsertSql, Outbox, type LiveEventRef } from './outbox';
import type { LiveChangeRef } from './queue-view';

// one statement: the audit rows, then the live events
const JOURNAL_INSERT_SQL = `with audit as (${auditInsertSql('$1')}) ${liveInsertSql('$2', '$3')}`;

// on the transaction's query runner: what it will journal, and whether it wrote live events
const PENDING = 'frontdoorJournalPending';
export const LIVE_EVENTS_WRITTEN = 'frontdoorLiveEvents';

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
  ) {}

  write(
    manager: EntityManager,
    actor: AuditActor | null,
    audit: AuditEvent | AuditEvent[],
    live: LiveChangeRef[] = [],
  ): void {
    const events = Array.isArray(audit) ? audit : [audit];
    if (events.length === 0) throw new Error('every change is audited: the journal needs an audit event');
    const pending = this.pending(manager);
    for (const ref of live) this.outbox.check(ref);
    pending.audit.push(...events.map((event) => ({ actor, event })));
    pending.live.push(...live);
  }

  // live events with no audit row of their own: the clock moved items on
  announce(manager: EntityManager, live: LiveChangeRef[]): void {
    for (const ref of live) this.outbox.check(ref);
    if (live.length > 0) this.pending(manager).live.push(...live);
  }

  // called just before COMMIT: one insert of both
  async flush(manager: EntityManager): Promise<void> {
    const data = manager.queryRunner?.data as Record<string, unknown> | undefined;
    const pending = data?.[PENDING] as Pending | undefined;
    if (!data || !pending) return;
    delete data[PENDING];
    const rows = pending.audit.length > 0 ? this.audit.rows(manager, pending.audit) : [];
    const events = pending.live.map(({ type, ...ref }) => ({ type, ref: ref satisfies LiveEventRef }));
    await preparedQuery(manager, JOURNAL_INSERT_SQL, [
      JSON.stringify(rows),
      JSON.stringify(events),
      this.clock.now(),
    ]);
    if (events.length > 0) data[LIVE_EVENTS_WRITTEN] = true;
  }

  // a rolled-back transaction journals nothing
  discard(manager: EntityManager): void {
    const data = manager.queryRunner?.data as Record<string, unknown> | undefined;
    if (data) delete data[PENDING];
  }

  private pending(manager: EntityManager): Pending {
    const runner = manager.queryRunner;
    if (!runner?.isTransactionActive)
      throw new Error('the journal is written inside the use case transaction');
    const data = runner.data as Record<string, unknown>;
    return ((data[PENDING] as Pending | undefined) ?? (data[PENDING] = { audit: [], live: [] })) as Pending;
  }
}
