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
import { LiveDispatcher } from './live-dispatcher';
import { LiveReplay } from './live-replay';
import { MetricsService } from './metrics/metrics.service';
import { QueueRegistry } from './queue-registry';
import { QueuesService } from './queues.service';

const METRICS_ROLES: readonly Role[] = ['MANAGER', 'ADMIN'];

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
      const view = this.registry.get(viewName);
      if (!view) return this.error('NOT_FOUND', 'no such view');
      if (!view.roles.includes(user.role)) return this.error('FORBIDDEN');

      if (since !== undefined && since !== null) {
        const missed = await this.replay.since(view.name, BigInt(String(since)));
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

  private error(code: string, message?: string): AckError {
    return { error: { code, ...(message ? { message } : {}) } };
  }
}
