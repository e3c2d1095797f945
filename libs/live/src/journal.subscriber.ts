import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  DataSource,
  type EntitySubscriberInterface,
  type TransactionCommitEvent,
  type TransactionRollbackEvent,
} from 'typeorm';
import { AUDIT_WRITTEN } from '@app/audit';
import { Journal, LIVE_EVENTS_WRITTEN } from './journal';
import { Sequencer } from './sequencer';

// every transaction's journal is written just before it commits; after (never inside) a
// transaction that wrote audit rows or live events commits, this instance's sequencer is woken
@Injectable()
export class JournalSubscriber implements EntitySubscriberInterface {
  constructor(
    @InjectDataSource() dataSource: DataSource,
    private readonly journal: Journal,
    private readonly sequencer: Sequencer,
  ) {
    dataSource.subscribers.push(this);
  }

  async beforeTransactionCommit(event: TransactionCommitEvent): Promise<void> {
    await this.journal.flush(event.manager);
  }

  beforeTransactionRollback(event: TransactionRollbackEvent): void {
    this.journal.discard(event.manager);
    const data = event.queryRunner.data as Record<string, unknown> | undefined;
    if (data) data[AUDIT_WRITTEN] = data[LIVE_EVENTS_WRITTEN] = false;
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    const data = event.queryRunner.data as Record<string, unknown> | undefined;
    if (!data) return;
    if (data[AUDIT_WRITTEN]) {
      data[AUDIT_WRITTEN] = false;
      this.sequencer.auditWritten();
    }
    if (data[LIVE_EVENTS_WRITTEN]) {
      data[LIVE_EVENTS_WRITTEN] = false;
      this.sequencer.liveWritten();
    }
  }
}
