import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '@app/auth/access';
import { AuditService } from '@app/audit';
import { Clock, DomainError } from '@app/core';
import { QueueRegistry } from './queue-registry';
import type { QueueItem } from './queue-view';

export interface QueueSnapshot {
  seq: string;
  items: QueueItem[];
}

@Injectable()
export class QueuesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly registry: QueueRegistry,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async snapshot(user: AuthenticatedUser, viewName: string): Promise<QueueSnapshot> {
    const view = this.registry.get(viewName);
    if (!view) throw DomainError.notFound('queue');
    if (!view.roles.includes(user.role)) throw DomainError.forbidden('Your role may not see this queue.');
    // one snapshot for the sequence number and the items, so the list is exactly the
    // state after event `seq` (live_event rows commit in seq order)
    const snapshot = await this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const [{ seq }] = (await manager.query(`select coalesce(max(seq), 0)::text as seq from live_event`)) as {
        seq: string;
      }[];
      return { seq, items: await view.read(manager, this.clock.now()) };
    });
    // the queue shows children's names: reading it is audited (after, in its own transaction)
    await this.audit.recordAlone(user, {
      action: 'QUEUE_VIEWED',
      entityType: 'queue',
      entityId: view.name,
      details: { items: snapshot.items.length, seq: snapshot.seq },
    });
    return snapshot;
  }
}
