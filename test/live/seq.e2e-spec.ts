import { LockKey } from '@app/database';
import type { Socket } from 'socket.io-client';
import { createTestApp, type TestApp } from '../support/test-app';
import { contactBody, createContact } from '../support/contacts';
import { connectLive, record, subscribe, waitFor, type QueueChanged } from '../support/live-client';

// API.md "Live": seq is a JSON number everywhere (a client comparing strings, "9" > "10", drops events)
describe('seq as a JSON number (issue 12)', () => {
  let t: TestApp;
  let screener: string;
  let manager: string;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    t = await createTestApp({ listen: true });
    [screener, manager] = await Promise.all([
      t.login('screener@mach.example'),
      t.login('manager@mach.example'),
    ]);
  });
  afterEach(() => {
    sockets.splice(0).forEach((s) => s.close());
  });
  afterAll(() => t.close());

  const live = async (token = screener) => {
    const socket = await connectLive(t.url, token);
    sockets.push(socket);
    return socket;
  };
  const create = () => createContact(t, screener);
  const lastSeq = async () => {
    await t.sequenced();
    return Number((await t.dataSource.query('select max(seq)::text as seq from live_event'))[0].seq);
  };

  it('should give the REST queue read its seq as a number', async () => {
    await create();
    await t.sequenced();
    const res = await t
      .http()
      .get('/api/queues/screening')
      .set('authorization', `Bearer ${manager}`)
      .expect(200);
    expect(typeof res.body.seq).toBe('number');
    expect(res.body.seq).toBe(await lastSeq());
  });

  it('should say so in the OpenAPI document', async () => {
    const doc = (await t.http().get('/api/docs-json').expect(200)).body;
    expect(doc.components.schemas.QueueSnapshotDto.properties.seq).toMatchObject({ type: 'integer' });
  });

  it('should give a snapshot ack, a metrics ack and a submissions ack their seq as a number', async () => {
    const snapshot = await subscribe(await live(), 'screening');
    expect(typeof snapshot.seq).toBe('number');
    expect(snapshot.seq).toBe(await lastSeq());
    const metrics = await subscribe(await live(manager), 'metrics');
    expect(typeof metrics.seq).toBe('number');
    const submissions = await subscribe(await live(await t.login('school@partner.example')), 'submissions');
    expect(typeof submissions.seq).toBe('number');
  });

  it('should send queue.changed seqs as numbers, strictly increasing across a new digit (9 -> 10 -> 11)', async () => {
    // the next events straddle a power of ten, where "10" < "9" as strings
    const now = await lastSeq();
    const boundary = 10 ** Math.max(1, String(now + 3).length);
    // the sequencer continues from the last seq: an event placed (under its lock) at boundary - 3
    await t.dataSource.transaction(async (m) => {
      await m.query('select pg_advisory_xact_lock($1)', [LockKey.LIVE_SEQUENCE]);
      await m.query(
        `insert into live_event (seq, type, payload, occurred_at, sequenced_at)
         values ($1, 'test.skip', '{"id": "none", "changes": []}', now(), now())`,
        [boundary - 3],
      );
    });
    const socket = await live();
    await subscribe(socket, 'screening');
    const seen = record(socket);
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1) ids.push((await create()).id);
    await waitFor(seen, (m) => m.item.id === ids[4], 2000);
    const seqs = seen.map((m) => m.seq);
    expect(seqs.every((s) => typeof s === 'number')).toBe(true);
    expect(seqs).toEqual(expect.arrayContaining([boundary - 1, boundary, boundary + 1]));
    seqs.slice(1).forEach((s, i) => expect(s).toBeGreaterThan(seqs[i]));
  });

  it('should send submission.changed seqs as numbers', async () => {
    const partner = await t.login('school@partner.example');
    const socket = await live(partner);
    await subscribe(socket, 'submissions');
    const seen: { seq: unknown; item: { id: string } }[] = [];
    socket.on('submission.changed', (m) => seen.push(m));
    const mine = (
      await t
        .http()
        .post('/api/contacts')
        .set('authorization', `Bearer ${partner}`)
        .send(contactBody())
        .expect(201)
    ).body;
    const message = await waitFor(seen, (m) => m.item.id === mine.id, 2000);
    expect(typeof message.seq).toBe('number');
  });

  it.each([
    ['a number', (seq: number) => seq],
    ['a numeric string', (seq: number) => String(seq)],
  ])('should replay exactly the missed events when sinceSeq is %s', async (_, given) => {
    const first = await live();
    const ack = await subscribe(first, 'screening');
    first.close();
    const missed: string[] = [];
    for (let i = 0; i < 3; i += 1) missed.push((await create()).id);
    await t.sequenced();

    const again = await live();
    const replay = (await subscribe(again, 'screening', given(ack.seq as number))) as {
      seq: number;
      events: QueueChanged[];
    };
    expect(replay.events.map((e) => e.item.id)).toEqual(missed);
    expect(typeof replay.seq).toBe('number');
    expect(replay.seq).toBe(replay.events[2].seq);
    expect(replay.events[0].seq).toBeGreaterThan(ack.seq as number);
  });

  it.each([
    [-1],
    [1.5],
    [Number.MAX_SAFE_INTEGER + 1],
    ['9007199254740993'],
    ['1e3'],
    [' 12'],
    ['-3'],
    ['abc'],
    [''],
    [true],
    [{}],
    [[7]],
  ])('should refuse sinceSeq %p as VALIDATION_FAILED', async (sinceSeq) => {
    const socket = await live();
    const ack = (await socket.timeout(5000).emitWithAck('subscribe', { view: 'screening', sinceSeq })) as {
      error?: { code: string };
    };
    expect(ack.error?.code).toBe('VALIDATION_FAILED');
  });

  it('should take sinceSeq 0 (number or string) as a seq older than what is kept', async () => {
    for (const sinceSeq of [0, '0']) {
      const ack = await subscribe(await live(), 'screening', sinceSeq);
      expect(ack.error).toBeUndefined();
      expect(ack.items ?? ack.events).toBeDefined();
    }
  });
});
