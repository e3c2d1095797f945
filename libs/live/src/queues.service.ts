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
    const snapshot = await view.snapshot(this.dataSource.manager, this.clock.now());
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
