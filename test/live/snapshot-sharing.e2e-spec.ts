import { io, type Socket } from 'socket.io-client';
import type { EntityManager } from 'typeorm';
import { QueueRegistry, type QueueItem, type QueueView } from '@app/live';
import { QueueSnapshots } from '@app/live/queue-snapshots';
import { createTestApp, type TestApp } from '../support/test-app';
import { createContact } from '../support/contacts';
import { connectLive, record, subscribe, waitFor } from '../support/live-client';

type Snapshot = { seq: bigint; items: QueueItem[] };

// issue 12 (snapshot storm, decision 0012): subscribers of a view at the same time share one
// read and one encoding; each still gets its own QUEUE_VIEWED row; nothing is served stale
describe('one snapshot for many subscribers', () => {
  let t: TestApp;
  let screener: string;
  let manager: string;
  let view: QueueView;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    t = await createTestApp({ listen: true });
    [screener, manager] = await Promise.all([
      t.login('screener@mach.example'),
      t.login('manager@mach.example'),
    ]);
    view = t.app.get(QueueRegistry).get('screening')!;
  });
  afterEach(() => {
    jest.restoreAllMocks();
    sockets.splice(0).forEach((s) => s.close());
  });
  afterAll(() => t.close());

  const live = async (token = screener) => {
    const socket = await connectLive(t.url, token);
    sockets.push(socket);
    return socket;
  };
  const create = () => createContact(t, screener);
  const until = async (done: () => boolean, timeoutMs = 5000) => {
    const deadline = Date.now() + timeoutMs;
    while (!done()) {
      if (Date.now() > deadline) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 10));
    }
  };
  // the view's SQL, counted; each read held back until `release`, once its query has run
  const holdReads = () => {
    let release!: () => void;
    let ran = 0;
    const gate = new Promise<void>((r) => (release = r));
    const original = view.snapshot.bind(view);
    const sql = jest
      .spyOn(view, 'snapshot')
      .mockImplementation(async (manager: EntityManager, now: Date): Promise<Snapshot> => {
        const read = await original(manager, now);
        ran += 1;
        await gate;
        return read;
      });
    return { sql, release, ran: () => ran };
  };
  const viewedRows = async () =>
    (
      await t.dataSource.query(
        `select actor_id, details from audit_entry where action = 'QUEUE_VIEWED' and entity_id = 'screening' order by id`,
      )
    ).length as number;

  it('should answer 50 subscribers at once from one read of the view, each with its own audit row', async () => {
    await create();
    const subscribers = await Promise.all(
      Array.from({ length: 50 }, (_, i) => live(i % 2 ? manager : screener)),
    );
    const auditedBefore = await viewedRows();
    const { sql, release } = holdReads();
    const asked = jest.spyOn(t.app.get(QueueSnapshots), 'shared');
    const acks = Promise.all(subscribers.map((s) => subscribe(s, 'screening')));
    // all 50 have asked while the first read is still under way
    await until(() => asked.mock.calls.length === 50);
    release();
    const answers = await acks;

    expect(sql).toHaveBeenCalledTimes(1);
    expect(typeof answers[0].seq).toBe('number');
    expect((answers[0].items as unknown[]).length).toBeGreaterThan(0);
    answers.forEach((a) => expect(a).toEqual(answers[0]));
    expect(await viewedRows()).toBe(auditedBefore + 50);
    // written together, the chain still verifies
    const verified = await t
      .http()
      .get('/api/audit/verify')
      .set('authorization', `Bearer ${manager}`)
      .expect(200);
    expect(verified.body.ok).toBe(true);
  });

  it('should give a subscriber after a change the new seq and list, not the last one read', async () => {
    const before = await subscribe(await live(), 'screening');
    const created = await create();
    await t.sequenced();
    const after = await subscribe(await live(), 'screening');
    expect(after.seq).toBeGreaterThan(before.seq as number);
    expect((after.items as { id: string }[]).some((i) => i.id === created.id)).toBe(true);
  });

  it('should send a subscriber that joined a read begun before a change that change as an event', async () => {
    const { sql, release, ran } = holdReads();
    const asked = jest.spyOn(t.app.get(QueueSnapshots), 'shared');
    const early = await live();
    const seen = record(early);
    const ack = subscribe(early, 'screening');
    await until(() => ran() === 1);
    const created = await create();
    const late = await live(manager);
    const lateSeen = record(late);
    const lateAck = subscribe(late, 'screening');
    await until(() => asked.mock.calls.length === 2);
    release();
    for (const [answer, messages] of [
      [await ack, seen],
      [await lateAck, lateSeen],
    ] as const) {
      expect((answer.items as { id: string }[]).some((i) => i.id === created.id)).toBe(false);
      await waitFor(messages, (m) => m.item.id === created.id, 2000);
    }
    expect(sql).toHaveBeenCalledTimes(1);
  });

  it('should read the list afresh for GET /api/queues/:view while a read begun before its request is under way', async () => {
    const { sql, release, ran } = holdReads();
    const socket = await live();
    const ack = subscribe(socket, 'screening');
    await until(() => ran() === 1);
    const created = await create();
    const rest = t
      .http()
      .get('/api/queues/screening')
      .set('authorization', `Bearer ${manager}`)
      .then((r) => r);
    await new Promise((r) => setTimeout(r, 100));
    release();
    const [res, old] = await Promise.all([rest, ack]);
    expect(res.status).toBe(200);
    expect((res.body.items as { id: string }[]).some((i) => i.id === created.id)).toBe(true);
    expect(res.body.seq).toBeGreaterThan(old.seq as number);
    expect(sql).toHaveBeenCalledTimes(2);
  });

  it('should send a long snapshot (a 64-bit websocket length) intact, over websocket and over polling', async () => {
    await t.dataSource.query(
      `insert into contact (reference, household_id, child_id, source, received_at, recorded_at, origin_agency_id, created_by,
         referrer, child_reported, concerns, categories, immediate_risk, consent_status, suggested_rag, rag_reasons, rag,
         decision_due_at, status, prior_contacts_12m, prior_referrals_12m, updated_at)
       select 'LONG-' || g, gen_random_uuid(), c.child_id, '2A', now(), now(), c.origin_agency_id, c.created_by, '{}', '{}',
              'an open contact', '{OTHER}', false, 'GIVEN', 'GREEN', '{}', 'GREEN', now() + interval '1 day', 'RECEIVED', 0, 0, now()
         from (select child_id, origin_agency_id, created_by from contact limit 1) c, generate_series(1, 400) g`,
    );
    const polling = io(`${t.url}/live`, {
      auth: { token: manager },
      transports: ['polling'],
      reconnection: false,
      forceNew: true,
    });
    sockets.push(polling);
    await new Promise<void>((resolve, reject) => {
      polling.once('connect', resolve);
      polling.once('connect_error', reject);
    });
    expect(polling.io.engine.transport.name).toBe('polling');
    const websocket = await live(manager);
    // both in one read, so the same list and seq
    const { sql, release } = holdReads();
    const answers = Promise.all([subscribe(websocket, 'screening'), subscribe(polling, 'screening')]);
    await until(() => sql.mock.calls.length === 1);
    await new Promise((r) => setTimeout(r, 200));
    release();
    const [viaWebsocket, viaPolling] = await answers;
    expect(sql).toHaveBeenCalledTimes(1);
    expect(JSON.stringify(viaWebsocket).length).toBeGreaterThan(65536);
    expect(viaPolling).toEqual(viaWebsocket);
    const rest = await t
      .http()
      .get('/api/queues/screening')
      .set('authorization', `Bearer ${manager}`)
      .expect(200);
    expect((viaWebsocket.items as { id: string }[]).map((i) => i.id)).toEqual(
      (rest.body.items as { id: string }[]).map((i) => i.id),
    );
  });

  it('should send the snapshot of every view intact, as the REST read lists it', async () => {
    const socket = await live(manager);
    for (const name of ['screening', 'authorisation', 'triage', 'encompass', 'strategy']) {
      const ack = await subscribe(socket, name);
      const rest = await t
        .http()
        .get(`/api/queues/${name}`)
        .set('authorization', `Bearer ${manager}`)
        .expect(200);
      expect(typeof ack.seq).toBe('number');
      expect((ack.items as { id: string }[]).map((i) => i.id)).toEqual(
        (rest.body.items as { id: string }[]).map((i) => i.id),
      );
    }
  });
});
