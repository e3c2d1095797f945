import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService, type AuditActor, type AuditEvent } from '@app/audit';
import { Outbox } from './outbox';
import type { LiveChangeRef } from './queue-view';

// the tail of every use case: its audit rows and its live events, in the same transaction
// and under the one journal lock, so audit order and event seq are both commit order
@Injectable()
export class Journal {
  constructor(
    private readonly audit: AuditService,
    private readonly outbox: Outbox,
  ) {}

  async write(
    manager: EntityManager,
    actor: AuditActor | null,
    audit: AuditEvent | AuditEvent[],
    live: LiveChangeRef[] = [],
  ): Promise<void> {
    const events = Array.isArray(audit) ? audit : [audit];
    if (events.length === 0) throw new Error('every change is audited: the journal needs an audit event');
    await this.audit.record(manager, actor, events);
    await this.outbox.append(manager, live);
  }
}
