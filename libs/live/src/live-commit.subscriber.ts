import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntitySubscriberInterface, type TransactionCommitEvent } from 'typeorm';
import { LiveDispatcher } from './live-dispatcher';
import { LIVE_EVENTS_WRITTEN } from './outbox';

// after (never inside) a transaction that wrote live events commits, the dispatchers are woken
@Injectable()
export class LiveCommitSubscriber implements EntitySubscriberInterface {
  constructor(
    @InjectDataSource() dataSource: DataSource,
    private readonly dispatcher: LiveDispatcher,
  ) {
    dataSource.subscribers.push(this);
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    if (event.queryRunner.data?.[LIVE_EVENTS_WRITTEN]) {
      event.queryRunner.data[LIVE_EVENTS_WRITTEN] = false;
      this.dispatcher.committed();
    }
  }
}
