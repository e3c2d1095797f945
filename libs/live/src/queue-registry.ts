import { Injectable } from '@nestjs/common';
import type { LiveEntity, QueueView, QueueViewName } from './queue-view';

// modules register their queues at start-up; adding a view is one register() call. Each
// queue says which entity it shows, so a change to that entity reaches it with no list of
// views written at the change
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

  // the queues that show this entity, in registration order
  showing(entity: LiveEntity): QueueView[] {
    return [...this.views.values()].filter((view) => view.entity === entity);
  }
}
