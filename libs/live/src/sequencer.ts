import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '@app/audit';
import { Clock } from '@app/core';
import { LockKey, preparedQuery, SerialWorker } from '@app/database';
import { liveConfig } from './live.config';
import { LiveDispatcher } from './live-dispatcher';
import {
  Outbox,
  PENDING_EVENTS_SQL,
  SEQUENCE_EVENTS_SQL,
  type LiveEventPayload,
  type LiveEventRef,
} from './outbox';

const BATCH = 500;
const AUDIT_DELAY_MS = 50;

interface PendingEvent {
  head_seq: string;
  id: string;
  type: string;
  ref: LiveEventRef;
}

// decision 0031: writers commit their audit rows unchained and their live events unsequenced,
// holding no lock; this gives them their places afterwards, in batches. Every instance runs
// one, but a batch holds a transaction-scoped advisory lock to its commit, so batches never
// interleave: a second instance's batch waits, then continues from the first one's head. An
// instance wakes its own after each of its commits; a short poll picks up what no wake
// announced (another instance's rows, or the rows of one that died before sequencing them).
// A batch takes only committed rows (READ COMMITTED, the statement after the lock), in id order,
// so a transaction that commits late is sequenced after those already done: nothing is skipped,
// and a killed batch rolls back whole, leaving its rows to the next.
@Injectable()
export class Sequencer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(Sequencer.name);
  private readonly auditWorker: SerialWorker;
  private readonly liveWorker: SerialWorker;
  // after a batch whose projection failed: the next is projected one event at a time
  private careful = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(liveConfig.KEY) config: ConfigType<typeof liveConfig>,
    private readonly audit: AuditService,
    private readonly outbox: Outbox,
    private readonly dispatcher: LiveDispatcher,
    private readonly clock: Clock,
  ) {
    const failed = (what: string) => (error: unknown) =>
      this.logger.error(`${what} failed: ${error instanceof Error ? error.message : String(error)}`);
    this.auditWorker = new SerialWorker(
      async () => (await this.audit.chainNext(BATCH)) === BATCH,
      config.sequencePollMs,
      failed('chaining audit rows'),
      // the chain may wait a little (its bound is a second): larger batches, off the live path
      AUDIT_DELAY_MS,
    );
    this.liveWorker = new SerialWorker(
      () => this.sequenceLive(),
      config.sequencePollMs,
      failed('sequencing live events'),
    );
  }

  onApplicationBootstrap(): void {
    this.audit.onWritten(() => this.auditWritten());
    this.auditWorker.start();
    this.liveWorker.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([this.auditWorker.stop(), this.liveWorker.stop()]);
  }

  // a transaction of this instance committed audit rows / live events
  auditWritten(): void {
    this.auditWorker.wake();
  }

  liveWritten(): void {
    this.liveWorker.wake();
  }

  // everything committed before this call has its place when it resolves (tests, shutdown)
  async settle(): Promise<void> {
    for (let round = 0; round < 2; round += 1) {
      this.auditWorker.now();
      this.liveWorker.now();
      await Promise.all([this.auditWorker.idle(), this.liveWorker.idle()]);
    }
  }

  private async sequenceLive(): Promise<boolean> {
    const placed = await this.dataSource.transaction(async (manager) => {
      const pending = (await preparedQuery(manager, PENDING_EVENTS_SQL, [
        LockKey.LIVE_SEQUENCE,
        BATCH,
      ])) as PendingEvent[];
      if (pending.length === 0) return [];
      const payloads = await this.projected(
        manager,
        pending.map((e) => e.ref),
      );
      let seq = BigInt(pending[0].head_seq);
      const sequenced = pending.map((e, i) => ({
        id: e.id,
        seq: (seq += 1n).toString(),
        payload: payloads[i],
      }));
      const [{ n }] = (await preparedQuery(manager, SEQUENCE_EVENTS_SQL, [JSON.stringify(sequenced)])) as {
        n: number;
      }[];
      if (n !== sequenced.length)
        throw new Error(`live sequence: ${n} of ${sequenced.length} events sequenced`);
      return sequenced;
    });
    // its NOTIFY (a trigger on the update) tells the other instances; this one's dispatcher is
    // handed the events as they were written, without reading them back
    if (placed.length > 0)
      this.dispatcher.sequenced(placed.map((e) => ({ seq: BigInt(e.seq), payload: e.payload })));
    return placed.length === BATCH;
  }

  // the batch's projections. When one of them fails (a fault in a queue's read) the batch rolls
  // back, and the next is projected one event at a time, each behind a savepoint: the one that
  // fails is sequenced with no changes, and logged, so that one bad event cannot stop every queue
  private async projected(manager: EntityManager, refs: LiveEventRef[]): Promise<LiveEventPayload[]> {
    const now = this.clock.now();
    if (!this.careful) {
      try {
        return await this.outbox.project(manager, refs, now);
      } catch (error) {
        this.careful = true;
        throw error;
      }
    }
    const payloads: LiveEventPayload[] = [];
    for (const ref of refs) {
      await manager.query('savepoint live_projection');
      try {
        payloads.push(...(await this.outbox.project(manager, [ref], now)));
      } catch (error) {
        await manager.query('rollback to savepoint live_projection');
        this.logger.error(`live event for ${ref.entity} not projected: ${String(error)}`);
        payloads.push({ id: ref.id, changes: [] });
      }
    }
    this.careful = false;
    return payloads;
  }
}
