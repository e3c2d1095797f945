import { fork } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { SCREENING_QUEUE_SQL } from '@app/contacts/screening-queue';
import { childSearch } from './child-search';
import { returnsFigures } from './returns';
import { consoleFirstRender, consoleRender, consoleRig } from './console';
import {
  alternating,
  closedLoop,
  http,
  sequential,
  contactBody,
  peakRssOf,
  resetPeakRss,
  rssOf,
  startWorld,
  summarise,
  type Row,
  type Service,
  type Timings,
  type World,
} from './lib';

const rows: Row[] = [];
const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');
const ms = (t: Timings) => `p50 ${fmt(t.p50)} ms, p99 ${fmt(t.p99)} ms`;
const log = (line: string) => console.log(`[bench] ${line}`);

const post = (w: World, token: string, path: string, body: unknown) =>
  http(w.base, 'POST', path, { token, body });

// the commit rate of this disk: single-row transactions, 8 clients
async function fsyncFloor(w: World): Promise<Timings> {
  await w.pool.query('create table if not exists bench_fsync (id bigserial primary key, at timestamptz)');
  return closedLoop(8, 5, async () => {
    await w.pool.query('insert into bench_fsync (at) values (now())');
  });
}

// one raw transaction of what a contact's intake writes: child, contact, rating, two audit rows
// and one event, written as the journal writes them (unchained, unsequenced: the api's sequencer
// then places these too, as it places the api's own, found by its poll: no wake tells it; the
// lag figure leaves them out: no actor, type raw.created)
async function rawIntake(w: World, agency: string, usr: string): Promise<void> {
  const client = await w.pool.connect();
  try {
    await client.query('begin');
    const child = await client.query(
      `insert into child (first_name, last_name, date_of_birth, match_key) values ($1, 'Child', '2016-04-02', $1) returning id`,
      [`Raw${Math.random()}`],
    );
    const contact = await client.query(
      `insert into contact (reference, household_id, child_id, source, received_at, recorded_at, origin_agency_id, created_by,
         referrer, child_reported, concerns, categories, immediate_risk, consent_status, suggested_rag, rag_reasons, rag,
         decision_due_at, status, prior_contacts_12m, prior_referrals_12m, updated_at)
       values ('RAW-' || gen_random_uuid(), gen_random_uuid(), $1, '2A', now(), now(), $2, $3, '{}', '{}',
         'Arrived hungry three days running.', '{NEGLECT}', false, 'GIVEN', 'AMBER', '{}', 'AMBER',
         now() + interval '1 day', 'DECIDED', 0, 0, now()) returning id`,
      [child.rows[0].id, agency, usr],
    );
    await client.query(
      `insert into contact_rag_change (contact_id, to_rag, changed_by, changed_at, decision_due_at)
       values ($1, 'AMBER', $2, now(), now())`,
      [contact.rows[0].id, usr],
    );
    await client.query(
      `with audit as (
         insert into audit_entry (occurred_at, action, entity_type, entity_id)
         select now(), a, 'contact', $1 from unnest(array['CHILD_CREATED', 'CONTACT_CREATED']) a)
       insert into live_event (type, ref, occurred_at)
       values ('raw.created', jsonb_build_object('entity', 'contact', 'id', $1::text), now())`,
      [contact.rows[0].id],
    );
    await client.query('commit');
  } finally {
    client.release();
  }
}

// figure 1 at 10 clients (the goal), and at 1 and 50 to show how each side scales; then
// figure 14: how long the rows of that load waited for their chain position and seq
async function ingest(w: World, screener: string): Promise<void> {
  const [{ agency, usr }] = (
    await w.pool.query(
      `select agency_id as agency, id as usr from app_user where email = 'screener@mach.example'`,
    )
  ).rows as { agency: string; usr: string }[];
  const apiPost = async () => {
    const res = await post(w, screener, '/api/contacts', contactBody());
    if (res.status !== 201) throw new Error(`ingest: ${res.status}`);
  };
  const [{ from }] = (await w.pool.query(`select now() as from`)).rows as { from: Date }[];
  for (const concurrency of [10, 1, 50]) {
    const api = await closedLoop(concurrency, 10, apiPost);
    const raw = await closedLoop(concurrency, 10, () => rawIntake(w, agency, usr));
    const ratio = api.perSecond / raw.perSecond;
    rows.push({
      figure:
        concurrency === 10
          ? '1 ingest (10 clients)'
          : `1${concurrency === 1 ? 'b' : 'c'} ingest (${concurrency} clients)`,
      service: `${fmt(api.perSecond)} contacts/s, ${ms(api)}`,
      floor: `${fmt(raw.perSecond)} tx/s, ${ms(raw)}`,
      ratio,
      goal: concurrency === 10 ? '>= 0.5' : 'recorded (how each side scales)',
      met: concurrency === 10 ? ratio >= 0.5 : true,
    });
    log(`ingest ${concurrency} clients: api ${fmt(api.perSecond)}/s, raw ${fmt(raw.perSecond)}/s`);
  }
  // everything written above is placed by now (or the lag shows it)
  await new Promise((r) => setTimeout(r, 1500));
  const [lag] = (
    await w.pool.query(
      `select (select percentile_cont(array[0.5, 0.99]) within group (order by extract(epoch from chained_at - occurred_at) * 1000)
                 from audit_entry where occurred_at >= $1 and actor_id is not null) as audit,
              (select count(*) from audit_entry where occurred_at >= $1 and chain_seq is null)::int as unchained,
              (select percentile_cont(array[0.5, 0.99]) within group (order by extract(epoch from sequenced_at - occurred_at) * 1000)
                 from live_event where occurred_at >= $1 and type <> 'raw.created') as live,
              (select count(*) from live_event where occurred_at >= $1 and seq is null)::int as unsequenced,
              (select count(*) from audit_entry where occurred_at >= $1 and actor_id is not null)::int as audit_rows`,
      [from],
    )
  ).rows as { audit: number[]; live: number[]; unchained: number; unsequenced: number; audit_rows: number }[];
  const worst = Math.max(lag.audit[1], lag.live[1]);
  rows.push({
    figure: '14 sequencer lag over the ingest runs (write to chain position / seq)',
    service: `audit chain p50 ${fmt(lag.audit[0])} ms, p99 ${fmt(lag.audit[1])} ms (${lag.audit_rows} rows, ${lag.unchained} left); live seq p50 ${fmt(lag.live[0])} ms, p99 ${fmt(lag.live[1])} ms (${lag.unsequenced} left)`,
    floor: 'the 1 s bound of issue 20',
    ratio: worst / 1000,
    goal: 'recorded; p99 < 1 s',
    met: worst < 1000 && lag.unchained === 0 && lag.unsequenced === 0,
  });
}

function connect(url: string, token?: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = io(url, {
      auth: token ? { token } : {},
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

async function pushLatency(w: World, screener: string): Promise<void> {
  const subscribers = 200;
  const perSecond = 50;
  const seconds = 8;
  const sockets: Socket[] = [];
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  const early = new Map<string, number[]>();
  let received = 0;
  const onEvent = (id: string) => {
    received += 1;
    const now = performance.now();
    const t = sentAt.get(id);
    if (t === undefined) (early.get(id) ?? early.set(id, []).get(id)!).push(now);
    else latencies.push(Math.max(0, now - t));
  };
  for (let i = 0; i < subscribers; i += 1) {
    const socket = await connect(`${w.base}/live`, screener);
    await socket.timeout(10000).emitWithAck('subscribe', { view: 'authorisation' });
    await socket.timeout(10000).emitWithAck('subscribe', { view: 'screening' });
    socket.on('queue.changed', (m: { item: { id: string } }) => onEvent(m.item.id));
    sockets.push(socket);
  }
  // steady producer: one contact every 1000/perSecond ms
  const pending: Promise<void>[] = [];
  for (let i = 0; i < perSecond * seconds; i += 1) {
    pending.push(
      (async () => {
        const res = await post(w, screener, '/api/contacts', contactBody());
        const body = JSON.parse(res.body.toString()) as { id: string };
        if (res.status !== 201)
          throw new Error(`push: POST /api/contacts answered ${res.status}: ${JSON.stringify(body)}`);
        const t = performance.now();
        sentAt.set(body.id, t);
        for (const arrived of early.get(body.id) ?? []) latencies.push(Math.max(0, arrived - t));
      })(),
    );
    await new Promise((r) => setTimeout(r, 1000 / perSecond));
  }
  await Promise.all(pending);
  await new Promise((r) => setTimeout(r, 2000));
  const service = summarise(latencies, seconds);
  const [lag] = (
    await w.pool.query(
      `select percentile_cont(array[0.5, 0.99]) within group (order by extract(epoch from sequenced_at - occurred_at) * 1000) as ms
         from live_event where occurred_at > now() - interval '12 seconds' and type = 'contact.created'`,
    )
  ).rows as { ms: number[] }[];
  log(
    `push: ${received} queue.changed messages received by ${subscribers} sockets for ${perSecond * seconds} contacts; ` +
      `write to seq p50 ${fmt(lag.ms[0])} ms, p99 ${fmt(lag.ms[1])} ms`,
  );
  sockets.forEach((s) => s.close());

  // the floor: a bare socket.io server in its own process broadcasting the same payloads
  const bare = fork(join(__dirname, 'bare-socket-server.js'), [], {
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolve) =>
    bare.once('message', (m: { port: number }) => resolve(m.port)),
  );
  const floorLatencies: number[] = [];
  const ackedAt = new Map<string, number>();
  const arrivedEarly = new Map<string, number[]>();
  const bareSockets: Socket[] = [];
  for (let i = 0; i < subscribers; i += 1) {
    const socket = await connect(`http://127.0.0.1:${port}`);
    // a broadcast can reach clients before its ack reaches the publisher: those count as 0
    socket.on('queue.changed', (m: { item: { id: string } }) => {
      const now = performance.now();
      const t = ackedAt.get(m.item.id);
      if (t === undefined)
        (arrivedEarly.get(m.item.id) ?? arrivedEarly.set(m.item.id, []).get(m.item.id)!).push(now);
      else floorLatencies.push(Math.max(0, now - t));
    });
    bareSockets.push(socket);
  }
  const control = await connect(`http://127.0.0.1:${port}`);
  for (let i = 0; i < perSecond * seconds; i += 1) {
    const id = `e${i}`;
    const payload = { view: 'screening', seq: String(i), op: 'upsert', item: { id, ...contactBody() } };
    // the floor's clock starts as the publisher sends: the round trip through a bare server
    const t = performance.now();
    ackedAt.set(id, t);
    for (const arrived of arrivedEarly.get(id) ?? []) floorLatencies.push(Math.max(0, arrived - t));
    await control.timeout(5000).emitWithAck('publish', payload);
    await new Promise((r) => setTimeout(r, 1000 / perSecond));
  }
  await new Promise((r) => setTimeout(r, 1000));
  [...bareSockets, control].forEach((s) => s.close());
  bare.kill('SIGTERM');
  const floor = summarise(floorLatencies, seconds);
  const ratio = service.p99 / Math.max(floor.p99, 0.001);
  rows.push({
    figure: `2 push to ${subscribers} sockets at ${perSecond}/s`,
    service: `${ms(service)} (${service.count} deliveries)`,
    floor: `${ms(floor)} (${floor.count} deliveries)`,
    ratio,
    goal: 'p99 ratio <= 2',
    met: ratio <= 2,
  });
}

async function claims(w: World): Promise<void> {
  const racers = 50;
  const targets = 1000;
  await ensureOpen(w, targets);
  const ids = (
    await w.pool.query(
      `select id from contact where status in ('RECEIVED', 'IN_SCREENING') order by received_at desc limit $1`,
      [targets],
    )
  ).rows.map((r: { id: string }) => r.id);
  await w.pool.query(
    `update contact set claimed_by = null, claimed_at = null, status = 'RECEIVED' where id = any($1)`,
    [ids],
  );
  const users = (
    await w.pool.query(
      `insert into app_user (agency_id, email, name, role, password_hash)
       select agency_id, 'racer' || g || '@bench.example', 'Racer ' || g, 'SCREENER', password_hash
         from app_user, generate_series(1, $1::int) g where email = 'screener@mach.example'
       on conflict (email) do update set name = excluded.name returning id, email`,
      [racers],
    )
  ).rows as { id: string; email: string }[];
  const tokens = await Promise.all(users.map((u) => w.login(u.email)));
  const wins = new Map<string, number>();
  let next = 0;
  let attempts = 0;
  const started = performance.now();
  await Promise.all(
    tokens.map(async (token) => {
      // each screener walks the list from a different place, so they collide
      let i = next++ * Math.floor(targets / racers);
      for (let n = 0; n < targets; n += 1, i = (i + 1) % targets) {
        attempts += 1;
        const res = await post(w, token, `/api/contacts/${ids[i]}/claim`, {});
        if (res.status === 200) wins.set(ids[i], (wins.get(ids[i]) ?? 0) + 1);
        if (wins.size === targets) return;
      }
    }),
  );
  const serviceSeconds = (performance.now() - started) / 1000;
  const doubles = [...wins.values()].filter((n) => n > 1).length;

  await w.pool.query(
    `update contact set claimed_by = null, claimed_at = null, status = 'RECEIVED' where id = any($1)`,
    [ids],
  );
  const rawWins = new Map<string, number>();
  const rawStarted = performance.now();
  let rawNext = 0;
  await Promise.all(
    users.map(async (u) => {
      let i = rawNext++ * Math.floor(targets / racers);
      for (let n = 0; n < targets; n += 1, i = (i + 1) % targets) {
        const r = await w.pool.query(
          `update contact set claimed_by = $2, claimed_at = now(), status = 'IN_SCREENING'
            where id = $1 and status in ('RECEIVED', 'IN_SCREENING') and claimed_by is null`,
          [ids[i], u.id],
        );
        if (r.rowCount === 1) rawWins.set(ids[i], (rawWins.get(ids[i]) ?? 0) + 1);
        if (rawWins.size === targets) return;
      }
    }),
  );
  const rawSeconds = (performance.now() - rawStarted) / 1000;
  const service = targets / serviceSeconds;
  const floor = targets / rawSeconds;

  // the ceiling of any HTTP service on this machine: as many requests as the screeners made,
  // from the same client and as many connections, to a bare node:http server in its own process
  const bare = fork(join(__dirname, 'bare-http-server.js'), [], {
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolve) =>
    bare.once('message', (m: { port: number }) => resolve(m.port)),
  );
  let bareLeft = attempts;
  const bareStarted = performance.now();
  await Promise.all(
    tokens.map(async (token) => {
      while (bareLeft-- > 0)
        await post({ ...w, base: `http://127.0.0.1:${port}` }, token, `/api/contacts/${ids[0]}/claim`, {});
    }),
  );
  const ceiling = targets / ((performance.now() - bareStarted) / 1000);
  bare.kill('SIGTERM');
  rows.push({
    figure: `4 claims (${racers} screeners, ${targets} contacts)`,
    service: `${fmt(service)} claims/s, ${doubles} double claims, ${wins.size} won`,
    floor: `${fmt(floor)} claims/s`,
    ratio: service / floor,
    goal: 'zero double claims; ratio >= 0.5',
    met: doubles === 0 && wins.size === targets && service / floor >= 0.5,
  });
  rows.push({
    figure: `4b claims' HTTP ceiling (the ${attempts} requests of figure 4 to a bare node:http server)`,
    service: `${fmt(ceiling)} claims/s at most through HTTP alone: ${fmt(ceiling / floor, 2)} of the raw floor`,
    floor: `${fmt(floor)} claims/s`,
    ratio: ceiling / floor,
    goal: 'recorded (no service can pass it)',
    met: true,
  });
}

// issue 14 item 3: what checking every request against its server-side session costs. The same
// refused request, alternating: with a police token (JWT verified, session looked up, role
// refused: 403) and with no token at all (401 before any check); neither touches the database
// once the session is cached (the one ACCESS_DENIED row a minute is noise). And what a cache
// miss costs: the one statement that checks and touches a session, run raw
async function sessionCheck(w: World): Promise<void> {
  const police = await w.login('police@cleveland.example');
  const refused = (token: string | undefined, status: number) => async () => {
    const res = await http(w.base, 'GET', '/api/metrics', { token });
    if (res.status !== status) throw new Error(`session check: ${res.status}, not ${status}`);
  };
  const rounds = 4000;
  const [checked, unchecked] = await alternating(rounds, [refused(police, 403), refused(undefined, 401)]);
  const perRequestUs = (checked.mean - unchecked.mean) * 1000;
  const claims = JSON.parse(Buffer.from(police.split('.')[1], 'base64url').toString()) as { sid: string };
  const miss = await sequential(2000, async () => {
    await w.pool.query(
      `update auth_session s set last_seen_at = now() from app_user u
        where s.id = $1 and s.ended_at is null and s.expires_at > now()
          and s.last_seen_at > now() - interval '30 minutes' and u.id = s.user_id and u.active
        returning s.id, u.role, u.agency_id`,
      [claims.sid],
    );
  });
  // time a request takes without the check over the time it takes with it
  const ratio = unchecked.mean / checked.mean;
  log(`session check: ${fmt(perRequestUs, 0)} µs a request from the cache; a miss costs ${ms(miss)}`);
  rows.push({
    figure: `8 session check (${rounds} requests each, alternating)`,
    service: `mean ${fmt(checked.mean, 2)} ms, ${ms(checked)}: +${fmt(perRequestUs, 0)} µs a request; a cache miss (once per session per 30 s per instance): ${ms(miss)}`,
    floor: `mean ${fmt(unchecked.mean, 2)} ms, ${ms(unchecked)} (no token: refused before any check)`,
    ratio,
    goal: '>= 0.8',
    met: ratio >= 0.8,
  });
}

async function memory(w: World, manager: string): Promise<void> {
  const before = await rssOf(w.api.pid!);
  const sockets: Socket[] = [];
  for (let i = 0; i < 1000; i += 1) {
    const socket = await connect(`${w.base}/live`, manager);
    await socket.timeout(10000).emitWithAck('subscribe', { view: 'authorisation' });
    sockets.push(socket);
  }
  await new Promise((r) => setTimeout(r, 1000));
  const after = await rssOf(w.api.pid!);
  sockets.forEach((s) => s.close());
  rows.push({
    figure: '6 api RSS with 1,000 sockets',
    service: `${fmt(after / 2 ** 20)} MiB (${fmt((after - before) / 1000 / 1024)} KiB per socket)`,
    floor: `${fmt(before / 2 ** 20)} MiB with none`,
    ratio: after / before,
    goal: 'recorded',
    met: true,
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Health {
  checks: number;
  unhealthy: number;
  errors: number;
  slowestMs: number;
}

// while it runs: the api's RSS every 25 ms (its peak), and its health from a process of its own
function watchApi(s: Service, maxSeconds: number) {
  let stopped = false;
  let peak = 0;
  const deadline = Date.now() + maxSeconds * 1000;
  const sampling = (async () => {
    while (!stopped && Date.now() < deadline) {
      peak = Math.max(peak, await rssOf(s.api.pid!));
      await sleep(25);
    }
  })();
  const poller = fork(join(__dirname, 'health-poller.js'), [s.base, String(maxSeconds)], {
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const health = new Promise<Health>((resolve) => poller.once('message', (m: Health) => resolve(m)));
  return {
    peak: () => peak,
    stop: async (): Promise<Health> => {
      stopped = true;
      poller.send('stop');
      await sampling;
      const result = await health;
      poller.kill();
      return result;
    },
  };
}

interface StormResult {
  bytes: number;
  idle: number;
  connected: number;
  peak: number;
  after: number;
  settling: string[];
  seconds: number;
  wrong: number;
  seqs: number;
  health: Health;
}

// `clients` sockets subscribe at once to a screening view of `open` items on an api of its own:
// its RSS idle, at its peak and `settleSeconds` after they leave; its health throughout
async function storm(
  w: World,
  database: string,
  open: number,
  clients: number,
  settleSeconds: number,
): Promise<StormResult> {
  const s = await w.addService(database);
  await shapeHistory(s, open, 0);
  const tokens = [await s.login('screener@mach.example'), await s.login('manager@mach.example')];
  // warm (plans, JIT, the first of everything): one read and one subscription
  const res = await fetch(`${s.base}/api/queues/screening`, {
    headers: { authorization: `Bearer ${tokens[1]}` },
  });
  const bytes = (await res.arrayBuffer()).byteLength;
  const warm = await connect(`${s.base}/live`, tokens[0]);
  await warm.timeout(10000).emitWithAck('subscribe', { view: 'screening' });
  warm.close();
  await sleep(3000);
  const idle = await rssOf(s.api.pid!);

  const sockets: Socket[] = [];
  for (let i = 0; i < clients; i += 50) {
    const batch = Array.from({ length: Math.min(50, clients - i) }, (_, k) =>
      connect(`${s.base}/live`, tokens[(i + k) % 2]),
    );
    sockets.push(...(await Promise.all(batch)));
  }
  const connected = await rssOf(s.api.pid!);
  const hwm = await resetPeakRss(s.api.pid!);
  const watch = watchApi(s, 180 + settleSeconds);
  await sleep(500);
  const started = performance.now();
  let wrong = 0;
  const seqs = new Set<unknown>();
  await Promise.all(
    sockets.map(async (socket) => {
      try {
        const ack = (await socket.timeout(120_000).emitWithAck('subscribe', { view: 'screening' })) as {
          seq?: unknown;
          items?: unknown[];
        };
        seqs.add(ack.seq);
        if (ack.items?.length !== open) wrong += 1;
      } catch {
        wrong += 1;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  await sleep(2000);
  const peak = Math.max(watch.peak(), hwm ? await peakRssOf(s.api.pid!) : 0);
  sockets.forEach((socket) => socket.close());
  // RSS every 5 s as they leave, to tell memory given back from memory kept
  const settling: string[] = [];
  for (let t = 0; t < settleSeconds; t += 5) {
    settling.push(fmt((await rssOf(s.api.pid!)) / 2 ** 20, 0));
    await sleep(Math.min(5, settleSeconds - t) * 1000);
  }
  const after = await rssOf(s.api.pid!);
  const health = await watch.stop();
  await s.stop();
  return { bytes, idle, connected, peak, after, settling, seconds, wrong, seqs: seqs.size, health };
}

// a morning shift reconnecting after a deploy: 500 sockets subscribe at once to a long screening
// view. The floor: the same clients on a 10-item view (what 500 connections cost by themselves)
async function snapshotStorm(w: World): Promise<void> {
  const clients = Number(process.env.BENCH_STORM_CLIENTS ?? 500);
  const open = Number(process.env.BENCH_STORM_OPEN ?? 2289);
  // BENCH_STORM_SETTLE_S=10 for a quick run
  const settleSeconds = Number(process.env.BENCH_STORM_SETTLE_S ?? 60);
  const mib = (n: number) => `${fmt(n / 2 ** 20)} MiB`;
  const delta = (n: number) => `${n >= 0 ? '+' : ''}${fmt(n / 2 ** 20, 0)}`;
  const describe = (r: StormResult, items: number) => {
    const failed = r.health.unhealthy + r.health.errors;
    log(
      `storm: ${clients} acks of ${items} items (${fmt(r.bytes / 1024, 0)} kB each) in ${fmt(r.seconds, 2)} s, ${r.wrong} wrong, ${r.seqs} seq(s); ` +
        `RSS idle ${mib(r.idle)}, ${clients} connected ${mib(r.connected)}, peak ${mib(r.peak)}, ${settleSeconds} s after ${mib(r.after)} ` +
        `(every 5 s after they left: ${r.settling.join(', ')}); health: ${r.health.checks} checks, ${r.health.unhealthy} answered 503, ` +
        `${r.health.errors} no answer in 5 s, slowest ${fmt(r.health.slowestMs, 0)} ms`,
    );
    return (
      `idle ${mib(r.idle)}, peak ${delta(r.peak - r.idle)}, ${settleSeconds} s after ${delta(r.after - r.idle)}; ` +
      `${failed}/${r.health.checks} health checks failed; acks in ${fmt(r.seconds, 1)} s`
    );
  };
  const floor = await storm(w, 'bench_storm_floor', 10, clients, settleSeconds);
  const floorText = describe(floor, 10);
  const long = await storm(w, 'bench_storm', open, clients, settleSeconds);
  const longText = describe(long, open);
  const failed = long.health.unhealthy + long.health.errors;
  rows.push({
    figure: `7 snapshot storm: ${clients} sockets subscribe at once to ${open} items`,
    service: `${longText}, ${long.wrong} wrong`,
    floor: `same on 10 items: ${floorText}`,
    ratio: (long.peak - long.idle) / 2 ** 20 / 300,
    goal: 'peak <= idle + 300 MiB (ratio <= 1), after <= idle + 50 MiB, 0 failed checks',
    met:
      long.peak - long.idle <= 300 * 2 ** 20 &&
      Math.abs(long.after - long.idle) <= 50 * 2 ** 20 &&
      failed === 0 &&
      long.wrong === 0,
  });
}

// a child to hang bulk-made contacts on (the ingest makes many; a partial run may make none)
async function someChild(w: Service): Promise<void> {
  await w.pool.query(
    `insert into child (first_name, last_name, date_of_birth, match_key)
     select 'History', 'Child', '2015-01-01', 'history|child|2015-01-01' where not exists (select 1 from child)`,
  );
}

// at least `count` open contacts (more, cheaply, by SQL when the ingest made fewer)
async function ensureOpen(w: Service, count: number): Promise<void> {
  await someChild(w);
  const [{ n, child, agency, usr }] = (
    await w.pool.query(
      `select (select count(*)::int from contact where status in ('RECEIVED', 'IN_SCREENING')) as n,
              (select id from child limit 1) as child, agency_id as agency, id as usr
         from app_user where email = 'screener@mach.example'`,
    )
  ).rows as { n: number; child: string; agency: string; usr: string }[];
  if (n >= count) return;
  await w.pool.query(
    `insert into contact (reference, household_id, child_id, source, received_at, recorded_at, origin_agency_id, created_by,
       referrer, child_reported, concerns, categories, immediate_risk, consent_status, suggested_rag, rag_reasons, rag,
       decision_due_at, status, prior_contacts_12m, prior_referrals_12m, updated_at)
     select 'OPEN-' || g, gen_random_uuid(), $1, '2A', now(), now(), $2, $3, '{}', '{}', 'an open contact to claim',
            '{NEGLECT}', false, 'GIVEN', 'AMBER', '{}', 'AMBER', now() + interval '1 day', 'RECEIVED', 0, 0, now()
       from generate_series(1, $4::int) g`,
    [child, agency, usr, count - n],
  );
}

// open contacts to exactly `open`; closed history to exactly `closed`
async function shapeHistory(w: Service, open: number, closed: number): Promise<void> {
  await ensureOpen(w, open);
  await w.pool.query(
    `update contact set status = 'DECIDED', next_transition_at = null
      where id in (select id from contact where status in ('RECEIVED', 'IN_SCREENING') offset $1)`,
    [open],
  );
  const [{ n }] = (await w.pool.query(`select count(*)::int as n from contact where status = 'DECIDED'`))
    .rows as { n: number }[];
  if (n >= closed) return;
  const [{ child, agency, usr }] = (
    await w.pool.query(
      `select (select id from child limit 1) as child, agency_id as agency, id as usr from app_user where email = 'screener@mach.example'`,
    )
  ).rows as { child: string; agency: string; usr: string }[];
  for (let done = n; done < closed; done += 200_000) {
    await w.pool.query(
      `insert into contact (reference, household_id, child_id, source, received_at, recorded_at, origin_agency_id, created_by,
         referrer, child_reported, concerns, categories, immediate_risk, consent_status, suggested_rag, rag_reasons, rag,
         decision_due_at, status, prior_contacts_12m, prior_referrals_12m, updated_at)
       select 'HIST-' || $4 || '-' || g, gen_random_uuid(), $1, '8', now() - interval '2 years', now(), $2, $3, '{}', '{}',
              'a closed historical contact', '{OTHER}', false, 'GIVEN', 'GREEN', '{}', 'GREEN', now(), 'DECIDED', 0, 0, now()
         from generate_series(1, $5::int) g`,
      [child, agency, usr, done, Math.min(200_000, closed - done)],
    );
  }
  // settle the new rows now (visibility map, statistics, dirty pages), not while timing
  await w.pool.query('vacuum (analyze) contact');
  await w.pool.query('checkpoint');
}

// queue and metrics reads on two fresh databases at once, alike but for their history:
// `large` (2,000 open + 1M closed) and `small` (2,000 open + 10k closed), each with a fresh
// api, taken in turn with the raw SQL on large
async function readFigures(w: World): Promise<void> {
  const small = await w.addService('bench_10k');
  const large = await w.addService('bench_1m');
  await shapeHistory(small, 2000, 10_000);
  await shapeHistory(large, 2000, 1_000_000);
  const [largeManager, smallManager] = [
    await large.login('manager@mach.example'),
    await small.login('manager@mach.example'),
  ];
  const get = (s: Service, token: string, path: string) => async () => {
    const res = await http(s.base, 'GET', path, { token });
    if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
  };
  const largeQueue = get(large, largeManager, '/api/queues/screening');
  const smallQueue = get(small, smallManager, '/api/queues/screening');
  const rawQueue = async () => {
    await large.pool.query(SCREENING_QUEUE_SQL);
  };
  const largeMetrics = get(large, largeManager, '/api/metrics');
  const smallMetrics = get(small, smallManager, '/api/metrics');
  // warm every path (plans, caches, JIT) before timing
  for (let i = 0; i < 5; i += 1)
    for (const op of [largeQueue, smallQueue, rawQueue, largeMetrics, smallMetrics]) await op();
  const [queue, raw, queueSmall] = await alternating(80, [largeQueue, rawQueue, smallQueue]);
  const [metrics, metricsSmall] = await alternating(60, [largeMetrics, smallMetrics]);
  log(
    `queue 1M ${ms(queue)}, raw ${ms(raw)}, queue 10k ${ms(queueSmall)}; metrics 1M ${ms(metrics)}, 10k ${ms(metricsSmall)}`,
  );

  const queueRatio = queue.p50 / raw.p50;
  rows.push({
    figure: '3 queue read, 2,000 open + 1M closed',
    service: ms(queue),
    floor: `same SQL raw: ${ms(raw)}`,
    ratio: queueRatio,
    goal: 'p50 ratio <= 1.5',
    met: queueRatio <= 1.5,
  });
  const growth = queue.p50 / queueSmall.p50;
  rows.push({
    figure: '3b queue read, 1M vs 10k closed',
    service: `1M: ${ms(queue)}`,
    floor: `10k: ${ms(queueSmall)}`,
    ratio: growth,
    goal: '<= 1.3',
    met: growth <= 1.3,
  });
  const metricsGrowth = metrics.p50 / metricsSmall.p50;
  rows.push({
    figure: '5 GET /api/metrics, 1M vs 10k historical contacts',
    service: `1M: ${ms(metrics)}`,
    floor: `10k: ${ms(metricsSmall)}`,
    ratio: metricsGrowth,
    goal: '<= 1.5',
    met: metricsGrowth <= 1.5,
  });

  // figure 12 (issue 17): a page of the contacts list, the newest 50 and the newest 50 decided
  // (on ix_contact_received and ix_contact_status_received), at 1M vs 10k closed
  const pages = [
    get(large, largeManager, '/api/contacts?limit=50'),
    get(small, smallManager, '/api/contacts?limit=50'),
    get(large, largeManager, '/api/contacts?status=DECIDED&limit=50'),
    get(small, smallManager, '/api/contacts?status=DECIDED&limit=50'),
  ];
  for (let i = 0; i < 5; i += 1) for (const op of pages) await op();
  const [list, listSmall, decided, decidedSmall] = await alternating(60, pages);
  log(`list 1M ${ms(list)}, 10k ${ms(listSmall)}; decided 1M ${ms(decided)}, 10k ${ms(decidedSmall)}`);
  const listGrowth = Math.max(list.p50 / listSmall.p50, decided.p50 / decidedSmall.p50);
  rows.push({
    figure: '12 GET /api/contacts, a page of 50 (newest; newest decided), 1M vs 10k closed',
    service: `1M: ${ms(list)}; decided ${ms(decided)}`,
    floor: `10k: ${ms(listSmall)}; decided ${ms(decidedSmall)}`,
    ratio: listGrowth,
    goal: '<= 1.3 (the larger of the two)',
    met: listGrowth <= 1.3,
  });
}

// BENCH_ONLY=ingest,claims,sessions,push,reads,memory,storm,child-search,returns,console-render,console-first-render
// runs a subset (for profiling) and writes no results file
const only = new Set((process.env.BENCH_ONLY ?? '').split(',').filter(Boolean));
const want = (figure: string) => only.size === 0 || only.has(figure);

async function main(): Promise<void> {
  const started = Date.now();
  const w = await startWorld();
  try {
    const [screener, manager] = [
      await w.login('screener@mach.example'),
      await w.login('manager@mach.example'),
    ];
    // memory first, on a freshly booted api, before load grows its heap
    if (want('memory')) await memory(w, manager);
    const fsync = await fsyncFloor(w);
    log(`fsync floor: ${fmt(fsync.perSecond)} commits/s`);
    if (want('ingest')) await ingest(w, screener);
    if (want('claims')) await claims(w);
    if (want('sessions')) await sessionCheck(w);
    if (want('push')) await pushLatency(w, screener);
    if (want('reads')) await readFigures(w);
    if (want('storm')) await snapshotStorm(w);
    if (want('child-search')) rows.push(...(await childSearch(w, log)));
    if (want('returns')) rows.push(...(await returnsFigures(w, log)));
    // the console in a browser (figures 9 and 10), on an api and a database of their own
    if (want('console-render') || want('console-first-render')) {
      const rig = await consoleRig(w);
      try {
        if (want('console-render')) rows.push(await consoleRender(rig));
        if (want('console-first-render'))
          rows.push(...(await consoleFirstRender(rig, (s, open) => shapeHistory(s, open, 0))));
      } finally {
        await rig.stop();
      }
    }
    log(`done in ${fmt((Date.now() - started) / 1000, 0)} s`);

    const date = new Date().toISOString().slice(0, 10);
    const table = [
      '| figure | service | floor (same run) | ratio | goal | met |',
      '|---|---|---|---|---|---|',
      ...rows
        .sort((a, b) => a.figure.localeCompare(b.figure, 'en', { numeric: true }))
        .map(
          (r) =>
            `| ${r.figure} | ${r.service} | ${r.floor} | ${fmt(r.ratio, 2)} | ${r.goal} | ${r.met ? 'yes' : 'NO'} |`,
        ),
    ].join('\n');
    const report = [
      `# Benchmarks ${date}`,
      '',
      `Machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), ${fmt(totalmem() / 2 ** 30)} GiB, Node ${process.version}.`,
      `Disk commit floor (single-row transactions, 8 clients): ${fmt(fsync.perSecond)} commits/s, ${ms(fsync)}.`,
      `Run time: ${fmt((Date.now() - started) / 1000, 0)} s. The api runs as its own process on the same machine as the load.`,
      '',
      table,
      '',
    ].join('\n');
    if (only.size === 0) {
      // a results file's hand-written notes (from its "## Notes" heading on) survive a re-run
      const file = join(__dirname, '..', '..', 'bench', 'results', `${date}.md`);
      const previous = await readFile(file, 'utf8').catch(() => '');
      const notes = previous.indexOf('\n## Notes');
      await writeFile(file, notes >= 0 ? `${report}${previous.slice(notes)}` : report);
    }
    console.log(`\n${table}\n`);
  } finally {
    await w.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
