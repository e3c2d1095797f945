import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  DataSource,
  type EntitySubscriberInterface,
  type TransactionCommitEvent,
  type TransactionRollbackEvent,
} from 'typeorm';
import { Journal, LIVE_EVENTS_WRITTEN } from './journal';
import { LiveDispatcher } from './live-dispatcher';

// every transaction's journal is written just before it commits; after (never inside) a
// transaction that wrote live events commits, the dispatchers are woken
@Injectable()
export class JournalSubscriber implements EntitySubscriberInterface {
  constructor(
    @InjectDataSource() dataSource: DataSource,
    private readonly journal: Journal,
    private readonly dispatcher: LiveDispatcher,
  ) {
    dataSource.subscribers.push(this);
  }

  async beforeTransactionCommit(event: TransactionCommitEvent): Promise<void> {
    await this.journal.flush(event.manager);
  }

  beforeTransactionRollback(event: TransactionRollbackEvent): void {
    this.journal.discard(event.manager);
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    if (event.queryRunner.data?.[LIVE_EVENTS_WRITTEN]) {
      event.queryRunner.data[LIVE_EVENTS_WRITTEN] = false;
      this.dispatcher.committed();
    }
  }
}
