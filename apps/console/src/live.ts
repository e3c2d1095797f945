import { useEffect, useSyncExternalStore } from 'react';
import { io, type Socket } from 'socket.io-client';

// API.md "Live": one socket per tab, one subscription per view for the life of the tab (each
// subscribe is an audited QUEUE_VIEWED), so moving between pages never resubscribes; only a
// reconnect does, and then with sinceSeq, so nothing is missed and nothing is doubled.

interface Change<T> {
  view?: string;
  seq: number;
  op?: 'upsert' | 'remove';
  item: T;
}

interface Ack<T, F> {
  seq?: number;
  items?: T[];
  metrics?: F;
  events?: (Change<T> & { metrics?: F })[];
  error?: { code: string; message?: string };
}

export interface LiveState<T, F = never> {
  items: readonly T[] | undefined; // undefined until the first snapshot
  figures: F | undefined; // a feed's figures (metrics)
  connected: boolean;
  error?: string;
  version: number; // counts every applied change (for "n changes waiting")
}

type Listener = () => void;

// one view's store: the snapshot, then its changes in seq order; a change at or below the
// last applied seq is a replay overlap and is ignored
export class LiveView<T extends { id: string }, F = never> {
  private seq: number | undefined;
  private readonly byId = new Map<string, T>();
  private state: LiveState<T, F> = { items: undefined, figures: undefined, connected: false, version: 0 };
  private readonly listeners = new Set<Listener>();

  constructor(
    readonly name: string,
    private readonly order: (a: T, b: T) => number,
  ) {}

  lastSeq(): number | undefined {
    return this.seq;
  }

  get(): LiveState<T, F> {
    return this.state;
  }

  listen(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  answered(ack: Ack<T, F>): void {
    if (ack.error) {
      this.publish({ error: ack.error.code === 'FORBIDDEN' ? 'You cannot see this list' : ack.error.code });
      return;
    }
    if (ack.items || ack.metrics) {
      this.byId.clear();
      for (const item of ack.items ?? []) this.byId.set(item.id, item);
      this.seq = ack.seq;
      this.publish({ connected: true, error: undefined, figures: ack.metrics, items: this.sorted() });
      return;
    }
    for (const event of ack.events ?? []) this.change(event, false);
    if (ack.seq !== undefined && (this.seq === undefined || ack.seq > this.seq)) this.seq = ack.seq;
    this.publish({ connected: true, error: undefined, items: this.sorted() });
  }

  change(change: Change<T> & { metrics?: F }, publish = true): void {
    if (change.view !== undefined && change.view !== this.name) return;
    // fresh figures may come with no newer event (the clock moved them): equal is not a replay
    const stale =
      change.metrics === undefined ? change.seq <= (this.seq ?? -1) : change.seq < (this.seq ?? -1);
    if (stale) return;
    this.seq = change.seq;
    let figures = this.state.figures;
    if (change.metrics !== undefined) figures = change.metrics;
    else if (change.op === 'remove') this.byId.delete(change.item.id);
    else this.byId.set(change.item.id, change.item);
    this.state = { ...this.state, figures, version: this.state.version + 1 };
    if (publish) this.publish({ items: this.sorted() });
  }

  disconnected(): void {
    this.publish({ connected: false });
  }

  private sorted(): T[] {
    return [...this.byId.values()].sort(this.order);
  }

  private publish(patch: Partial<LiveState<T, F>>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }
}

const EVENTS = { 'queue.changed': true, 'submission.changed': true, 'metrics.changed': true } as const;

class LiveClient {
  private socket: Socket | undefined;
  private readonly views = new Map<string, LiveView<{ id: string }, unknown>>();
  private sessionEnded: Listener = () => undefined;

  onSessionEnded(listener: Listener): void {
    this.sessionEnded = listener;
  }

  view<T extends { id: string }, F>(name: string, order: (a: T, b: T) => number): LiveView<T, F> {
    let view = this.views.get(name) as LiveView<T, F> | undefined;
    if (!view) {
      view = new LiveView<T, F>(name, order);
      this.views.set(name, view as unknown as LiveView<{ id: string }, unknown>);
      if (this.socket?.connected) this.subscribe(view as unknown as LiveView<{ id: string }, unknown>);
    }
    this.open();
    return view;
  }

  // sign out, or another person signing in on this tab: nothing of the last session stays
  close(): void {
    this.socket?.close();
    this.socket = undefined;
    this.views.clear();
  }

  private open(): void {
    if (this.socket) return;
    const socket = io('/live', {
      transports: ['websocket'],
      withCredentials: true,
      // a refused connect must not hang for socket.io's 20 s default
      timeout: 5000,
      reconnectionDelay: 500,
      reconnectionDelayMax: 5000,
    });
    this.socket = socket;
    socket.on('connect', () => {
      for (const view of this.views.values()) this.subscribe(view);
    });
    for (const event of Object.keys(EVENTS)) {
      socket.on(event, (change: Change<{ id: string }> & { metrics?: unknown }) => {
        if (event === 'queue.changed') this.views.get(change.view ?? '')?.change(change);
        else if (event === 'metrics.changed') this.views.get('metrics')?.change(change);
        else this.views.get('submissions')?.change(change);
      });
    }
    socket.on('disconnect', () => {
      for (const view of this.views.values()) view.disconnected();
    });
    socket.on('session.ended', () => this.sessionEnded());
    socket.on('connect_error', (error: Error) => {
      if (error.message === 'UNAUTHENTICATED') this.sessionEnded();
    });
  }

  private subscribe(view: LiveView<{ id: string }, unknown>): void {
    const sinceSeq = view.lastSeq();
    this.socket?.emit(
      'subscribe',
      sinceSeq === undefined ? { view: view.name } : { view: view.name, sinceSeq },
      (ack: Ack<{ id: string }, unknown>) => view.answered(ack),
    );
  }
}

export const live = new LiveClient();

// a component's window on one live view (subscribed once per tab)
export function useLive<T extends { id: string }, F = never>(
  name: string,
  order: (a: T, b: T) => number,
): LiveState<T, F> {
  const view = live.view<T, F>(name, order);
  const state = useSyncExternalStore(
    (listener) => view.listen(listener),
    () => view.get(),
  );
  return state;
}

// one app-wide tick (every 15 s by default) for countdown text; timeliness tags change only
// when the server pushes them
const tickers = new Set<Listener>();
let now = Date.now();
let timer: ReturnType<typeof setInterval> | undefined;
export function useNow(): number {
  useEffect(() => {
    if (!timer) {
      timer = setInterval(() => {
        now = Date.now();
        for (const t of tickers) t();
      }, 15_000);
    }
  }, []);
  return useSyncExternalStore(
    (listener) => {
      tickers.add(listener);
      return () => tickers.delete(listener);
    },
    () => now,
  );
}
