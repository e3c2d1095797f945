import { Global, Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { AuthModule } from '@app/auth';
import { EscalationTicker } from './escalation-ticker';
import { Journal } from './journal';
import { JournalSubscriber } from './journal.subscriber';
import { LiveDispatcher } from './live-dispatcher';
import { LiveGateway } from './live.gateway';
import { LiveReplay } from './live-replay';
import { MetricsController } from './metrics/metrics.controller';
import { MetricsService } from './metrics/metrics.service';
import { MetricsPublisher } from './metrics-publisher';
import { Outbox } from './outbox';
import { QueueRegistry } from './queue-registry';
import { QueueSnapshots } from './queue-snapshots';
import { QueuesController } from './queues.controller';
import { QueuesService } from './queues.service';
import { SubmissionSources } from './submissions';
import { TimedSources } from './timed-sources';
import { ViewAudit } from './view-audit';

// queues, the outbox and journal every use case writes through, the socket.io gateway,
// the per-instance dispatcher, the escalation ticker, and the managers' metrics
@Global()
@Module({
  imports: [AuditModule, AuthModule],
  controllers: [QueuesController, MetricsController],
  providers: [
    QueueRegistry,
    QueueSnapshots,
    QueuesService,
    ViewAudit,
    TimedSources,
    SubmissionSources,
    Outbox,
    Journal,
    LiveDispatcher,
    JournalSubscriber,
    LiveReplay,
    LiveGateway,
    EscalationTicker,
    MetricsService,
    MetricsPublisher,
  ],
  exports: [QueueRegistry, TimedSources, SubmissionSources, Journal],
})
export class LiveModule {}
