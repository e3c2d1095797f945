import { Logger } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  OnGatewayDisconnect,
  OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
} from '@nestjs/websockets';
import type { Namespace, Socket } from 'socket.io';
import { AuditService } from '@app/audit';
import { SocketAuthenticator } from '@app/auth';
import type { AuthenticatedUser, Role } from '@app/auth/access';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { LiveDispatcher, SUBMISSIONS_VIEW } from './live-dispatcher';
import { LiveReplay } from './live-replay';
import { MetricsService } from './metrics/metrics.service';
import { QueueRegistry } from './queue-registry';
import { QueuesService } from './queues.service';
import { SubmissionSources } from './submissions';

const METRICS_ROLES: readonly Role[] = ['MANAGER', 'ADMIN'];
// police and partners hear only of what their own agency sent
const SUBMITTER_ROLES: readonly Role[] = ['POLICE', 'PARTNER'];

interface AckError {
  error: { code: string; message?: string };
}

function userOf(socket: Socket): AuthenticatedUser {
  return (socket.data as { user: AuthenticatedUser }).user;
}

// after the ack is on the wire, the socket joins the stream from the ack's seq
function afterAck(fn: () => void): void {
  setImmediate(fn);
}

// API.md "Live": namespace /live, the same JWT at the handshake (auth: { token }),
// subscribe { view, sinceSeq? } answered with a snapshot or exactly the missed events
@WebSocketGateway({ namespace: '/live' })
export class LiveGateway implements OnGatewayInit<Namespace>, OnGatewayDisconnect<Socket> {
  private readonly logger = new Logger(LiveGateway.name);

  constructor(
    private readonly authenticator: SocketAuthenticator,
    private readonly registry: QueueRegistry,
    private readonly dispatcher: LiveDispatcher,
    private readonly queues: QueuesService,
    private readonly replay: LiveReplay,
    private readonly metrics: MetricsService,
    private readonly audit: AuditService,
    private readonly submissions: SubmissionSources,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  afterInit(namespace: Namespace): void {
    // refused at the handshake: the client sees connect_error with message UNAUTHENTICATED
    namespace.use((socket, next) => {
      this.authenticator
        .authenticate(socket.handshake)
        .then((user) => {
          (socket.data as { user: AuthenticatedUser }).user = user;
          next();
        })
        .catch(() => next(new Error('UNAUTHENTICATED')));
    });
  }

  handleDisconnect(socket: Socket): void {
    this.dispatcher.unregister(socket);
  }

  @SubscribeMessage('subscribe')
  async subscribe(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<object> {
    const request = body as { view?: unknown; sinceSeq?: unknown } | null;
    const viewName = typeof request?.view === 'string' ? request.view : undefined;
    const since = request?.sinceSeq;
    if (!viewName) return this.error('VALIDATION_FAILED', 'view is required');
    if (since !== undefined && since !== null && !/^\d{1,18}$/.test(String(since))) {
      return this.error('VALIDATION_FAILED', 'sinceSeq must be a sequence number');
    }
    const user = userOf(socket);
    try {
      if (viewName === 'metrics') return await this.subscribeMetrics(socket, user);
      if (viewName === SUBMISSIONS_VIEW) return await this.subscribeSubmissions(socket, user, since);
      const view = this.registry.get(viewName);
      if (!view) return this.error('NOT_FOUND', 'no such view');
      if (!view.roles.includes(user.role)) return this.error('FORBIDDEN');

      if (since !== undefined && since !== null) {
        const missed = await this.replay.since(view.name, BigInt(String(since)), user);
        if (missed) {
          await this.audit.recordAlone(user, {
            action: 'QUEUE_VIEWED',
            entityType: 'queue',
            entityId: view.name,
            details: { replayedEvents: missed.events.length, seq: missed.seq },
          });
          afterAck(() => void this.dispatcher.register(socket, view.name, BigInt(missed.seq)));
          return missed;
        }
      }
      const snapshot = await this.queues.snapshot(user, view.name);
      afterAck(() => void this.dispatcher.register(socket, view.name, BigInt(snapshot.seq)));
      return snapshot;
    } catch (error) {
      this.logger.error(`subscribe failed: ${error instanceof Error ? error.message : String(error)}`);
      return this.error('INTERNAL_ERROR');
    }
  }

  private async subscribeMetrics(socket: Socket, user: AuthenticatedUser): Promise<object> {
    if (!METRICS_ROLES.includes(user.role)) return this.error('FORBIDDEN');
    const snapshot = await this.metrics.snapshotWithSeq();
    afterAck(() => void this.dispatcher.register(socket, 'metrics', BigInt(snapshot.seq)));
    return snapshot;
  }

  private async subscribeSubmissions(socket: Socket, user: AuthenticatedUser, since: unknown): Promise<object> {
    if (!SUBMITTER_ROLES.includes(user.role)) return this.error('FORBIDDEN');
    if (since !== undefined && since !== null) {
      const missed = await this.replay.since(SUBMISSIONS_VIEW, BigInt(String(since)), user);
      if (missed) {
        afterAck(() => void this.dispatcher.register(socket, SUBMISSIONS_VIEW, BigInt(missed.seq)));
        return missed;
      }
    }
    const snapshot = await this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const [{ seq }] = (await manager.query(`select coalesce(max(seq), 0)::text as seq from live_event`)) as {
        seq: string;
      }[];
      const items = [];
      for (const source of this.submissions.forRole(user.role)) items.push(...(await source.list(manager, user.agencyId)));
      return { seq, items };
    });
    afterAck(() => void this.dispatcher.register(socket, SUBMISSIONS_VIEW, BigInt(snapshot.seq)));
    return snapshot;
  }

  private error(code: string, message?: string): AckError {
    return { error: { code, ...(message ? { message } : {}) } };
  }
}
