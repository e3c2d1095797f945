import { Logger } from '@nestjs/common';
import {
  Ack,
  ConnectedSocket,
  MessageBody,
  OnGatewayConnection,
  OnGatewayDisconnect,
  OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
} from '@nestjs/websockets';
import type { Namespace, Socket } from 'socket.io';
import { AccessDenials, type AuditEvent } from '@app/audit';
import { SessionRegistry, SocketAuthenticator, type SessionEnded } from '@app/auth';
import type { AuthenticatedUser, Role } from '@app/access';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ackEncoded, EncodedBody } from './encoded-ack';
import { LiveDispatcher, SUBMISSIONS_VIEW } from './live-dispatcher';
import { LiveReplay } from './live-replay';
import { LiveFeeds, type LiveFeed } from './live-feeds';
import { QueueRegistry } from './queue-registry';
import { QueueSnapshots } from './queue-snapshots';
import { jsonSeq, parseSeq } from './seq';
import { SubmissionSources } from './submissions';
import { ViewAudit } from './view-audit';

// police and partners hear only of what their own agency sent
const SUBMITTER_ROLES: readonly Role[] = ['POLICE', 'PARTNER'];

interface AckError {
  error: { code: string; message?: string };
}

// what a subscribe is answered with, and the seq the socket then follows the view from
interface Answer {
  body: object | EncodedBody;
  follow?: { view: string; seq: bigint };
}

const sessionRoom = (sessionId: string): string => `session:${sessionId}`;

function userOf(socket: Socket): AuthenticatedUser {
  return (socket.data as { user: AuthenticatedUser }).user;
}

function refused(code: string, message?: string): Answer {
  const error: AckError = { error: { code, ...(message ? { message } : {}) } };
  return { body: error };
}

// API.md "Live": namespace /live, the same JWT at the handshake (auth: { token }),
// subscribe { view, sinceSeq? } answered with a snapshot or exactly the missed events
@WebSocketGateway({ namespace: '/live' })
export class LiveGateway
  implements OnGatewayInit<Namespace>, OnGatewayConnection<Socket>, OnGatewayDisconnect<Socket>
{
  private readonly logger = new Logger(LiveGateway.name);

  constructor(
    private readonly authenticator: SocketAuthenticator,
    private readonly registry: QueueRegistry,
    private readonly dispatcher: LiveDispatcher,
    private readonly snapshots: QueueSnapshots,
    private readonly replay: LiveReplay,
    private readonly feeds: LiveFeeds,
    private readonly viewAudit: ViewAudit,
    private readonly denials: AccessDenials,
    private readonly submissions: SubmissionSources,
    private readonly sessions: SessionRegistry,
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
    // issue 14 item 3: a session ended anywhere (logout, deactivation, a role change, a reset,
    // the idle timeout) takes its sockets with it, told why first
    this.sessions.onEnded((ended: SessionEnded) => {
      const room = namespace.in(sessionRoom(ended.sessionId));
      room.emit('session.ended', { reason: ended.reason });
      room.disconnectSockets(true);
    });
  }

  handleConnection(socket: Socket): void {
    const sessionId = userOf(socket).sessionId;
    if (!sessionId) return;
    void socket.join(sessionRoom(sessionId));
    this.sessions.watch(sessionId);
  }

  handleDisconnect(socket: Socket): void {
    this.dispatcher.unregister(socket);
    const sessionId = (socket.data as { user?: AuthenticatedUser }).user?.sessionId;
    if (sessionId) this.sessions.unwatch(sessionId);
  }

  // the ack is written first; the socket then joins the stream from the ack's seq (what it
  // is sent from there on is queued behind the ack)
  @SubscribeMessage('subscribe')
  async subscribe(
    @ConnectedSocket() socket: Socket,
    @MessageBody() body: unknown,
    @Ack() ack?: (response: unknown) => void,
  ): Promise<void> {
    const answer = await this.answer(socket, body);
    if (typeof ack === 'function') {
      if (answer.body instanceof EncodedBody) ackEncoded(socket, ack, answer.body);
      else ack(answer.body);
    }
    if (answer.follow) void this.dispatcher.register(socket, answer.follow.view, answer.follow.seq);
  }

  private async answer(socket: Socket, body: unknown): Promise<Answer> {
    const request = body as { view?: unknown; sinceSeq?: unknown } | null;
    const viewName = typeof request?.view === 'string' ? request.view : undefined;
    // a number, or a numeric string from the clients of today
    const given = request?.sinceSeq;
    const since = given === undefined || given === null ? undefined : parseSeq(given);
    if (!viewName) return refused('VALIDATION_FAILED', 'view is required');
    if (since === null) return refused('VALIDATION_FAILED', 'sinceSeq must be a sequence number');
    const user = userOf(socket);
    try {
      const feed = this.feeds.get(viewName);
      if (feed) return await this.subscribeFeed(user, feed);
      if (viewName === SUBMISSIONS_VIEW) return await this.subscribeSubmissions(user, since);
      const view = this.registry.get(viewName);
      if (!view) return refused('NOT_FOUND', 'no such view');
      if (!view.roles.includes(user.role)) return await this.forbidden(user, view.name);

      if (since !== undefined) {
        const missed = await this.replay.since(view.name, since, user);
        if (missed) {
          const seq = jsonSeq(missed.seq);
          await this.viewed(user, view.name, { replayedEvents: missed.events.length, seq });
          return { body: { seq, events: missed.events }, follow: { view: view.name, seq: missed.seq } };
        }
      }
      // one read and one encoding for everyone subscribing to the view at the same time
      const snapshot = await this.snapshots.shared(view, user.agencyId);
      const body = snapshot.bodyFor(view, user.id);
      // the queue shows children's names: every subscriber's read is audited
      await this.viewed(user, view.name, { items: body.items.length, seq: body.seq });
      // everyone is sent the one encoding, unless the view leaves something out for this reader
      return {
        body: body === snapshot.body ? snapshot.encoded : body,
        follow: { view: view.name, seq: snapshot.seq },
      };
    } catch (error) {
      this.logger.error(`subscribe failed: ${error instanceof Error ? error.message : String(error)}`);
      return refused('INTERNAL_ERROR');
    }
  }

  // a queue shows children's names (and so do the submissions): every subscriber's read is audited
  private viewed(user: AuthenticatedUser, view: string, details: AuditEvent['details']): Promise<void> {
    return this.viewAudit.record(user, {
      action: 'QUEUE_VIEWED',
      entityType: 'queue',
      entityId: view,
      details,
    });
  }

  // a view the role may not see is a failed authorisation: audited as for HTTP (ASVS 16.3.2)
  private async forbidden(user: AuthenticatedUser, view: string): Promise<Answer> {
    await this.denials.record({
      actor: { id: user.id, role: user.role, agencyId: user.agencyId },
      route: `SUBSCRIBE /live ${view}`,
      status: 403,
    });
    return refused('FORBIDDEN');
  }

  // a registered feed (metrics): its snapshot, then its pushes
  private async subscribeFeed(user: AuthenticatedUser, feed: LiveFeed): Promise<Answer> {
    if (!feed.roles.includes(user.role)) return this.forbidden(user, feed.view);
    const snapshot = await feed.snapshot();
    return { body: snapshot, follow: { view: feed.view, seq: BigInt(snapshot.seq) } };
  }

  private async subscribeSubmissions(user: AuthenticatedUser, since: bigint | undefined): Promise<Answer> {
    if (!SUBMITTER_ROLES.includes(user.role)) return this.forbidden(user, SUBMISSIONS_VIEW);
    if (since !== undefined) {
      const missed = await this.replay.since(SUBMISSIONS_VIEW, since, user);
      if (missed) {
        const seq = jsonSeq(missed.seq);
        await this.viewed(user, SUBMISSIONS_VIEW, { replayedEvents: missed.events.length, seq });
        return { body: { seq, events: missed.events }, follow: { view: SUBMISSIONS_VIEW, seq: missed.seq } };
      }
    }
    const snapshot = await this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const [{ seq }] = (await manager.query(
        `select coalesce(max(seq), 0)::text as seq from live_event`,
      )) as {
        seq: string;
      }[];
      const items = [];
      for (const source of this.submissions.forRole(user.role))
        items.push(...(await source.list(manager, user.agencyId)));
      return { seq: BigInt(seq), items };
    });
    // the items name children (the sender's own): the read is audited as a queue's is
    await this.viewed(user, SUBMISSIONS_VIEW, { items: snapshot.items.length, seq: jsonSeq(snapshot.seq) });
    return {
      body: { seq: jsonSeq(snapshot.seq), items: snapshot.items },
      follow: { view: SUBMISSIONS_VIEW, seq: snapshot.seq },
    };
  }
}
