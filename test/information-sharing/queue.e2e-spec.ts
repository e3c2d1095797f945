import { randomUUID } from 'node:crypto';
import type { Socket } from 'socket.io-client';
import { SettableClock } from '@app/core';
import { EscalationTicker } from '@app/live/escalation-ticker';
import { createTestApp, type TestApp } from '../support/test-app';
import { contactBody } from '../support/contacts';
import { connectLive, record, subscribe, waitFor, type QueueChanged } from '../support/live-client';

// issue 18 item 2 (decision 0029): the asked agency's open requests on a live queue of its own
// (GET /api/queues/information-requests, live view information-requests): each agency sees and
// hears only its own; the clock turns them DUE_SOON and OVERDUE; a chase flags, an answer removes
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const QUESTIONS = 'Is the family known to you? Any incidents at the address in the last 12 months?';

describe('information sharing: the asked agency’s live queue (issue 18)', () => {
  let t: TestApp;
  let clock: SettableClock;
  const sockets: Socket[] = [];
  let screener: string;
  let police: string;
  let durham: string;
  let health: string;
  let agencies: Record<string, string>;

  beforeAll(async () => {
    clock = new SettableClock();
    t = await createTestApp({ listen: true, clock, env: { LIVE_TICK_MS: '5000' } });
    [screener, police, durham, health] = await Promise.all([
      t.login('screener@mach.example'),
      t.login('police@cleveland.example'),
      t.login('police@durham.example'),
      t.login('health@partner.example'),
    ]);
    const rows = (await t.dataSource.query(`select id, name from agency`)) as { id: string; name: string }[];
    agencies = Object.fromEntries(rows.map((r) => [r.name, r.id]));
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await t.close();
  });

  const live = async (token: string) => {
    const socket = await connectLive(t.url, token);
    sockets.push(socket);
    return socket;
  };
  const queue = async (token: string) =>
    (await t.http().get('/api/queues/information-requests').set(bearer(token)).expect(200)).body as {
      seq: number;
      items: {
        id: string;
        kind: string;
        childName: string;
        rag: string;
        timeliness: string;
        flags: string[];
      }[];
    };

  it('should show each agency its own requests only, live, flag a chase, turn OVERDUE by the clock, and drop an answered one', async () => {
    const u = randomUUID().slice(0, 6);
    const contact = (
      await t
        .http()
        .post('/api/contacts')
        .set(bearer(screener))
        .send(
          contactBody({
            immediateRisk: true,
            child: { firstName: `Ivy${u}`, lastName: 'Shaw', dateOfBirth: '2014-01-02' },
          }),
        )
        .expect(201)
    ).body as { id: string };
    await t.http().post(`/api/contacts/${contact.id}/claim`).set(bearer(screener)).send({}).expect(200);

    const policeSocket = await live(police);
    const healthSocket = await live(health);
    const policeSeen = record(policeSocket);
    const healthSeen = record(healthSocket);
    expect(await subscribe(policeSocket, 'information-requests')).toHaveProperty('items');
    expect(await subscribe(healthSocket, 'information-requests')).toHaveProperty('items');

    const asked = await t
      .http()
      .post(`/api/contacts/${contact.id}/information-requests`)
      .set(bearer(screener))
      .send({
        agencies: [agencies['Cleveland Police'], agencies['South Tees Health']],
        questions: QUESTIONS,
        lawfulBasis: 'CONSENT',
      })
      .expect(201);
    const [policeRequest, healthRequest] = asked.body.requests as { id: string }[];

    // live: each hears of its own, never of the other's
    const arrived = await waitFor(
      policeSeen,
      (m) => m.item.id === policeRequest.id && m.op === 'upsert',
      3000,
    );
    expect(arrived.item).toMatchObject({
      kind: 'INFORMATION_REQUEST',
      childName: `Ivy${u} Shaw`,
      rag: 'RED',
      timeliness: 'ON_TRACK',
      questions: QUESTIONS,
    });
    await waitFor(healthSeen, (m) => m.item.id === healthRequest.id, 3000);
    // REST: the same, per agency
    expect((await queue(police)).items.map((i) => i.id)).toContain(policeRequest.id);
    expect((await queue(police)).items.map((i) => i.id)).not.toContain(healthRequest.id);
    expect((await queue(health)).items.map((i) => i.id)).toEqual(expect.arrayContaining([healthRequest.id]));
    expect((await queue(health)).items.map((i) => i.id)).not.toContain(policeRequest.id);
    const otherForce = (await queue(durham)).items.map((i) => i.id);
    expect(otherForce).not.toContain(policeRequest.id);
    expect(otherForce).not.toContain(healthRequest.id);

    // MACH staff work the contact, not the partners' queue
    await t.http().get('/api/queues/information-requests').set(bearer(screener)).expect(403);
    expect(await subscribe(await live(screener), 'information-requests')).toEqual({
      error: { code: 'FORBIDDEN' },
    });

    // a chase flags the item, for its agency only
    await t
      .http()
      .post(`/api/information-requests/${policeRequest.id}/chase`)
      .set(bearer(screener))
      .send({})
      .expect(201);
    await waitFor(
      policeSeen,
      (m) => m.item.id === policeRequest.id && (m.item.flags as string[]).includes('CHASED'),
      3000,
    );

    // the clock: 4 hours on, the RED request is OVERDUE, pushed with no request made
    clock.advance(4 * 3600_000 + 1000);
    const ticker = t.app.get(EscalationTicker);
    const isOverdue = (m: QueueChanged) => m.item.id === policeRequest.id && m.item.timeliness === 'OVERDUE';
    for (let i = 0; i < 20 && !policeSeen.some(isOverdue); i += 1) {
      await ticker.tick();
      await new Promise((r) => setTimeout(r, 50));
    }
    await waitFor(policeSeen, isOverdue, 3000);

    // answered: off the queue
    await t
      .http()
      .post(`/api/information-requests/${policeRequest.id}/response`)
      .set(bearer(police))
      .send({ summary: 'Known: one call-out in March.', knownToAgency: true })
      .expect(201);
    await waitFor(policeSeen, (m) => m.item.id === policeRequest.id && m.op === 'remove', 3000);
    expect((await queue(police)).items.map((i) => i.id)).not.toContain(policeRequest.id);

    // nothing of police's request ever reached health
    expect(healthSeen.some((m: QueueChanged) => m.item.id === policeRequest.id)).toBe(false);
  });
});
