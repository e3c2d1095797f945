import { useEffect, useRef, useState } from 'react';
import { io } from 'socket.io-client';

interface Change<T> {
  view: string;
  seq: number;
  op: 'upsert' | 'remove';
  item: T;
}

interface Ack<T> {
  seq?: number;
  items?: T[];
  events?: Change<T>[];
  error?: { code: string; message?: string };
}

export interface LiveView<T> {
  items: T[] | undefined;
  connected: boolean;
  error?: string;
}

// one live view (API.md "Live"): the snapshot, then its changes in seq order; after a dropped
// connection the socket reconnects and asks for what it missed since the last seq it applied
// (or a new snapshot when that is too old), so nothing is missed and nothing is doubled
export function useLiveView<T extends { id: string }>(
  view: string,
  order: (a: T, b: T) => number,
  onSessionEnded: () => void,
): LiveView<T> {
  const [state, setState] = useState<LiveView<T>>({ items: undefined, connected: false });
  const ended = useRef(onSessionEnded);
  ended.current = onSessionEnded;

  useEffect(() => {
    const byId = new Map<string, T>();
    let seq: number | undefined;
    const publish = (patch: Partial<LiveView<T>> = {}) =>
      setState((s) => ({ ...s, ...patch, items: [...byId.values()].sort(order) }));
    const apply = (change: Change<T>) => {
      if (change.view !== view || (seq !== undefined && change.seq <= seq)) return;
      if (change.op === 'remove') byId.delete(change.item.id);
      else byId.set(change.item.id, change.item);
      seq = change.seq;
    };
    const socket = io('/live', {
      transports: ['websocket'],
      withCredentials: true,
      timeout: 5000,
      reconnectionDelay: 500,
      reconnectionDelayMax: 5000,
    });
    socket.on('connect', () => {
      socket.emit('subscribe', seq === undefined ? { view } : { view, sinceSeq: seq }, (ack: Ack<T>) => {
        if (ack.error) return setState((s) => ({ ...s, error: ack.error?.message ?? ack.error?.code }));
        if (ack.items) {
          byId.clear();
          for (const item of ack.items) byId.set(item.id, item);
          seq = ack.seq;
        } else {
          for (const event of ack.events ?? []) apply(event);
          if (ack.seq !== undefined && (seq === undefined || ack.seq > seq)) seq = ack.seq;
        }
        publish({ connected: true, error: undefined });
      });
    });
    socket.on('queue.changed', (change: Change<T>) => {
      apply(change);
      publish();
    });
    socket.on('disconnect', () => setState((s) => ({ ...s, connected: false })));
    socket.on('session.ended', () => ended.current());
    return () => {
      socket.close();
    };
  }, [view, order]);
  return state;
}
