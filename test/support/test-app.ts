import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Type } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { getDataSourceToken } from '@nestjs/typeorm';
import { Client } from 'pg';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { Clock, SettableClock, SystemClock } from '@app/core';
import { AuthClock } from '@app/auth';
import { Sequencer } from '@app/live';
import { AppModule } from '../../apps/api/src/app.module';
import { configureApp } from '../../apps/api/src/configure-app';
import { DEMO_PASSWORD, TEST_ENV } from './test-env';

export interface TestApp {
  app: NestExpressApplication;
  http: () => ReturnType<typeof request>;
  dataSource: DataSource;
  clock: Clock;
  // the database of this app only, for SQL the API does not offer (tamper tests)
  databaseUrl: string;
  // http://127.0.0.1:<port> when started with listen
  url: string;
  login(email: string, password?: string): Promise<string>;
  // resolves once everything committed so far is chained and sequenced (decision 0031: the
  // sequencer does it just after each commit, not in it)
  sequenced(): Promise<void>;
  // the app only (an instance going away); its database stays
  stop(): Promise<void>;
  // the app, then the database it made
  close(): Promise<void>;
}

export interface TestAppOptions {
  env?: Record<string, string>;
  clock?: SettableClock;
  // the wall clock of sessions, locks and TOTP (AuthClock), for tests of their timing
  authClock?: SettableClock;
  controllers?: Type<unknown>[];
  // a blank database the app migrates itself, instead of a clone of the seeded template
  fresh?: boolean;
  // another instance on this database (made by an earlier createTestApp, which drops it)
  databaseUrl?: string;
  // listen on a real port (socket.io clients need one); the url is on the result
  listen?: boolean;
}

export async function withAdmin<T>(fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: process.env[TEST_ENV.adminUrl] });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

// a whole api (real HTTP stack, real migrations, real PostgreSQL) on a database of its own
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const adminUrl = process.env[TEST_ENV.adminUrl];
  const template = process.env[TEST_ENV.template];
  if (!adminUrl || !template) throw new Error('e2e global setup did not run');
  const owned = !options.databaseUrl;
  const name = `t_${process.pid}_${randomBytes(4).toString('hex')}`;
  const source = options.fresh ? 'template0' : template;
  if (owned) await withAdmin((c) => c.query(`create database "${name}" template "${source}"`));
  const databaseUrl = options.databaseUrl ?? adminUrl.replace(/\/postgres$/, `/${name}`);
  const dropDatabase = async () => {
    if (owned) await withAdmin((c) => c.query(`drop database if exists "${name}" with (force)`));
  };

  const env: Record<string, string> = {
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    THROTTLE_LIMIT: '1000000',
    LOGIN_THROTTLE_LIMIT: '1000000',
    DATABASE_POOL_SIZE: '5',
    // the api alone, whatever a developer's dist/ holds; the console's suites build their own
    CONSOLE_DIR: join(__dirname, 'no-console'),
    // the weekly audit draw would add a draw to any suite running past a Monday 09:00
    LIVE_LEADER_JOBS: 'false',
    ...options.env,
  };
  const saved: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(env)) {
    saved[key] = process.env[key];
    process.env[key] = value;
  }
  const clock = options.clock ?? new SystemClock();
  try {
    const moduleRef = await Test.createTestingModule({
      imports: [AppModule.forRoot({ url: databaseUrl, embedded: false })],
      controllers: options.controllers ?? [],
    })
      .overrideProvider(Clock)
      .useValue(clock)
      .overrideProvider(AuthClock)
      .useValue(options.authClock ?? new SystemClock())
      .compile();
    const app = moduleRef.createNestApplication<NestExpressApplication>({
      bodyParser: false,
      bufferLogs: true,
    });
    configureApp(app);
    await app.init();
    let url = '';
    if (options.listen) {
      await app.listen(0, '127.0.0.1');
      url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    }
    const http = () => request(app.getHttpServer());
    let stopped: Promise<void> | undefined;
    const stop = () => (stopped ??= app.close());
    return {
      app,
      http,
      dataSource: app.get<DataSource>(getDataSourceToken()),
      clock,
      databaseUrl,
      url,
      login: async (email, password = DEMO_PASSWORD) => {
        const res = await http().post('/api/auth/login').send({ email, password });
        if (res.status !== 200) throw new Error(`login as ${email} failed: ${res.status}`);
        return (res.body as { accessToken: string }).accessToken;
      },
      sequenced: () => app.get(Sequencer).settle(),
      stop,
      close: async () => {
        await stop();
        await dropDatabase();
      },
    };
  } catch (error) {
    // a boot that fails (on purpose, in config tests) leaves no database behind
    await dropDatabase();
    throw error;
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}
