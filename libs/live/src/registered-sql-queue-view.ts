import { Injectable, OnModuleInit } from '@nestjs/common';
import { TimelinessClock } from '@app/core';
import { QueueRegistry } from './queue-registry';
import { SqlQueueView } from './sql-queue-view';

// a queue view that registers itself with the live layer as its module starts, and works out
// its items' timeliness with the council's DUE_SOON fraction (its subclass gives the SQL)
@Injectable()
export abstract class RegisteredSqlQueueView<Row> extends SqlQueueView<Row> implements OnModuleInit {
  constructor(
    private readonly registry: QueueRegistry,
    protected readonly timeliness: TimelinessClock,
  ) {
    super();
  }

  onModuleInit(): void {
    this.registry.register(this);
  }
}
