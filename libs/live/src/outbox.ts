import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '@app/core';
import { LockKey } from '@app/database';
import { QueueRegistry } from './queue-registry';
import { SubmissionSources, type SubmissionAudience, type SubmissionItem } from './submissions';
import type { LiveChangeRef, QueueChange } from './queue-view';

// set on the transaction's query runner; the commit subscriber wakes the dispatchers
export const LIVE_EVENTS_WRITTEN = 'frontdoorLiveEvents';

// writes live events in the caller's transaction, under the journal lock (so seq order is
// commit order), each carrying what the change did to every queue it touches, projected from
// the rows as this transaction sees them: every instance forwards them as they are, and a
// reconnecting client is replayed exactly what was committed
@Injectable()
export class Outbox {
  constructor(
    private readonly registry: QueueRegistry,
    private readonly submissions: SubmissionSources,
    private readonly clock: Clock,
  ) {}

  async append(manager: EntityManager, refs: LiveChangeRef[]): Promise<void> {
    if (refs.length === 0) return;
    if (!manager.queryRunner?.isTransactionActive) throw new Error('live events are written inside the use case transaction');
    // re-entrant: a session may take the lock it holds
    await manager.query('select pg_advisory_xact_lock($1)', [LockKey.AUDIT_JOURNAL]);
    const now = this.clock.now();
    const events: {
      type: string;
      payload: { id: string; changes: QueueChange[]; submission?: { audience: SubmissionAudience; item: SubmissionItem } };
    }[] = [];
    for (const ref of refs) {
      const changes: QueueChange[] = [];
      for (const name of ref.views) {
        const view = this.registry.get(name);
        if (!view) continue;
        const item = await view.readOne(manager, ref.id, now);
        changes.push(item ? { view: name, op: 'upsert', item } : { view: name, op: 'remove', item: { id: ref.id } });
      }
      const source = ref.submission ? this.submissions.get(ref.submission) : undefined;
      const sent = source ? await source.readOne(manager, ref.id) : null;
      events.push({
        type: ref.type,
        payload: {
          id: ref.id,
          changes,
          ...(source && sent ? { submission: { audience: { agencyId: sent.agencyId, role: source.role }, item: sent.item } } : {}),
        },
      });
    }
    await manager.query(
      `insert into live_event (seq, type, payload, occurred_at)
       select nextval('live_event_seq'), e.type, e.payload, $2
         from rows from (jsonb_to_recordset($1::jsonb) as (type text, payload jsonb)) with ordinality as e(type, payload, n)
        order by e.n`,
      [JSON.stringify(events), now],
    );
    manager.queryRunner.data[LIVE_EVENTS_WRITTEN] = true;
  }
}
