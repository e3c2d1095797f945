import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { QueueRegistry } from './queue-registry';
import { SubmissionSources, type SubmissionAudience, type SubmissionItem } from './submissions';
import type { LiveChangeRef, QueueChange } from './queue-view';

export interface LiveEventRow {
  type: string;
  payload: {
    id: string;
    changes: QueueChange[];
    submission?: { audience: SubmissionAudience; item: SubmissionItem };
  };
}

// inserts the LiveEventRow[] json in parameter `events` at time `at`, seq in array order
export function liveInsertSql(events: string, at: string): string {
  return `insert into live_event (seq, type, payload, occurred_at)
    select nextval('live_event_seq'), e.type, e.payload, ${at}
      from rows from (jsonb_to_recordset(${events}::jsonb) as (type text, payload jsonb)) with ordinality as e(type, payload, n)
     order by e.n`;
}

// projects live events from the rows as the writing transaction sees them: each carries what
// the change did to every queue it touches, so every instance forwards them as they are and
// a reconnecting client is replayed exactly what was committed. The Journal writes them.
@Injectable()
export class Outbox {
  constructor(
    private readonly registry: QueueRegistry,
    private readonly submissions: SubmissionSources,
  ) {}

  async project(manager: EntityManager, refs: LiveChangeRef[], now: Date): Promise<LiveEventRow[]> {
    const events: LiveEventRow[] = [];
    for (const ref of refs) {
      const changes: QueueChange[] = [];
      const views = this.registry.showing(ref.entity);
      const source = ref.submission ? this.submissions.get(ref.submission) : undefined;
      // a misspelt entity would otherwise update nothing, silently
      if (views.length === 0 && !source)
        throw new Error(`live change ${ref.type}: no queue shows a ${ref.entity}`);
      for (const view of views) {
        // an agency's view: the change is that agency's alone (none when it names no agency)
        const agencyId = view.audience === 'agency' ? await view.agencyOf?.(manager, ref.id) : undefined;
        if (agencyId === null) continue;
        const audience = agencyId ? { agencyId } : {};
        const item = await view.readOne(manager, ref.id, now);
        changes.push(
          item
            ? { view: view.name, op: 'upsert', item, ...audience }
            : { view: view.name, op: 'remove', item: { id: ref.id }, ...audience },
        );
      }
      const sent = source ? await source.readOne(manager, ref.id) : null;
      events.push({
        type: ref.type,
        payload: {
          id: ref.id,
          changes,
          ...(source && sent
            ? { submission: { audience: { agencyId: sent.agencyId, role: source.role }, item: sent.item } }
            : {}),
        },
      });
    }
    return events;
  }
}
