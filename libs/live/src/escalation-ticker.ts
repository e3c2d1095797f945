import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Client } from 'pg';
import { DataSource } from 'typeorm';
import { Clock } from '@app/core';
import { dedicatedClient, LockKey } from '@app/database';
import { liveConfig } from './live.config';
import { Journal } from './journal';
import { LeaderJobs } from './leader-jobs';
import { TimedSources } from './timed-sources';

const BATCH = 200;
const PURGE_EVERY_TICKS = 60;

// time also changes the queues. One instance at a time, the holder of a session advisory
// lock on its own connection, announces the items whose timeliness changed; when that
// instance dies its connection closes, the lock is freed, and another takes over at its next
// tick. Cost follows transitions (an indexed next_transition_at), not open items or history.
@Injectable()
export class EscalationTicker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(EscalationTicker.name);
  private lockClient?: Client;
  private leader = false;
  private running = false;
  private ticks = 0;
  private timer?: NodeJS.Timeout;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(liveConfig.KEY) private readonly config: ConfigType<typeof liveConfig>,
    private readonly sources: TimedSources,
    private readonly jobs: LeaderJobs,
    private readonly journal: Journal,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.tick(), this.config.tickMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    while (this.running) await new Promise((r) => setTimeout(r, 20));
    await this.lockClient?.end().catch(() => undefined);
    this.lockClient = undefined;
    this.leader = false;
  }

  get isLeader(): boolean {
    return this.leader;
  }

  async tick(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      if (!(await this.holdLock())) return;
      await this.announceTransitions();
      await this.runJobs();
      if (++this.ticks % PURGE_EVERY_TICKS === 0) await this.purge();
    } catch (error) {
      this.logger.error(`tick failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      this.running = false;
    }
  }

  private async holdLock(): Promise<boolean> {
    if (this.leader && this.lockClient) return true;
    if (!this.lockClient) {
      const client = dedicatedClient(this.dataSource, 'front-door-ticker');
      const lost = () => {
        if (this.lockClient !== client) return;
        this.lockClient = undefined;
        this.leader = false;
        client.end().catch(() => undefined);
      };
      client.on('error', lost);
      client.on('end', lost);
      await client.connect();
      this.lockClient = client;
    }
    const [row] = (
      await this.lockClient.query('select pg_try_advisory_lock($1) as got', [LockKey.ESCALATION_TICKER])
    ).rows as { got: boolean }[];
    if (row.got && !this.leader) this.logger.log('this instance now runs the escalation ticker');
    this.leader = row.got;
    return this.leader;
  }

  private async announceTransitions(): Promise<void> {
    for (const source of this.sources.all()) {
      while (true) {
        const count = await this.dataSource.transaction(async (manager) => {
          const ids = await source.takeDue(manager, this.clock.now(), BATCH);
          this.journal.announce(
            manager,
            ids.map((id) => ({ type: 'timeliness.changed', entity: source.entity, id })),
          );
          return ids.length;
        });
        if (count < BATCH) break;
      }
    }
  }

  // one job failing (logged) does not stop the others or the ticker
  private async runJobs(): Promise<void> {
    if (!this.config.leaderJobs) return;
    for (const job of this.jobs.all()) {
      try {
        await job.run(this.clock.now());
      } catch (error) {
        this.logger.error(`${job.name} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }

  // events older than the retention are no longer replayed: a client that far behind gets a snapshot
  private async purge(): Promise<void> {
    await this.dataSource.query(
      `delete from live_event where seq <= (
         select max(seq) from live_event where occurred_at < $1::timestamptz - make_interval(hours => $2))`,
      [this.clock.now(), this.config.retentionHours],
    );
  }
}
