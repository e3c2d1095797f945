import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { seedDemoWorld } from '@app/auth/demo/demo-world';
import { dataSourceOptions, runMigrations } from '@app/database';
import { LiveDispatcher } from '@app/live/live-dispatcher';
import { contactBody, hoursAgo, type Body } from './support/contacts';
import { notificationBody } from './support/notifications';
import { startKillablePostgres, type KillablePostgres } from './support/killable-postgres';
import { createTestApp, type TestApp } from './support/test-app';
import { DEMO_PASSWORD, TEST_PASSWORD_HASH_COST } from './support/test-env';

// issue 12: what held under a dying database keeps holding. Keyed partner contacts and police
// DA notifications go in, a few at a time, from clients that retry until they get a 2xx; the
// database's postmaster is killed -9 mid-run and brought back on the same folder and port.
// Afterwards nothing is lost, nothing doubled, every creation has its audit row, the chain
// verifies, and the api (its pool, its LISTEN connection) is whole again.
const CONTACTS = 200;
const NOTIFICATIONS = 100;
const CONCURRENCY = 6;
// each kill: when this share of the submissions has settled, and how long the database then
// stays down (one outage outlasts the LISTEN connection's 1 s reconnect, so it retries against
// a dead server)
const KILLS = [
  { at: 0.15, downMs: 300 },
  { at: 0.4, downMs: 2500 },
  { at: 0.65, downMs: 800 },
];
const MAX_TRIES = 40;
const ATTEMPT_TIMEOUT_MS = 10_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Job {
  kind: 'contact' | 'notification';
  // the child's first name (contacts) or the police reference (notifications): one row each
  tag: string;
  path: string;
  token: () => string;
  headers: Record<string, string>;
  body: Body;
}

interface Outcome {
  job: Job;
  status: number;
  id: string;
  replayed: boolean;
  attempts: number;
}

interface Tally {
  attempts: number;
  serverErrors: number;
  connectionErrors: number;
  timeouts: number;
  unshaped: string[];
  failures: string[];
  // "500 INTERNAL_ERROR" -> how many
  codes: Record<string, number>;
}

function newTally(): Tally {
  return {
    attempts: 0,
    serverErrors: 0,
    connectionErrors: 0,
    timeouts: 0,
    unshaped: [],
    failures: [],
    codes: {},
  };
}

function shaped(body: unknown): boolean {
  const b = body as { error?: { code?: unknown }; correlationId?: unknown } | null;
  return typeof b?.error?.code === 'string' && typeof b?.correlationId === 'string';
}

describe('faults: the database killed -9 under idempotent submissions', () => {
  let pg: KillablePostgres | undefined;
  let t: TestApp | undefined;
  let sql: Client | undefined;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    pg = await startKillablePostgres('frontdoor_fault');
    const setup = new DataSource(dataSourceOptions(pg.url, 2));
    await setup.initialize();
    try {
      await runMigrations(setup);
      await seedDemoWorld(setup, DEMO_PASSWORD, TEST_PASSWORD_HASH_COST);
    } finally {
      await setup.destroy();
    }
    // no poll: after the faults only NOTIFY on a re-made LISTEN connection can wake the dispatcher
    t = await createTestApp({ databaseUrl: pg.url, listen: true, env: { LIVE_POLL_MS: '60000' } });
    for (const email of ['school@partner.example', 'police@durham.example', 'admin@mach.example']) {
      tokens[email] = await t.login(email);
    }
  }, 45_000);

  afterAll(async () => {
    // each step runs even when one before it failed: no api, no postgres, no folder left behind
    await sql?.end().catch(() => undefined);
    await t?.stop().catch((error: unknown) => console.error('fault api did not stop', error));
    await pg?.stop().catch((error: unknown) => console.error('fault postgres did not stop', error));
  }, 20_000);

  const count = async (query: string, params: unknown[] = []) =>
    ((await sql!.query(query, params)).rows as { n: number }[])[0].n;

  // one client: the same request again (same key, same body) until a 2xx, on a 5xx, a 429,
  // a dropped connection or a timeout; any other 4xx ends it as a failure
  async function submit(job: Job, tally: Tally): Promise<Outcome | undefined> {
    for (let attempt = 1; attempt <= MAX_TRIES; attempt += 1) {
      tally.attempts += 1;
      try {
        const res = await fetch(`${t!.url}${job.path}`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${job.token()}`,
            ...job.headers,
          },
          body: JSON.stringify(job.body),
          signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS),
        });
        const text = await res.text();
        let body: unknown;
        try {
          body = JSON.parse(text);
        } catch {
          body = text;
        }
        if (res.status >= 200 && res.status < 300) {
          const replayed = res.status === 200 || res.headers.get('idempotent-replayed') === 'true';
          return { job, status: res.status, id: (body as { id: string }).id, replayed, attempts: attempt };
        }
        if (res.status >= 500) {
          tally.serverErrors += 1;
          const code = `${res.status} ${(body as { error?: { code?: string } } | null)?.error?.code ?? '?'}`;
          tally.codes[code] = (tally.codes[code] ?? 0) + 1;
          if (!shaped(body)) tally.unshaped.push(`${job.path} -> ${res.status} ${text.slice(0, 200)}`);
        } else if (res.status !== 429) {
          tally.failures.push(`${job.kind} ${job.tag}: ${res.status} ${text.slice(0, 300)}`);
          return undefined;
        }
      } catch (error) {
        if (error instanceof Error && error.name === 'TimeoutError') tally.timeouts += 1;
        else tally.connectionErrors += 1;
      }
      await sleep(Math.min(1000, 20 * 2 ** attempt) * (0.5 + Math.random() / 2));
    }
    tally.failures.push(`${job.kind} ${job.tag}: no 2xx in ${MAX_TRIES} tries`);
    return undefined;
  }

  // every job, CONCURRENCY at a time
  async function submitAll(jobs: Job[], tally: Tally, progress = { settled: 0 }): Promise<Outcome[]> {
    const outcomes: Outcome[] = [];
    let next = 0;
    const worker = async () => {
      while (next < jobs.length) {
        const outcome = await submit(jobs[next++], tally);
        if (outcome) outcomes.push(outcome);
        progress.settled += 1;
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    return outcomes;
  }

  it('should lose nothing, double nothing and come back whole when postgres is killed -9 three times mid-run', async () => {
    const started = Date.now();
    sql = new Client({ connectionString: pg!.url });
    await sql.connect();
    const [durham] = (await sql.query(`select id from agency where name = 'Durham Police'`)).rows as {
      id: string;
    }[];
    const before = {
      contacts: await count('select count(*)::int as n from contact'),
      notifications: await count('select count(*)::int as n from da_notification'),
      contactAudits: await count(
        `select count(*)::int as n from audit_entry where action = 'CONTACT_CREATED'`,
      ),
      notificationAudits: await count(
        `select count(*)::int as n from audit_entry where action = 'DA_NOTIFICATION_RECEIVED'`,
      ),
    };
    // the test's own connection does not outlive the first kill: it is made again at the end
    await sql.end();
    sql = undefined;

    const jobs: Job[] = [];
    for (let i = 0; i < CONTACTS + NOTIFICATIONS; i += 1) {
      if (i % 3 === 2 && jobs.filter((j) => j.kind === 'notification').length < NOTIFICATIONS) {
        const reference = `DUR/26/F${i}-${randomUUID().slice(0, 8)}`;
        jobs.push({
          kind: 'notification',
          tag: reference,
          path: '/api/da-notifications',
          token: () => tokens['police@durham.example'],
          headers: {},
          body: notificationBody({ policeReference: reference, incidentAt: hoursAgo(4) }),
        });
      } else {
        const body = contactBody();
        jobs.push({
          kind: 'contact',
          tag: (body.child as Body).firstName as string,
          path: '/api/contacts',
          token: () => tokens['school@partner.example'],
          headers: { 'Idempotency-Key': `fault-${randomUUID()}` },
          body,
        });
      }
    }
    expect(jobs.filter((j) => j.kind === 'contact')).toHaveLength(CONTACTS);
    expect(jobs.filter((j) => j.kind === 'notification')).toHaveLength(NOTIFICATIONS);

    const tally = newTally();
    const progress = { settled: 0 };
    const kills: { pid: number; downMs: number; settledAt: number }[] = [];
    const faults = async () => {
      for (const kill of KILLS) {
        while (progress.settled < kill.at * jobs.length) await sleep(5);
        if (progress.settled >= jobs.length) return;
        const at = Date.now();
        const settledAt = progress.settled;
        const pid = await pg!.kill();
        await sleep(kill.downMs);
        await pg!.restart();
        kills.push({ pid, downMs: Date.now() - at, settledAt });
      }
    };
    const runStarted = Date.now();
    const [, outcomes] = await Promise.all([faults(), submitAll(jobs, tally, progress)]);
    const runMs = Date.now() - runStarted;

    expect(tally.failures).toEqual([]);
    expect(tally.unshaped).toEqual([]);
    // the database away is "try again" (503 with Retry-After), never an internal error
    expect(Object.keys(tally.codes).filter((code) => code !== '503 SERVICE_UNAVAILABLE')).toEqual([]);
    expect(outcomes).toHaveLength(jobs.length);
    expect(kills).toHaveLength(KILLS.length);
    expect(new Set(kills.map((k) => k.pid)).size).toBe(KILLS.length);
    // the kills met requests in flight: some submissions needed more than one try
    const retried = outcomes.filter((o) => o.attempts > 1).length;
    expect(retried).toBeGreaterThan(0);

    // the api answers again on every pooled connection (5 in the test app), not on one of them
    for (let round = 0; round < 3; round += 1) {
      const health = await Promise.all(Array.from({ length: 10 }, () => fetch(`${t!.url}/api/health`)));
      expect(health.map((r) => r.status)).toEqual(Array(10).fill(200));
    }

    // every submission sent again after the faults (the client that never heard back): the
    // original comes back, from what survived the crashes, and nothing new is made
    const resent = newTally();
    const again = await submitAll(jobs, resent);
    const first = new Map(outcomes.map((o) => [o.job.tag, o]));
    expect(resent.failures).toEqual([]);
    expect(resent.serverErrors).toBe(0);
    expect(
      again
        .filter((o) => !o.replayed || first.get(o.job.tag)?.id !== o.id)
        .map((o) => `${o.job.kind} ${o.job.tag}: ${o.status} ${o.id}, first ${first.get(o.job.tag)?.id}`),
    ).toEqual([]);
    expect(again).toHaveLength(jobs.length);

    sql = new Client({ connectionString: pg!.url });
    await sql.connect();

    // contacts: one row per submission, the one whose id the client was given, and no other
    const contacts = outcomes.filter((o) => o.job.kind === 'contact');
    const contactRows = (
      await sql.query(
        `select child_reported->>'firstName' as tag, count(*)::int as n, min(id::text) as id
           from contact where child_reported->>'firstName' = any($1) group by 1`,
        [contacts.map((o) => o.job.tag)],
      )
    ).rows as { tag: string; n: number; id: string }[];
    const contactById = new Map(contactRows.map((r) => [r.tag, r]));
    expect(contacts.filter((o) => contactById.get(o.job.tag)?.n !== 1).map((o) => o.job.tag)).toEqual([]);
    expect(contacts.filter((o) => contactById.get(o.job.tag)?.id !== o.id).map((o) => o.job.tag)).toEqual([]);
    expect((await count('select count(*)::int as n from contact')) - before.contacts).toBe(CONTACTS);
    // and each key remembers that contact as its first response
    const keyed = (
      await sql.query(
        `select key, response_status, response_body->>'id' as id from idempotency_record where key = any($1)`,
        [contacts.map((o) => o.job.headers['Idempotency-Key'])],
      )
    ).rows as { key: string; response_status: number; id: string }[];
    const keyById = new Map(keyed.map((r) => [r.key, r]));
    expect(
      contacts
        .filter((o) => {
          const record = keyById.get(o.job.headers['Idempotency-Key']);
          return record?.response_status !== 201 || record.id !== o.id;
        })
        .map((o) => o.job.tag),
    ).toEqual([]);

    // notifications: one per police reference, the one the force was given
    const notifications = outcomes.filter((o) => o.job.kind === 'notification');
    const notificationRows = (
      await sql.query(
        `select police_reference as tag, count(*)::int as n, min(id::text) as id
           from da_notification where force_agency_id = $1 and police_reference = any($2) group by 1`,
        [durham.id, notifications.map((o) => o.job.tag)],
      )
    ).rows as { tag: string; n: number; id: string }[];
    const notificationById = new Map(notificationRows.map((r) => [r.tag, r]));
    expect(
      notifications.filter((o) => notificationById.get(o.job.tag)?.n !== 1).map((o) => o.job.tag),
    ).toEqual([]);
    expect(
      notifications.filter((o) => notificationById.get(o.job.tag)?.id !== o.id).map((o) => o.job.tag),
    ).toEqual([]);
    expect((await count('select count(*)::int as n from da_notification')) - before.notifications).toBe(
      NOTIFICATIONS,
    );

    // no creation without its audit row, and no audit row for a creation that did not stay
    const auditedOnce = async (action: string, created: Outcome[]) => {
      const { rows } = await sql!.query(
        `select count(*)::int as n from audit_entry where action = $1 and entity_id = any($2) group by entity_id`,
        [action, created.map((o) => o.id)],
      );
      return (rows as { n: number }[]).filter((r) => r.n === 1).length;
    };
    expect(await auditedOnce('CONTACT_CREATED', contacts)).toBe(CONTACTS);
    expect(await auditedOnce('DA_NOTIFICATION_RECEIVED', notifications)).toBe(NOTIFICATIONS);
    expect(
      (await count(`select count(*)::int as n from audit_entry where action = 'CONTACT_CREATED'`)) -
        before.contactAudits,
    ).toBe(CONTACTS);
    expect(
      (await count(`select count(*)::int as n from audit_entry where action = 'DA_NOTIFICATION_RECEIVED'`)) -
        before.notificationAudits,
    ).toBe(NOTIFICATIONS);

    // the hash chain holds across the crashes
    const verify = await fetch(`${t!.url}/api/audit/verify`, {
      headers: { authorization: `Bearer ${tokens['admin@mach.example']}` },
    });
    expect(verify.status).toBe(200);
    const verified = (await verify.json()) as { ok: boolean; checked: number };
    expect(verified).toMatchObject({ ok: true });
    expect(verified.checked).toBeGreaterThanOrEqual(CONTACTS + NOTIFICATIONS);

    // the LISTEN connection came back and hears NOTIFY: an event written by someone else
    // (the poll is off) reaches the dispatcher
    const dispatcher = t!.app.get(LiveDispatcher);
    const waitUntil = async (what: string, ok: () => Promise<boolean> | boolean, ms = 8000) => {
      const deadline = Date.now() + ms;
      while (!(await ok())) {
        if (Date.now() > deadline) throw new Error(`not within ${ms} ms: ${what}`);
        await sleep(50);
      }
    };
    // one LISTEN session (not two from a doubled reconnect), and it did LISTEN
    await waitUntil(
      'one front-door-listen session listening',
      async () =>
        (await count(
          `select count(*)::int as n from pg_stat_activity
            where application_name = 'front-door-listen' and datname = current_database() and query ilike 'listen %'`,
        )) === 1,
    );
    expect(
      await count(
        `select count(*)::int as n from pg_stat_activity where application_name = 'front-door-listen' and datname = current_database()`,
      ),
    ).toBe(1);
    // the escalation ticker's session lock came back with its connection
    await waitUntil(
      'the escalation ticker holding its lock again',
      async () =>
        (await count(
          `select count(*)::int as n from pg_locks l join pg_stat_activity a on a.pid = l.pid
            where l.locktype = 'advisory' and l.granted and a.application_name = 'front-door-ticker'`,
        )) === 1,
    );
    // an event written as a writer writes it: the sequencer (back too) places it, the dispatcher reads it
    const [probe] = (
      await sql.query(
        `insert into live_event (type, ref, occurred_at)
         values ('fault.probe', jsonb_build_object('entity', 'contact', 'id', gen_random_uuid()::text), now()) returning id::text`,
      )
    ).rows as { id: string }[];
    await waitUntil(
      'the sequencer to place the probe event',
      async () =>
        (await count(
          `select count(*)::int as n from live_event where id = ${Number(probe.id)} and seq is not null`,
        )) === 1,
    );
    const [{ seq: probeSeq }] = (
      await sql.query(`select seq::text from live_event where id = $1`, [probe.id])
    ).rows as { seq: string }[];
    await waitUntil('the dispatcher to read the probe event', () => dispatcher.position >= BigInt(probeSeq));

    const replays = outcomes.filter((o) => o.replayed).length;
    console.log(
      `faults: ${jobs.length} submissions (${CONTACTS} contacts, ${NOTIFICATIONS} DA notifications), ${CONCURRENCY} at a time; ` +
        `${kills.length} kills -9 (down ${kills.map((k) => k.downMs).join('/')} ms, at ${kills.map((k) => k.settledAt).join('/')} settled); ` +
        `${tally.attempts} attempts: ${retried} submissions retried (max ${Math.max(...outcomes.map((o) => o.attempts))} tries), ` +
        `${tally.serverErrors} 5xx ${JSON.stringify(tally.codes)}, ${tally.connectionErrors} connection errors, ${tally.timeouts} timeouts, ${replays} answered by a replay; ` +
        `run ${runMs} ms, test ${Date.now() - started} ms`,
    );
  }, 60_000);
});
