import { readFile } from 'node:fs/promises';
import { Client } from 'pg';
import { LockKey } from '@app/database';
import { EscalationTicker } from '@app/live/escalation-ticker';
import { startKillablePostgres, type KillablePostgres } from '../support/killable-postgres';
import { createTestApp, type TestApp } from '../support/test-app';

// issue 13 item 6: on a server that takes TLS connections only (a managed PostgreSQL), the
// connections outside the pool, the LISTEN one and the escalation ticker's, go by TLS too:
// DATABASE_SSL and DATABASE_SSL_CA apply to them as to the pool (dedicatedClient).
describe('a database that requires TLS', () => {
  let pg: KillablePostgres;
  let t: TestApp;
  let sql: Client;

  beforeAll(async () => {
    pg = await startKillablePostgres('frontdoor_tls', { tls: true });
    t = await createTestApp({
      databaseUrl: pg.url,
      env: { DATABASE_URL: pg.url, DATABASE_SSL: 'true', DATABASE_SSL_CA: pg.caFile! },
    });
    sql = new Client({
      connectionString: pg.url,
      ssl: { rejectUnauthorized: true, ca: await readFile(pg.caFile!, 'utf8') },
    });
    await sql.connect();
  }, 60_000);
  afterAll(async () => {
    await sql?.end();
    await t?.stop();
    await pg?.stop();
  });

  const byTls = async (applicationName: string) =>
    (
      await sql.query(
        `select a.pid, s.ssl from pg_stat_activity a join pg_stat_ssl s using (pid)
          where a.application_name = $1 and a.datname = current_database()`,
        [applicationName],
      )
    ).rows as { pid: number; ssl: boolean }[];

  it('should refuse a connection without TLS (the server is set up as the test says)', async () => {
    const plain = new Client({ connectionString: pg.url, ssl: false });
    await expect(plain.connect()).rejects.toThrow(/no encryption/);
    await plain.end().catch(() => undefined);
  });

  it('should LISTEN on a TLS connection', async () => {
    const deadline = Date.now() + 10_000;
    let rows = await byTls('front-door-listen');
    while (rows.length === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      rows = await byTls('front-door-listen');
    }
    expect(rows).toEqual([{ pid: expect.any(Number), ssl: true }]);
  });

  it('should take the escalation ticker lock on a TLS connection', async () => {
    const ticker = t.app.get(EscalationTicker);
    await ticker.tick();
    expect(ticker.isLeader).toBe(true);
    const [ticking] = await byTls('front-door-ticker');
    expect(ticking).toEqual({ pid: expect.any(Number), ssl: true });
    const locks = await sql.query(
      `select pid from pg_locks where locktype = 'advisory' and granted and objid = $1 and database =
         (select oid from pg_database where datname = current_database())`,
      [LockKey.ESCALATION_TICKER],
    );
    expect(locks.rows).toEqual([{ pid: ticking.pid }]);
  });
});
