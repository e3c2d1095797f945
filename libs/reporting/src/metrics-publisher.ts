import { Injectable, Logger, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import type { Role } from '@app/access';
import { broadcast, LiveDispatcher, LiveFeeds } from '@app/live';
import { MetricsService } from './metrics/metrics.service';

const AT_MOST_EVERY_MS = 1000;
const METRICS_VIEW = 'metrics';
const METRICS_ROLES: readonly Role[] = ['MANAGER', 'ADMIN'];

// managers' figures follow the events: the metrics view is registered with the live layer
// as a feed (its subscribe answer is a snapshot); after events are delivered, its subscribers
// get fresh figures, at most once a second however busy the front door is
@Injectable()
export class MetricsPublisher implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger(MetricsPublisher.name);
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly dispatcher: LiveDispatcher,
    private readonly metrics: MetricsService,
    private readonly feeds: LiveFeeds,
  ) {}

  onModuleInit(): void {
    this.feeds.register({
      view: METRICS_VIEW,
      roles: METRICS_ROLES,
      snapshot: () => this.metrics.snapshotWithSeq(),
    });
  }

  onApplicationBootstrap(): void {
    this.dispatcher.onPumped(() => this.schedule());
  }

  private schedule(): void {
    if (this.timer || this.dispatcher.subscribers(METRICS_VIEW).length === 0) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.publish();
    }, AT_MOST_EVERY_MS);
    this.timer.unref();
  }

  private async publish(): Promise<void> {
    const subscribers = this.dispatcher.subscribers(METRICS_VIEW);
    if (subscribers.length === 0) return;
    try {
      const message = await this.metrics.snapshotWithSeq();
      broadcast(
        subscribers.map((sub) => sub.socket),
        [{ event: 'metrics.changed', message }],
      );
    } catch (error) {
      this.logger.error(`metrics push failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
