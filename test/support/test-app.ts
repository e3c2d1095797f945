import { randomBytes } from 'node:crypto';
import type { Type } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { getDataSourceToken } from '@nestjs/typeorm';
import { Client } from 'pg';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { Clock, SettableClock, SystemClock } from '@app/core';
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
  login(email: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  env?: Record<string, string>;
  clock?: SettableClock;
  controllers?: Type<unknown>[];
  // a blank database the app migrates itself, instead of a clone of the seeded template
  fresh?: boolean;
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
  const name = `t_${process.pid}_${randomBytes(4).toString('hex')}`;
  const source = options.fresh ? 'template0' : template;
  await withAdmin((c) => c.query(`create database "${name}" template "${source}"`));
  const databaseUrl = adminUrl.replace(/\/postgres$/, `/${name}`);

  const env: Record<string, string> = {
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    THROTTLE_LIMIT: '1000000',
    LOGIN_THROTTLE_LIMIT: '1000000',
    DATABASE_POOL_SIZE: '5',
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
      .compile();
    const app = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false, bufferLogs: true });
    configureApp(app, { trustProxy: false });
    await app.init();
    const http = () => request(app.getHttpServer());
    return {
      app,
      http,
      dataSource: app.get<DataSource>(getDataSourceToken()),
      clock,
      databaseUrl,
      login: async (email, password = DEMO_PASSWORD) => {
        const res = await http().post('/api/auth/login').send({ email, password });
        if (res.status !== 200) throw new Error(`login as ${email} failed: ${res.status}`);
        return (res.body as { accessToken: string }).accessToken;
      },
      close: async () => {
        await app.close();
        await withAdmin((c) => c.query(`drop database if exists "${name}" with (force)`));
      },
    };
  } catch (error) {
    // a boot that fails (on purpose, in config tests) leaves no database behind
    await withAdmin((c) => c.query(`drop database if exists "${name}" with (force)`));
    throw error;
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}
