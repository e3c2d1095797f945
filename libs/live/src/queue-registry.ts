import { Injectable } from '@nestjs/common';
import type { QueueView, QueueViewName } from './queue-view';

// modules register their queues at start-up; adding a view is one register() call
@Injectable()
export class QueueRegistry {
  private readonly views = new Map<QueueViewName, QueueView>();

  register(view: QueueView): void {
    if (this.views.has(view.name)) throw new Error(`queue view ${view.name} registered twice`);
    this.views.set(view.name, view);
  }

  get(name: string): QueueView | undefined {
    return this.views.get(name as QueueViewName);
  }
}
