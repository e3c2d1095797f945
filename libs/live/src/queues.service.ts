import { Injectable } from '@nestjs/common';
import type { AuthenticatedUser } from '@app/access';
import { AuditService } from '@app/audit';
import { DomainError } from '@app/core';
import { QueueRegistry } from './queue-registry';
import { QueueSnapshots, type QueueSnapshot } from './queue-snapshots';

export type { QueueSnapshot } from './queue-snapshots';

@Injectable()
export class QueuesService {
  constructor(
    private readonly registry: QueueRegistry,
    private readonly snapshots: QueueSnapshots,
    private readonly audit: AuditService,
  ) {}

  // GET /api/queues/:view: a read begun after the request, shared with whoever asks meanwhile
  async snapshot(user: AuthenticatedUser, viewName: string): Promise<QueueSnapshot> {
    const view = this.registry.get(viewName);
    if (!view) throw DomainError.notFound('queue');
    if (!view.roles.includes(user.role)) throw DomainError.forbidden('Your role may not see this queue.');
    const body = (await this.snapshots.fresh(view, user.agencyId)).bodyFor(view, user.id);
    // the queue shows children's names: reading it is audited (after, in its own transaction,
    // with this request's correlation id)
    await this.audit.recordAlone(user, {
      action: 'QUEUE_VIEWED',
      entityType: 'queue',
      entityId: view.name,
      details: { items: body.items.length, seq: body.seq },
    });
    return body;
  }
}
