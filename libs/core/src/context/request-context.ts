import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

export interface RequestScope {
  correlationId: string;
}

const storage = new AsyncLocalStorage<RequestScope>();

// a caller may pass its own correlation id; anything odd is replaced rather than logged
const SAFE_ID = /^[A-Za-z0-9._:-]{1,64}$/;

export const RequestContext = {
  run<T>(scope: RequestScope, fn: () => T): T {
    return storage.run(scope, fn);
  },
  correlationId(): string | undefined {
    return storage.getStore()?.correlationId;
  },
};

interface IncomingLike {
  id?: unknown;
  headers: Record<string, string | string[] | undefined>;
}

// the id that ties a request's log lines, audit rows and error body together
export function correlationIdFor(req: IncomingLike): string {
  if (typeof req.id === 'string' && req.id) return req.id;
  const header = req.headers['x-correlation-id'];
  const given = Array.isArray(header) ? header[0] : header;
  const id = given && SAFE_ID.test(given) ? given : randomUUID();
  req.id = id;
  return id;
}
