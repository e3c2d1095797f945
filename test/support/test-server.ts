import type { EmbeddedDatabase } from '@app/database';

// global setup and teardown run in the same process: the server is kept here between them
const holder = globalThis as typeof globalThis & { __frontdoorTestServer?: EmbeddedDatabase };

export function setRunningServer(server: EmbeddedDatabase): void {
  holder.__frontdoorTestServer = server;
}

export function runningServer(): EmbeddedDatabase | undefined {
  return holder.__frontdoorTestServer;
}
