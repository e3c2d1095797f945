import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { broadcast, LiveDispatcher } from './live-dispatcher';
import { MetricsService } from './metrics/metrics.service';

const AT_MOST_EVERY_MS = 1000;

// managers' figures follow the events: after events are delivered, metrics subscribers get
// fresh figures, at most once a second however busy the front door is
@Injectable()
export class MetricsPublisher implements OnApplicationBootstrap {
  private readonly logger = new Logger(MetricsPublisher.name);
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly dispatcher: LiveDispatcher,
    private readonly metrics: MetricsService,
  ) {}

  onApplicationBootstrap(): void {
    this.dispatcher.onPumped(() => this.schedule());
  }

  private schedule(): void {
    if (this.timer || this.dispatcher.subscribers('metrics').length === 0) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.publish();
    }, AT_MOST_EVERY_MS);
    this.timer.unref();
  }

  private async publish(): Promise<void> {
    const subscribers = this.dispatcher.subscribers('metrics');
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
