import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { AuthModule } from '@app/auth';
import { EscalationTicker } from './escalation-ticker';
import { Journal } from './journal';
import { JournalSubscriber } from './journal.subscriber';
import { LiveDispatcher } from './live-dispatcher';
import { LiveGateway } from './live.gateway';
import { LiveReplay } from './live-replay';
import { LiveFeeds } from './live-feeds';
import { Outbox } from './outbox';
import { QueueRegistry } from './queue-registry';
import { QueueSnapshots } from './queue-snapshots';
import { QueuesController } from './queues.controller';
import { QueuesService } from './queues.service';
import { Sequencer } from './sequencer';
import { SubmissionSources } from './submissions';
import { LeaderJobs } from './leader-jobs';
import { TimedSources } from './timed-sources';
import { ViewAudit } from './view-audit';

// the lower layer of the front door's live side (decision 0014): the journal and outbox every
// use case writes through (live_event only), the sequencer that orders them (decision 0031), the queue registry and the base queue views the
// domains register, the socket.io gateway, the per-instance dispatcher, replay and the
// escalation ticker. It knows no domain table. Not global: a module imports what it uses.
@Module({
  imports: [AuditModule, AuthModule],
  controllers: [QueuesController],
  providers: [
    QueueRegistry,
    QueueSnapshots,
    QueuesService,
    ViewAudit,
    TimedSources,
    LeaderJobs,
    SubmissionSources,
    Outbox,
    Journal,
    LiveDispatcher,
    Sequencer,
    JournalSubscriber,
    LiveReplay,
    LiveGateway,
    EscalationTicker,
    LiveFeeds,
  ],
  exports: [
    QueueRegistry,
    TimedSources,
    LeaderJobs,
    SubmissionSources,
    LiveFeeds,
    Journal,
    LiveDispatcher,
    Sequencer,
  ],
})
export class LiveModule {}
