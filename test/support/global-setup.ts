import { mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions, runMigrations, startEmbeddedPostgres } from '@app/database';
import { seedDemoWorld } from '@app/auth/demo/demo-world';
import { DEMO_PASSWORD, TEMPLATE_DATABASE, TEST_ENV, TEST_PASSWORD_HASH_COST } from './test-env';
import { setRunningServer } from './test-server';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

// one real PostgreSQL for the whole run; a template database migrated and seeded once,
// cloned by each test file (CREATE DATABASE ... TEMPLATE) so files never share state
export default async function globalSetup(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'frontdoor-test-'));
  const server = await startEmbeddedPostgres({
    dir,
    port: await freePort(),
    database: TEMPLATE_DATABASE,
    persistent: false,
  });
  setRunningServer(server);
  const dataSource = new DataSource(dataSourceOptions(server.url, 2));
  await dataSource.initialize();
  try {
    await runMigrations(dataSource);
    await seedDemoWorld(dataSource, DEMO_PASSWORD, TEST_PASSWORD_HASH_COST);
  } finally {
    await dataSource.destroy();
  }
  process.env[TEST_ENV.adminUrl] = server.adminUrl;
  process.env[TEST_ENV.template] = TEMPLATE_DATABASE;
}
