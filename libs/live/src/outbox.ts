import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { QueueRegistry } from './queue-registry';
import { SubmissionSources, type SubmissionAudience, type SubmissionItem } from './submissions';
import type { LiveChangeRef, QueueChange, QueueItem, QueueView } from './queue-view';

// what a sequenced live_event carries: what the change did to every queue it touches
export interface LiveEventPayload {
  id: string;
  changes: QueueChange[];
  submission?: { audience: SubmissionAudience; item: SubmissionItem };
}

// what a writer stores of a change (live_event.ref): the sequencer projects it
export type LiveEventRef = Omit<LiveChangeRef, 'type'>;

// inserts the { type, ref }[] json in parameter `events` at time `at`, ids in array order,
// unsequenced: no lock, no projection; the sequencer does both after the commit (decision 0031).
// `when`: a condition of the statement it is part of (the events are written only if it holds)
export function liveInsertSql(events: string, at: string, when?: string): string {
  return `insert into live_event (id, type, ref, occurred_at)
    select nextval('live_event_id_seq'), e.type, e.ref, ${at}
      from rows from (jsonb_to_recordset(${events}::jsonb) as (type text, ref jsonb)) with ordinality as e(type, ref, n)${
        when
          ? `
     where ${when}`
          : ''
      }
     order by e.n`;
}

// the sequencer's: its lock ($1), then (a fresh snapshot) the last seq and the next $2 committed
// unsequenced events in id order (the function is migration Sequencer1765670400000's)
export const PENDING_EVENTS_SQL = `select head_seq::text, id::text, type, ref from live_sequence_next($1, $2)`;

// the sequencer's: each event of the json $1 ({ id, seq, payload }[]) takes its seq and payload,
// once; the number set
export const SEQUENCE_EVENTS_SQL = `
  with sequenced as (
    update live_event e set seq = v.seq, payload = v.payload, sequenced_at = clock_timestamp()
      from jsonb_to_recordset($1::jsonb) as v(id bigint, seq bigint, payload jsonb)
     where e.id = v.id and e.seq is null
    returning e.id)
  select count(*)::int as n from sequenced`;

// projects live events from the rows as the sequencer reads them, after the writers' commits:
// each carries what the change did to every queue it touches, so every instance forwards them
// as they are and a reconnecting client is replayed exactly what was sequenced. Each queue
// showing a batch's entities is read once for all of them.
@Injectable()
export class Outbox {
  constructor(
    private readonly registry: QueueRegistry,
    private readonly submissions: SubmissionSources,
  ) {}

  // a misspelt entity would otherwise update nothing, silently: refused as it is written
  check(ref: LiveChangeRef): void {
    const source = ref.submission ? this.submissions.get(ref.submission) : undefined;
    if (this.registry.showing(ref.entity).length === 0 && !source)
      throw new Error(`live change ${ref.type}: no queue shows a ${ref.entity}`);
  }

  async project(manager: EntityManager, refs: LiveEventRef[], now: Date): Promise<LiveEventPayload[]> {
    const items = new Map<QueueView, Map<string, QueueItem>>();
    const agencies = new Map<string, string>();
    for (const view of new Set(refs.flatMap((ref) => this.registry.showing(ref.entity)))) {
      const ids = [...new Set(refs.filter((ref) => ref.entity === view.entity).map((ref) => ref.id))];
      items.set(view, await view.readMany(manager, ids, now));
      if (view.audience === 'agency')
        for (const [id, agencyId] of (await view.agenciesOf?.(manager, ids)) ?? [])
          agencies.set(`${view.name}:${id}`, agencyId);
    }
    const sent = new Map<string, { agencyId: string; item: SubmissionItem }>();
    for (const kind of new Set(refs.flatMap((ref) => (ref.submission ? [ref.submission] : [])))) {
      const ids = [...new Set(refs.filter((ref) => ref.submission === kind).map((ref) => ref.id))];
      for (const [id, found] of (await this.submissions.get(kind)?.readMany(manager, ids)) ?? [])
        sent.set(`${kind}:${id}`, found);
    }
    return refs.map((ref) => {
      const changes: QueueChange[] = [];
      for (const view of this.registry.showing(ref.entity)) {
        // an agency's view: the change is that agency's alone (none when it names no agency)
        const agencyId =
          view.audience === 'agency' ? (agencies.get(`${view.name}:${ref.id}`) ?? null) : undefined;
        if (agencyId === null) continue;
        const audience = agencyId ? { agencyId } : {};
        const item = items.get(view)?.get(ref.id);
        if (!item && ref.created) continue;
        const withheldFrom = item && view.withheldFrom?.(item);
        changes.push(
          item
            ? { view: view.name, op: 'upsert', item, ...audience, ...(withheldFrom ? { withheldFrom } : {}) }
            : { view: view.name, op: 'remove', item: { id: ref.id }, ...audience },
        );
      }
      const source = ref.submission ? this.submissions.get(ref.submission) : undefined;
      const submitted = ref.submission ? sent.get(`${ref.submission}:${ref.id}`) : undefined;
      return {
        id: ref.id,
        changes,
        ...(source && submitted
          ? {
              submission: {
                audience: { agencyId: submitted.agencyId, role: source.role },
                item: submitted.item,
              },
            }
          : {}),
      };
    });
  }
}
