import { LockKey } from '@app/database';
import type { Socket } from 'socket.io-client';
import { SettableClock } from '@app/core';
import { EscalationTicker } from '@app/live/escalation-ticker';
import { LIVE_CHANNEL } from '@app/live/live-dispatcher';
import { createTestApp, type TestApp } from '../support/test-app';
import { contactBody, type Body } from '../support/contacts';
import { connectLive, record, subscribe, waitFor, type QueueChanged } from '../support/live-client';

describe('live queues over socket.io (API.md "Live")', () => {
  let t: TestApp;
  let screener: string;
  let screener2: string;
  let manager: string;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    t = await createTestApp({ listen: true });
    [screener, screener2, manager] = await Promise.all([
      t.login('screener@mach.example'),
      t.login('screener2@mach.example'),
      t.login('manager@mach.example'),
    ]);
  });
  afterEach(() => {
    sockets.splice(0).forEach((s) => s.close());
  });
  afterAll(() => t.close());

  const live = async (token?: string) => {
    const socket = await connectLive(t.url, token);
    sockets.push(socket);
    return socket;
  };
  const create = async (body: Body = {}) =>
    (
      await t
        .http()
        .post('/api/contacts')
        .set('authorization', `Bearer ${screener}`)
        .send(contactBody(body))
        .expect(201)
    ).body as { id: string };

  it('should refuse a connection without a token, or with a bad one, as UNAUTHENTICATED', async () => {
    await expect(connectLive(t.url)).rejects.toThrow('UNAUTHENTICATED');
    await expect(connectLive(t.url, 'not.a.token')).rejects.toThrow('UNAUTHENTICATED');
  });

  it('should refuse police and partners the screening view, and screeners the metrics view', async () => {
    for (const email of ['police@cleveland.example', 'school@partner.example']) {
      const socket = await live(await t.login(email));
      expect(await subscribe(socket, 'screening')).toEqual({ error: { code: 'FORBIDDEN' } });
    }
    expect(await subscribe(await live(screener), 'metrics')).toEqual({ error: { code: 'FORBIDDEN' } });
  });

  it('should answer a subscription with a snapshot consistent with its seq', async () => {
    const existing = await create();
    await t.sequenced();
    const ack = await subscribe(await live(screener), 'screening');
    const [{ seq }] = await t.dataSource.query('select max(seq)::text as seq from live_event');
    expect(ack.seq).toBe(Number(seq));
    expect((ack.items as { id: string }[]).some((i) => i.id === existing.id)).toBe(true);
  });

  it('should push a contact created over HTTP to a subscriber within 1 second', async () => {
    const socket = await live(screener);
    await subscribe(socket, 'screening');
    const seen = record(socket);
    const started = Date.now();
    const created = await create();
    const message = await waitFor(seen, (m) => m.item.id === created.id, 1000);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(message).toMatchObject({
      view: 'screening',
      op: 'upsert',
      item: { id: created.id, rag: 'GREEN', timeliness: 'ON_TRACK' },
    });
  });

  it('should tell no queue of a new contact that is not on it (no remove of an item no one has)', async () => {
    const authorisation = await live(manager);
    await subscribe(authorisation, 'authorisation');
    const heard = record(authorisation);
    const screening = await live(manager);
    await subscribe(screening, 'screening');
    const seen = record(screening);
    const created = await create();
    await waitFor(seen, (m) => m.item.id === created.id, 2000);
    await t.sequenced();
    expect(heard.filter((m) => m.item.id === created.id)).toEqual([]);
  });

  it('should pass over a malformed event and go on delivering the ones after it', async () => {
    const socket = await live(screener);
    await subscribe(socket, 'screening');
    const seen = record(socket);
    // not the Outbox's shape: a dispatcher that threw on it would stall every queue (sequenced
    // here as the sequencer would: under its lock, the next seq)
    await t.dataSource.transaction(async (m) => {
      await m.query('select pg_advisory_xact_lock($1)', [LockKey.LIVE_SEQUENCE]);
      await m.query(
        `insert into live_event (seq, type, payload, occurred_at, sequenced_at)
         select coalesce(max(seq), 0) + 1, 'bad', '{"changes": 7}', now(), now() from live_event`,
      );
      await m.query(`notify frontdoor_live`);
    });
    await new Promise((r) => setTimeout(r, 300));
    const created = await create();
    const message = await waitFor(seen, (m) => m.item.id === created.id, 2000);
    expect(message).toMatchObject({ view: 'screening', op: 'upsert' });
  });

  it('should show a claim as claimedBy on every other subscriber', async () => {
    const created = await create();
    const others = await Promise.all([live(screener2), live(manager)]);
    const seen = others.map(record);
    await Promise.all(others.map((s) => subscribe(s, 'screening')));
    await t
      .http()
      .post(`/api/contacts/${created.id}/claim`)
      .set('authorization', `Bearer ${screener}`)
      .send({})
      .expect(200);
    for (const messages of seen) {
      const message = await waitFor(messages, (m) => m.item.id === created.id && !!m.item.claimedBy, 2000);
      expect(message.item.claimedBy?.name).toBe('Sam Screener');
    }
  });

  it('should deliver events in strictly increasing seq order', async () => {
    const socket = await live(manager);
    await subscribe(socket, 'screening');
    const seen = record(socket);
    const ids: string[] = [];
    for (let i = 0; i < 6; i += 1) ids.push((await create()).id);
    await waitFor(seen, (m) => m.item.id === ids[5], 2000);
    const seqs = seen.map((m) => m.seq);
    seqs.slice(1).forEach((s, i) => expect(s).toBeGreaterThan(seqs[i]));
  });

  it('should send exactly the 5 missed changes to a client that reconnects with sinceSeq', async () => {
    const first = await live(screener2);
    const ack = await subscribe(first, 'screening');
    const seen = record(first);
    const before = await create();
    const lastSeen = await waitFor(seen, (m) => m.item.id === before.id, 2000);
    first.close();

    const missed: string[] = [];
    for (let i = 0; i < 5; i += 1) missed.push((await create()).id);
    await t.sequenced();

    const again = await live(screener2);
    const replay = (await subscribe(again, 'screening', lastSeen.seq)) as {
      seq: number;
      events: QueueChanged[];
    };
    expect(ack.seq).toBeDefined();
    expect(replay.events.map((e) => e.item.id)).toEqual(missed);
    expect(replay.events.every((e) => e.op === 'upsert' && e.view === 'screening')).toBe(true);
    expect(replay.seq).toBe(replay.events[4].seq);

    // and from there on, live again
    const next = record(again);
    const after = await create();
    await waitFor(next, (m) => m.item.id === after.id, 2000);
  });

  it('should answer with a snapshot when sinceSeq is older than what is kept', async () => {
    await t.dataSource.query(`delete from live_event where seq <= (select min(seq) + 1 from live_event)`);
    const ack = await subscribe(await live(screener), 'screening', '0');
    expect(ack.items).toBeDefined();
    expect(ack.events).toBeUndefined();
  });

  it('should push fresh metrics to a manager after a change', async () => {
    const socket = await live(manager);
    const ack = (await subscribe(socket, 'metrics')) as {
      seq: number;
      metrics: { queues: { screening: { open: number } } };
    };
    const openBefore = ack.metrics.queues.screening.open;
    const pushed: { metrics: { queues: { screening: { open: number } } } }[] = [];
    socket.on('metrics.changed', (m) => pushed.push(m));
    await create();
    const update = await waitFor(pushed, (m) => m.metrics.queues.screening.open === openBefore + 1, 4000);
    expect(update).toBeDefined();
  });

  it('should re-establish its LISTEN connection when the database drops it', async () => {
    const listeners = async (): Promise<{ pid: number; query: string }[]> =>
      (
        await t.dataSource.query(
          `select pid, query from pg_stat_activity
            where application_name = 'front-door-listen' and datname = current_database()`,
        )
      ).map((r: { pid: number; query: string }) => ({ pid: Number(r.pid), query: r.query }));
    const before = await listeners();
    expect(before).toHaveLength(1);
    const [killed] = await t.dataSource.query('select pg_terminate_backend($1) as ok', [before[0].pid]);
    expect(killed.ok).toBe(true);
    // a new backend (not the terminated one on its way out) that has run its LISTEN
    let back: { pid: number; query: string }[] = [];
    for (let i = 0; i < 40; i += 1) {
      await new Promise((r) => setTimeout(r, 100));
      back = (await listeners()).filter((l) => l.pid !== before[0].pid);
      if (back.some((l) => l.query === `listen ${LIVE_CHANNEL}`)) break;
    }
    expect(back).toEqual([{ pid: expect.any(Number), query: `listen ${LIVE_CHANNEL}` }]);
    expect((await listeners()).map((l) => l.pid)).not.toContain(before[0].pid);
  });

  describe('own submissions (police and partners)', () => {
    const seenOn = (socket: Socket) => {
      const seen: { seq: number; item: { id: string; kind: string; status: string; outcome?: string } }[] =
        [];
      socket.on('submission.changed', (m) => seen.push(m));
      return seen;
    };

    it("should tell a partner the status of its own contacts, and nothing of anyone else's", async () => {
      const partner = await t.login('school@partner.example');
      const sent = contactBody();
      const child = sent.child as { firstName: string; lastName: string };
      const mine = (
        await t.http().post('/api/contacts').set('authorization', `Bearer ${partner}`).send(sent).expect(201)
      ).body;
      await t.sequenced();
      const socket = await live(partner);
      const ack = (await subscribe(socket, 'submissions')) as {
        seq: number;
        items: { id: string; status: string }[];
      };
      expect(ack.items.find((i) => i.id === mine.id)).toMatchObject({ kind: 'CONTACT', status: 'RECEIVED' });
      // the child's name (the partner gave it), never the rating or the concerns
      expect(JSON.stringify(ack.items)).not.toMatch(/"rag"|concerns/);
      const seen = seenOn(socket);
      const theirs = await create(); // a MACH contact
      await t
        .http()
        .post(`/api/contacts/${mine.id}/claim`)
        .set('authorization', `Bearer ${screener}`)
        .send({})
        .expect(200);
      const update = await waitFor(seen, (m) => m.item.id === mine.id, 2000);
      expect(update.item).toEqual({
        id: mine.id,
        kind: 'CONTACT',
        reference: mine.reference,
        childName: `${child.firstName} ${child.lastName}`,
        status: 'IN_SCREENING',
        receivedAt: mine.receivedAt,
      });
      expect(seen.some((m) => m.item.id === theirs.id)).toBe(false);
    });

    it('should tell police their notification was triaged, but never of the contacts made from it', async () => {
      const police = await t.login('police@cleveland.example');
      const socket = await live(police);
      await subscribe(socket, 'submissions');
      const seen = seenOn(socket);
      const queueSeen = record(socket);
      const notification = await t
        .http()
        .post('/api/da-notifications')
        .set('authorization', `Bearer ${police}`)
        .send({
          policeReference: `CLE/26/${Date.now()}`,
          incidentAt: new Date(Date.now() - 3600_000).toISOString(),
          riskTool: 'DASH',
          riskLevel: 'HIGH',
          dashScore: 16,
          victim: { firstName: 'Lena', lastName: `Ward${Date.now()}`, dateOfBirth: '1992-02-02' },
          perpetrator: { firstName: 'Ray', lastName: 'Ward' },
          relationship: 'PARTNER',
          children: [
            {
              firstName: 'Milo',
              lastName: `Ward${Date.now()}`,
              dateOfBirth: '2016-06-06',
              present: true,
              witnessed: true,
              injured: false,
            },
          ],
          injuries: true,
          weaponUsed: false,
          summary: 'Assault in the kitchen with the child present; suspect arrested at the scene.',
          officer: { name: 'PC Shaw' },
        })
        .expect(201);
      await waitFor(
        seen,
        (m) => m.item.id === notification.body.id && m.item.status === 'AWAITING_TRIAGE',
        2000,
      );
      const triaged = await t
        .http()
        .post(`/api/da-notifications/${notification.body.id}/triage`)
        .set('authorization', `Bearer ${screener}`)
        .send({ outcome: 'URGENT_CONTACT' })
        .expect(201);
      const update = await waitFor(
        seen,
        (m) => m.item.id === notification.body.id && m.item.status === 'TRIAGED',
        2000,
      );
      expect(update.item.outcome).toBe('URGENT_CONTACT');
      await new Promise((r) => setTimeout(r, 300));
      const contactId = triaged.body.contacts[0].id;
      expect(seen.some((m) => m.item.id === contactId)).toBe(false);
      expect(queueSeen).toEqual([]);
    });

    it('should refuse the submissions view to MACH staff', async () => {
      expect(await subscribe(await live(screener), 'submissions')).toEqual({ error: { code: 'FORBIDDEN' } });
    });
  });

  // last: the clock changes the queue with no request made. The clock is set and the ticker
  // run by hand (the interval ticker with real time is test/live/cluster.e2e-spec.ts's)
  it('should turn a RED contact received 3 h 59 min 57 s ago OVERDUE for subscribers at the next tick after its deadline', async () => {
    const clock = new SettableClock();
    const timed = await createTestApp({ listen: true, clock, env: { LIVE_TICK_MS: '5000' } });
    try {
      const socket = await connectLive(timed.url, await timed.login('manager@mach.example'));
      sockets.push(socket);
      await subscribe(socket, 'screening');
      const seen = record(socket);
      const receivedAt = new Date(clock.now().getTime() - (4 * 3600 - 3) * 1000).toISOString();
      const created = (
        await timed
          .http()
          .post('/api/contacts')
          .set('authorization', `Bearer ${await timed.login('screener@mach.example')}`)
          .send(contactBody({ immediateRisk: true, receivedAt }))
          .expect(201)
      ).body as { id: string };
      const first = await waitFor(seen, (m) => m.item.id === created.id, 2000);
      expect(first.item.timeliness).toBe('DUE_SOON');
      const ticker = timed.app.get(EscalationTicker);
      clock.advance(3000);
      // a tick of the interval already under way makes this one return at once: tick again
      const isOverdue = (m: QueueChanged) => m.item.id === created.id && m.item.timeliness === 'OVERDUE';
      for (let i = 0; i < 20 && !seen.some(isOverdue); i += 1) {
        await ticker.tick();
        await new Promise((r) => setTimeout(r, 50));
      }
      const overdue = await waitFor(seen, isOverdue, 2000);
      expect(overdue.op).toBe('upsert');
    } finally {
      await timed.close();
    }
  });
});
