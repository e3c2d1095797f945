import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Socket } from 'socket.io';
import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '@app/access';
import { Listener } from '@app/database';
import { liveConfig } from './live.config';
import type { LiveMessage } from './live-events';
import type { QueueChange } from './queue-view';
import { jsonSeq } from './seq';
import type { SubmissionAudience, SubmissionItem } from './submissions';

export const SUBMISSIONS_VIEW = 'submissions';

// the channel the live_event trigger notifies (migration LiveNotify1764374400000)
export const LIVE_CHANNEL = 'frontdoor_live';
const BATCH = 500;

export interface EventRow {
  seq: bigint;
  payload: {
    id: string;
    changes: QueueChange[];
    submission?: { audience: SubmissionAudience; item: SubmissionItem };
  };
}

interface Subscription {
  socket: Socket;
  user?: AuthenticatedUser;
  // the last seq this socket has for the view: it gets only what is newer
  lastSeq: bigint;
}

export type { QueueChangedMessage, SubmissionChangedMessage } from './live-events';

// what the events of live_event become for a subscriber of a view
export type Outgoing = LiveMessage<'queue.changed' | 'submission.changed'>;

// live_event rows as read with seq::text
export function eventRows(rows: unknown): EventRow[] {
  return (rows as { seq: string; payload: EventRow['payload'] }[]).map((row) => ({
    seq: BigInt(row.seq),
    payload: row.payload,
  }));
}

// one encoding of each message, written to every socket (all in the /live namespace)
export function broadcast(sockets: Socket[], outgoing: LiveMessage[]): void {
  if (sockets.length === 0) return;
  const to = sockets[0].nsp.to(sockets.map((s) => s.id));
  for (const out of outgoing) emitTo(to, out);
}

// socket.io's emit, typed by the event map (a room and a socket emit alike)
export function emitTo(target: { emit(event: string, message: unknown): unknown }, out: LiveMessage): void {
  target.emit(out.event, out.message);
}

// what one subscriber of a view receives of these events: a queue's changes, or, on the
// submissions view, only what its own agency sent (and only what its role may see)
export function messagesFor(view: string, rows: EventRow[], user?: AuthenticatedUser): Outgoing[] {
  if (view === SUBMISSIONS_VIEW) {
    return rows.flatMap((row) => {
      const sent = row.payload.submission;
      return sent && user && sent.audience.agencyId === user.agencyId && sent.audience.role === user.role
        ? [{ event: 'submission.changed' as const, message: { seq: jsonSeq(row.seq), item: sent.item } }]
        : [];
    });
  }
  return rows.flatMap((row) =>
    (row.payload.changes ?? [])
      // an agency view's change goes to that agency's people only; a withheld one to all but one
      .filter(
        (c) =>
          c.view === view &&
          (c.agencyId === undefined || c.agencyId === user?.agencyId) &&
          (c.withheldFrom === undefined || c.withheldFrom !== user?.id),
      )
      .map((c) => ({
        event: 'queue.changed' as const,
        message: { view: c.view, seq: jsonSeq(row.seq), op: c.op, item: c.item },
      })),
  );
}

// one per instance. Everything it does (reading new events, registering a subscriber)
// runs one step at a time on one queue, so a subscriber registered at seq S gets every
// event after S exactly once, in order, and never one from before.
// It learns of new events three ways: its own commits (in process), NOTIFY from other
// instances (a trigger on live_event, delivered as their transaction commits), and a poll as a safety net
// for a NOTIFY lost with a dying instance or a dropped LISTEN connection.
@Injectable()
export class LiveDispatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(LiveDispatcher.name);
  private cursor = 0n;
  private queue: Promise<void> = Promise.resolve();
  private pumpQueued = false;
  private readonly subscriptions = new Map<string, Map<string, Subscription>>();
  private readonly afterPump: ((cursor: bigint) => void)[] = [];
  // a dedicated connection LISTENs; when it dies it is replaced (the poll covers the gap)
  private readonly listener: Listener;
  private pollTimer?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(liveConfig.KEY) private readonly config: ConfigType<typeof liveConfig>,
  ) {
    this.listener = new Listener(dataSource, 'front-door-listen', LIVE_CHANNEL, {
      notified: () => this.pump(),
      // anything committed while we were not listening
      listening: () => this.pump(),
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    const [{ seq }] = (await this.dataSource.query(
      'select coalesce(max(seq), 0)::text as seq from live_event',
    )) as {
      seq: string;
    }[];
    this.cursor = BigInt(seq);
    this.pollTimer = setInterval(() => this.pump(), this.config.pollMs);
    this.pollTimer.unref();
    await this.listener.start();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.pollTimer);
    await this.listener.stop();
    await this.queue;
  }

  get position(): bigint {
    return this.cursor;
  }

  // run after each pump that moved the cursor (metrics push)
  onPumped(fn: (cursor: bigint) => void): void {
    this.afterPump.push(fn);
  }

  // a transaction of this instance committed live events (its NOTIFY, sent by a trigger on
  // live_event as it commits, tells the other instances)
  committed(): void {
    this.pump();
  }

  // this instance's sequencer placed these (in seq order) and committed: when they follow on from
  // what was delivered they are delivered as they are; otherwise (another instance's came
  // between) the database is read
  sequenced(rows: EventRow[]): void {
    if (this.stopped) return;
    void this.enqueue(async () => {
      const fresh = rows.filter((row) => row.seq > this.cursor);
      if (fresh.length === 0) return;
      if (fresh[0].seq !== this.cursor + 1n) return this.pump();
      this.deliverAll(fresh);
      this.cursor = fresh[fresh.length - 1].seq;
      for (const fn of this.afterPump) fn(this.cursor);
    });
  }

  pump(): void {
    if (this.pumpQueued || this.stopped) return;
    this.pumpQueued = true;
    void this.enqueue(async () => {
      this.pumpQueued = false;
      const before = this.cursor;
      while (true) {
        const rows = await this.rowsAfter(this.cursor, null, BATCH);
        this.deliverAll(rows);
        if (rows.length > 0) this.cursor = rows[rows.length - 1].seq;
        if (rows.length < BATCH) break;
      }
      if (this.cursor !== before) for (const fn of this.afterPump) fn(this.cursor);
    });
  }

  // from `fromSeq` on, this socket gets the view's changes; what came between fromSeq and
  // what this instance has already delivered is sent first, from the database
  register(socket: Socket, view: string, fromSeq: bigint): Promise<void> {
    return this.enqueue(async () => {
      if (!socket.connected) return;
      let last = fromSeq;
      const user = (socket.data as { user?: AuthenticatedUser }).user;
      if (this.cursor > fromSeq) {
        const rows = await this.rowsAfter(fromSeq, this.cursor, Number.MAX_SAFE_INTEGER);
        for (const out of messagesFor(view, rows, user)) socket.emit(out.event, out.message);
        last = this.cursor;
      }
      let subscribers = this.subscriptions.get(view);
      if (!subscribers) this.subscriptions.set(view, (subscribers = new Map()));
      subscribers.set(socket.id, { socket, user, lastSeq: last });
    });
  }

  unregister(socket: Socket): void {
    for (const subscribers of this.subscriptions.values()) subscribers.delete(socket.id);
  }

  subscribers(view: string): Subscription[] {
    return [...(this.subscriptions.get(view)?.values() ?? [])];
  }

  private deliverAll(rows: EventRow[]): void {
    for (const row of rows) {
      try {
        this.deliver(row);
      } catch (error) {
        // one bad event must not stop every queue: it is logged and passed over
        this.logger.error(
          `live event ${row.seq} not delivered: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
  }

  private deliver(row: EventRow): void {
    const seq = row.seq;
    for (const [view, subscribers] of this.subscriptions) {
      const perSubscriber = (row.payload.changes ?? []).some(
        (c) => c.view === view && (c.agencyId !== undefined || c.withheldFrom !== undefined),
      );
      if (view === SUBMISSIONS_VIEW || perSubscriber) {
        // each submitter hears only of its own agency's submissions; an agency view's people
        // only of their own agency's items; nobody of an item withheld from them
        for (const sub of subscribers.values()) {
          if (seq <= sub.lastSeq) continue;
          const outgoing = messagesFor(view, [row], sub.user);
          for (const out of outgoing) emitTo(sub.socket, out);
          if (outgoing.length > 0) sub.lastSeq = seq;
        }
        continue;
      }
      // a queue's changes are the same for every subscriber: encoded once, written to each
      const outgoing = messagesFor(view, [row]);
      if (outgoing.length === 0) continue;
      const due = [...subscribers.values()].filter((sub) => seq > sub.lastSeq);
      if (due.length === 0) continue;
      for (const sub of due) sub.lastSeq = seq;
      broadcast(
        due.map((sub) => sub.socket),
        outgoing,
      );
    }
  }

  private async rowsAfter(after: bigint, upTo: bigint | null, limit: number): Promise<EventRow[]> {
    return eventRows(
      await this.dataSource.query(
        `select seq::text, payload from live_event
          where seq > $1 and ($2::bigint is null or seq <= $2)
          order by live_event.seq limit $3`,
        [after.toString(), upTo?.toString() ?? null, limit],
      ),
    );
  }

  private enqueue(step: () => Promise<void>): Promise<void> {
    const run = this.queue.then(step).catch((error: unknown) => {
      this.logger.error(`live dispatch failed: ${error instanceof Error ? error.message : String(error)}`);
    });
    this.queue = run;
    return run;
  }
}
