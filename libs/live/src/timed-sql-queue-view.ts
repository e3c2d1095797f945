import { Injectable, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { TimelinessClock } from '@app/core';
import { QueueRegistry } from './queue-registry';
import type { TimedSource } from './queue-view';
import { RegisteredSqlQueueView } from './registered-sql-queue-view';
import { advanceDueTransitions, type TransitionSpec } from './sql-queue-view';
import { TimedSources } from './timed-sources';

// a queue whose items change with the clock alone: registered as a queue and as a source the
// escalation ticker asks for items whose next timeliness transition has come
@Injectable()
export abstract class TimedSqlQueueView<Row>
  extends RegisteredSqlQueueView<Row>
  implements TimedSource, OnModuleInit
{
  // the table and the clock of its items
  protected abstract readonly transitions: TransitionSpec;

  constructor(
    registry: QueueRegistry,
    private readonly sources: TimedSources,
    timeliness: TimelinessClock,
  ) {
    super(registry, timeliness);
  }

  override onModuleInit(): void {
    super.onModuleInit();
    this.sources.register(this);
  }

  takeDue(manager: EntityManager, now: Date, limit: number): Promise<string[]> {
    return advanceDueTransitions(manager, this.transitions, now, limit, this.timeliness);
  }
}
