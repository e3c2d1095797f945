import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { Agent, request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Pool } from 'pg';
import { DataSource } from 'typeorm';
import { seedDemoWorld } from '@app/auth/demo/demo-world';
import {
  dataSourceOptions,
  runMigrations,
  startEmbeddedPostgres,
  type EmbeddedDatabase,
} from '@app/database';

export function freePort(): Promise<number> {
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

// the load's HTTP client: node:http on keep-alive sockets. The load runs on the two cores the
// api and PostgreSQL use, so what it spends is taken from them: fetch (undici) spends about
// 0.3 ms of CPU a request here, node:http about 0.08 (measured side by side against a bare
// server: 3,500 to 4,000 requests/s through fetch, 11,000 to 15,000 through node:http)
const agent = new Agent({ keepAlive: true, maxSockets: 1024 });

export interface Reply {
  status: number;
  body: Buffer;
}

export function http(
  base: string,
  method: 'GET' | 'POST',
  path: string,
  options: { token?: string; body?: unknown } = {},
): Promise<Reply> {
  const body = options.body === undefined ? undefined : JSON.stringify(options.body);
  const headers: Record<string, string | number> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (body !== undefined) {
    headers['content-type'] = 'application/json';
    headers['content-length'] = Buffer.byteLength(body);
  }
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, base), { method, agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

// one row of a results table
export interface Row {
  figure: string;
  service: string;
  floor: string;
  ratio: number;
  goal: string;
  met: boolean;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export interface Timings {
  count: number;
  perSecond: number;
  p50: number;
  p99: number;
  mean: number;
}

export function summarise(latencies: number[], seconds: number): Timings {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    count: sorted.length,
    perSecond: sorted.length / seconds,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    mean: sorted.length === 0 ? NaN : sorted.reduce((sum, x) => sum + x, 0) / sorted.length,
  };
}

// a closed loop: `concurrency` workers each run `op` back to back for `seconds`
export async function closedLoop(
  concurrency: number,
  seconds: number,
  op: (worker: number) => Promise<void>,
): Promise<Timings> {
  const latencies: number[] = [];
  const deadline = Date.now() + seconds * 1000;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      while (Date.now() < deadline) {
        const t0 = performance.now();
        await op(worker);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  return summarise(latencies, (Date.now() - started) / 1000);
}

// n sequential runs of one operation
export async function sequential(n: number, op: () => Promise<void>): Promise<Timings> {
  const latencies: number[] = [];
  const started = Date.now();
  for (let i = 0; i < n; i += 1) {
    const t0 = performance.now();
    await op();
    latencies.push(performance.now() - t0);
  }
  return summarise(latencies, (Date.now() - started) / 1000);
}

// n rounds of several operations, one after another in each round, so drift on a shared
// machine falls on all of them alike
export async function alternating(n: number, ops: (() => Promise<void>)[]): Promise<Timings[]> {
  const latencies: number[][] = ops.map(() => []);
  const started = Date.now();
  for (let i = 0; i < n; i += 1) {
    for (const [k, op] of ops.entries()) {
      const t0 = performance.now();
      await op();
      latencies[k].push(performance.now() - t0);
    }
  }
  const seconds = (Date.now() - started) / 1000 / ops.length;
  return latencies.map((l) => summarise(l, seconds));
}

// one api process on one database of the benchmark's PostgreSQL
export interface Service {
  url: string;
  pool: Pool;
  api: ChildProcess;
  base: string;
  login(email: string): Promise<string>;
  stop(): Promise<void>;
}

export interface World extends Service {
  db: EmbeddedDatabase;
  // another database on the same server, migrated and seeded, with an api of its own: two
  // states of the service measured side by side, in the same minutes (`env`: more for its api,
  // CONSOLE_DIR say)
  addService(database: string, env?: Record<string, string>): Promise<Service>;
}

// migrated and seeded, and the api built by `npm run build` running as its own process
async function startService(url: string, env: Record<string, string> = {}): Promise<Service> {
  const ds = await new DataSource(dataSourceOptions(url, 2)).initialize();
  await runMigrations(ds);
  await seedDemoWorld(ds, 'demo-password', 10);
  await ds.destroy();
  const pool = new Pool({ connectionString: url, max: 60 });
  // an idle client the server drops (it stops as the run ends) is not the run's failure
  pool.on('error', (error) => console.error(`[bench] an idle database client closed: ${error.message}`));
  const port = await freePort();
  // BENCH_PROFILE=1: the api writes a V8 CPU profile to bench/profiles/ when it stops
  const execArgv = process.env.BENCH_PROFILE
    ? ['--cpu-prof', `--cpu-prof-dir=${join(__dirname, '..', '..', 'bench', 'profiles')}`]
    : [];
  // the api runs with the flags npm start gives it (package.json config.apiNodeFlags)
  execArgv.push(...(process.env.npm_package_config_apiNodeFlags ?? '').split(' ').filter(Boolean));
  // BENCH_API_NODE_ARGS='--trace-gc' (say): more switches for the node running the api
  execArgv.push(...(process.env.BENCH_API_NODE_ARGS ?? '').split(' ').filter(Boolean));
  const api = fork(join(__dirname, '..', 'apps', 'api', 'src', 'main.js'), [], {
    execArgv,
    env: {
      ...process.env,
      DATABASE_URL: url,
      DATABASE_POOL_SIZE: '20',
      PORT: String(port),
      // BENCH_API_LOG=warn (say): the api's log on this process's stdout
      LOG_LEVEL: process.env.BENCH_API_LOG ?? 'silent',
      THROTTLE_LIMIT: '100000000',
      LOGIN_THROTTLE_LIMIT: '100000000',
      ...env,
    },
    stdio: ['ignore', process.env.BENCH_API_LOG ? 'inherit' : 'ignore', 'inherit', 'ipc'],
  });
  const base = `http://127.0.0.1:${port}`;
  let stopping: Promise<void> | undefined;
  let up = false;
  for (let i = 0; i < 300 && !up; i += 1) {
    try {
      up = (await fetch(`${base}/api/health`)).ok;
    } catch {
      // not listening yet
    }
    if (!up) await new Promise((r) => setTimeout(r, 100));
  }
  if (!up) throw new Error(`the api on ${base} did not become healthy`);
  return {
    url,
    pool,
    api,
    base,
    login: async (email) => {
      const res = await fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: 'demo-password' }),
      });
      return ((await res.json()) as { accessToken: string }).accessToken;
    },
    // once, however often asked (a figure may stop its own service before the world stops)
    stop: () =>
      (stopping ??= (async () => {
        if (api.exitCode === null) {
          api.kill('SIGTERM');
          await new Promise((r) => api.once('exit', r));
        }
        await pool.end();
      })()),
  };
}

// a real PostgreSQL of its own (embedded, in a temporary folder) and the service on it
export async function startWorld(): Promise<World> {
  const dir = await mkdtemp(join(tmpdir(), 'frontdoor-bench-'));
  const db = await startEmbeddedPostgres({
    dir,
    port: await freePort(),
    database: 'bench',
    persistent: false,
  });
  const main = await startService(db.url);
  const others: Service[] = [];
  return {
    ...main,
    db,
    addService: async (database, env) => {
      await withClient(db.adminUrl, (c) => c.query(`create database "${database}"`));
      const url = new URL(db.url);
      url.pathname = `/${database}`;
      const service = await startService(url.toString(), env);
      others.push(service);
      return service;
    },
    stop: async () => {
      for (const service of [...others, main]) await service.stop();
      await db.stop();
    },
  };
}

export async function rssOf(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb * 1024;
}

// the kernel's high-water mark of the process's resident set since it was last reset
export async function peakRssOf(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
}

// resets that mark to the current RSS (Linux >= 4.0); false where it cannot be
export async function resetPeakRss(pid: number): Promise<boolean> {
  try {
    await writeFile(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

export function contactBody(): Record<string, unknown> {
  const u = randomUUID().slice(0, 12);
  return {
    source: '2A',
    referrer: { name: 'Ms J Patel', organisation: 'Acklam Primary School' },
    child: { firstName: `Bench${u}`, lastName: 'Child', dateOfBirth: '2016-04-02' },
    concerns: 'Arrived hungry three days running and wearing the same clothes each day.',
    categories: ['NEGLECT'],
    immediateRisk: false,
    consent: { status: 'GIVEN' },
  };
}

export async function withClient<T>(url: string, fn: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
