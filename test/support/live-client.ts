import { io, type Socket } from 'socket.io-client';

export interface QueueChanged {
  view: string;
  seq: number;
  op: 'upsert' | 'remove';
  item: { id: string; timeliness?: string; claimedBy?: { id: string; name: string }; [key: string]: unknown };
}

// a real socket.io client on /live; resolves when connected, rejects with the server's reason
export function connectLive(url: string, token?: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = io(`${url}/live`, {
      auth: token ? { token } : {},
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
}

// sinceSeq as a client sends it: a number, or a numeric string (the clients of today)
export function subscribe(
  socket: Socket,
  view: string,
  sinceSeq?: number | string,
): Promise<Record<string, unknown>> {
  return socket
    .timeout(5000)
    .emitWithAck('subscribe', sinceSeq === undefined ? { view } : { view, sinceSeq });
}

// every queue.changed the socket receives, in order, from now on
export function record(socket: Socket): QueueChanged[] {
  const seen: QueueChanged[] = [];
  socket.on('queue.changed', (message: QueueChanged) => seen.push(message));
  return seen;
}

// the first message (already received or still to come) that matches, or a timeout
export async function waitFor<T>(seen: T[], match: (message: T) => boolean, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const found = seen.find(match);
    if (found) return found;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`no matching message within ${timeoutMs} ms`);
}
