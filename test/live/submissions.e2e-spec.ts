import { randomUUID } from 'node:crypto';
import type { Socket } from 'socket.io-client';
import { createTestApp, type TestApp } from '../support/test-app';
import { contactBody, type Body } from '../support/contacts';
import { notificationBody } from '../support/notifications';
import { connectLive, subscribe, waitFor } from '../support/live-client';

// issue 15: a partner's and a force's own submissions name the child they are about (the
// sender gave the name), in the live `submissions` view and, for a force, its REST list
interface Item {
  id: string;
  kind: string;
  reference: string;
  childName: string;
  status: string;
  receivedAt: string;
  outcome?: string;
}
interface Changed {
  seq: number;
  item: Item;
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('own submissions name their child (issue 15)', () => {
  let t: TestApp;
  let screener: string;
  let partner: string;
  let police: string;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    t = await createTestApp({ listen: true });
    [screener, partner, police] = await Promise.all([
      t.login('screener@mach.example'),
      t.login('school@partner.example'),
      t.login('police@cleveland.example'),
    ]);
  });
  afterEach(() => {
    sockets.splice(0).forEach((s) => s.close());
  });
  afterAll(() => t.close());

  const live = async (token: string) => {
    const socket = await connectLive(t.url, token);
    sockets.push(socket);
    return socket;
  };
  const changes = (socket: Socket) => {
    const seen: Changed[] = [];
    socket.on('submission.changed', (m: Changed) => seen.push(m));
    return seen;
  };
  const viewed = async (email: string): Promise<{ details: Record<string, unknown> }[]> =>
    t.dataSource.query(
      `select details from audit_entry
        where action = 'QUEUE_VIEWED' and entity_id = 'submissions'
          and actor_id = (select id from app_user where email = $1) order by id`,
      [email],
    );

  // a partner's contact, as the partner is answered
  const refer = async (over: Body) =>
    (await t.http().post('/api/contacts').set(bearer(partner)).send(contactBody(over)).expect(201)).body as {
      id: string;
      reference: string;
      householdId: string;
      receivedAt: string;
    };

  describe('a partner’s contacts', () => {
    it('should name the child on the snapshot, on submission.changed and on the replay after a reconnect', async () => {
      const u = randomUUID().slice(0, 6);
      const first = await refer({
        child: { firstName: `Ada${u}`, lastName: 'Lovell', dateOfBirth: '2016-01-01' },
      });
      const sibling = await refer({
        householdId: first.householdId,
        child: { firstName: `Ben${u}`, lastName: 'Lovell', dateOfBirth: '2019-05-05' },
      });

      const socket = await live(partner);
      const ack = (await subscribe(socket, 'submissions')) as { seq: number; items: Item[] };
      const mine = ack.items.find((i) => i.id === first.id);
      // the child's name and the status, nothing else of social care's record
      expect(mine).toEqual({
        id: first.id,
        kind: 'CONTACT',
        reference: first.reference,
        childName: `Ada${u} Lovell`,
        status: 'RECEIVED',
        receivedAt: first.receivedAt,
      });
      expect(ack.items.find((i) => i.id === sibling.id)?.childName).toBe(`Ben${u} Lovell`);
      expect(JSON.stringify(ack.items)).not.toMatch(/"rag"|concerns|dateOfBirth|claimedBy/);

      const seen = changes(socket);
      await t.http().post(`/api/contacts/${first.id}/claim`).set(bearer(screener)).send({}).expect(200);
      const claimed = await waitFor(seen, (m) => m.item.id === first.id, 2000);
      expect(claimed.item).toEqual({ ...mine, status: 'IN_SCREENING' });

      // a reconnect from the ack's seq is replayed the same item
      socket.close();
      const again = await live(partner);
      const replay = (await subscribe(again, 'submissions', ack.seq)) as { events?: Changed[] };
      expect(replay.events?.find((e) => e.item.id === first.id)?.item).toEqual(claimed.item);
    });

    it('should tell the partner the outcome as the referrer was told it, and who was told, once in force (issue 16)', async () => {
      const contact = await refer({});
      const socket = await live(partner);
      await subscribe(socket, 'submissions');
      const seen = changes(socket);
      await t.http().post(`/api/contacts/${contact.id}/claim`).set(bearer(screener)).send({}).expect(200);
      await t
        .http()
        .post(`/api/contacts/${contact.id}/decision`)
        .set(bearer(screener))
        .send({
          level: 2,
          outcome: 'EARLY_HELP',
          rationale:
            'Early help offered to the family by the school with their agreement; no social care role.',
          factors: ['21'],
        })
        .expect(201);
      const decided = await waitFor(
        seen,
        (m) => m.item.id === contact.id && m.item.status === 'DECIDED',
        2000,
      );
      expect(decided.item).toMatchObject({
        outcome: 'EARLY_HELP',
        acknowledgement: {
          outcome: 'EARLY_HELP',
          recipient: { name: expect.any(String) },
          recordedAt: expect.any(String),
        },
      });
      // nothing of the decision itself: no level, rationale or factors
      expect(JSON.stringify(decided.item)).not.toMatch(/rationale|level|factors|Early help offered/);
      const ack = (await subscribe(await live(partner), 'submissions')) as { items: Item[] };
      expect(ack.items.find((i) => i.id === contact.id)).toMatchObject({ outcome: 'EARLY_HELP' });
    });

    it('should audit each read of the list, snapshot or replay, as QUEUE_VIEWED of the submissions view', async () => {
      const before = (await viewed('school@partner.example')).length;
      const ack = (await subscribe(await live(partner), 'submissions')) as { seq: number; items: Item[] };
      await subscribe(await live(partner), 'submissions', ack.seq);
      // written before the ack is sent
      const rows = await viewed('school@partner.example');
      expect(rows.slice(before).map((r) => r.details)).toEqual([
        { items: ack.items.length, seq: ack.seq },
        { replayedEvents: 0, seq: ack.seq },
      ]);
    });
  });

  describe('a force’s DA notifications', () => {
    it('should name every child, in the order sent, live and in GET /api/da-notifications', async () => {
      const u = randomUUID().slice(0, 6);
      const socket = await live(police);
      await subscribe(socket, 'submissions');
      const seen = changes(socket);
      const base = notificationBody();
      const child = (base.children as Record<string, unknown>[])[0];
      const sent = (
        await t
          .http()
          .post('/api/da-notifications')
          .set(bearer(police))
          .send({
            ...base,
            children: [
              { ...child, firstName: `Milo${u}`, lastName: 'Ward' },
              { ...child, firstName: `Ava${u}`, lastName: 'Ward', dateOfBirth: '2020-02-02' },
            ],
          })
          .expect(201)
      ).body as { id: string; childName: string };
      const names = `Milo${u} Ward, Ava${u} Ward`;
      expect(sent.childName).toBe(names);

      const created = await waitFor(seen, (m) => m.item.id === sent.id, 2000);
      expect(created.item).toMatchObject({
        kind: 'DA_NOTIFICATION',
        childName: names,
        status: 'AWAITING_TRIAGE',
      });
      await t
        .http()
        .post(`/api/da-notifications/${sent.id}/triage`)
        .set(bearer(screener))
        .send({
          outcome: 'INFORMATION_ONLY',
          rationale: 'No children present; information shared with school.',
        })
        .expect(201);
      const triaged = await waitFor(seen, (m) => m.item.id === sent.id && m.item.status === 'TRIAGED', 2000);
      expect(triaged.item).toMatchObject({ childName: names, outcome: 'INFORMATION_ONLY' });

      const ack = (await subscribe(await live(police), 'submissions')) as { items: Item[] };
      expect(ack.items.find((i) => i.id === sent.id)?.childName).toBe(names);

      const list = (await t.http().get('/api/da-notifications').set(bearer(police)).expect(200)).body as {
        id: string;
        childName: string;
        contacts?: unknown;
      }[];
      const listed = list.find((n) => n.id === sent.id);
      expect(listed?.childName).toBe(names);
      expect(listed).not.toHaveProperty('contacts');
      const one = await t.http().get(`/api/da-notifications/${sent.id}`).set(bearer(police)).expect(200);
      expect(one.body.childName).toBe(names);
      // MACH staff read the same names
      const staff = await t.http().get(`/api/da-notifications/${sent.id}`).set(bearer(screener)).expect(200);
      expect(staff.body.childName).toBe(names);
    });
  });

  it('should tell the force when a school is told of its notification (issue 16)', async () => {
    const sent = (
      await t.http().post('/api/da-notifications').set(bearer(police)).send(notificationBody()).expect(201)
    ).body as { id: string; encompass: { id: string }[] };
    expect(sent.encompass).toHaveLength(1);
    const socket = await live(police);
    await subscribe(socket, 'submissions');
    const seen = changes(socket);
    await t
      .http()
      .post(`/api/encompass/${sent.encompass[0].id}/sent`)
      .set(bearer(screener))
      .send({ method: 'EMAIL', recipient: 'Designated safeguarding lead' })
      .expect(200);
    const told = await waitFor(seen, (m) => m.item.id === sent.id, 2000);
    expect(told.item).toMatchObject({ kind: 'DA_NOTIFICATION', status: 'AWAITING_TRIAGE' });
  });

  it('should describe the item in the OpenAPI document, childName required', async () => {
    const { schemas } = (await t.http().get('/api/docs-json').expect(200)).body.components;
    expect(schemas.SubmissionItemDto.required).toEqual(
      expect.arrayContaining(['id', 'kind', 'reference', 'childName', 'status', 'receivedAt']),
    );
    expect(schemas.SubmissionItemDto.required).not.toContain('outcome');
    expect(schemas.NotificationViewDto.required).toContain('childName');
  });
});
