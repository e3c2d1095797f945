import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '@app/core';
import { AuditService, type AuditActor, type AuditEvent } from './audit.service';

// a change the live layer pushes to screens: ids and codes, never personal data
export interface LiveEventInput {
  type: string;
  payload: Record<string, unknown>;
}

// the tail of every use case: its audit rows and its live events, in the same transaction
// and under the one journal lock, so audit order and event seq are both commit order
@Injectable()
export class Journal {
  constructor(
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async write(
    manager: EntityManager,
    actor: AuditActor | null,
    audit: AuditEvent | AuditEvent[],
    live: LiveEventInput[] = [],
  ): Promise<string[]> {
    const events = Array.isArray(audit) ? audit : [audit];
    if (events.length === 0) throw new Error('every change is audited: the journal needs an audit event');
    // takes the journal lock, held to commit
    await this.audit.record(manager, actor, events);
    if (live.length === 0) return [];
    const rows = (await manager.query(
      `insert into live_event (seq, type, payload, occurred_at)
       select nextval('live_event_seq'), e.type, e.payload, $2
       from jsonb_to_recordset($1::jsonb) as e(type text, payload jsonb)
       returning seq::text`,
      [JSON.stringify(live), this.clock.now()],
    )) as { seq: string }[];
    return rows.map((r) => r.seq);
  }
}
