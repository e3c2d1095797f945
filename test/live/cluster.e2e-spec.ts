import type { Socket } from 'socket.io-client';
import { EscalationTicker } from '@app/live/escalation-ticker';
import { createTestApp, type TestApp } from '../support/test-app';
import { contactBody } from '../support/contacts';
import { connectLive, record, subscribe, waitFor } from '../support/live-client';

async function leaderOf(apps: TestApp[], timeoutMs = 5000): Promise<TestApp> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const leader = apps.find((a) => a.app.get(EscalationTicker).isLeader);
    if (leader) return leader;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('no instance took the ticker');
}

describe('two instances on one database (ARCHITECTURE.md "Scale-out")', () => {
  let a: TestApp;
  let b: TestApp;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    a = await createTestApp({ listen: true });
    b = await createTestApp({ listen: true, databaseUrl: a.databaseUrl });
  });
  afterAll(async () => {
    sockets.forEach((s) => s.close());
    await b.close();
    await a.close();
  });

  it('should push a change made through instance A to a client of instance B', async () => {
    const token = await a.login('manager@mach.example');
    const socket = await connectLive(b.url, token);
    sockets.push(socket);
    await subscribe(socket, 'screening');
    const seen = record(socket);
    const created = await a
      .http()
      .post('/api/contacts')
      .set('authorization', `Bearer ${await a.login('screener@mach.example')}`)
      .send(contactBody())
      .expect(201);
    const message = await waitFor(seen, (m) => m.item.id === created.body.id, 2000);
    expect(message.op).toBe('upsert');
  });

  it('should hand the ticker to the other instance when the one running it stops', async () => {
    const leader = await leaderOf([a, b]);
    const survivor = leader === a ? b : a;
    expect(survivor.app.get(EscalationTicker).isLeader).toBe(false);
    const socket = await connectLive(survivor.url, await survivor.login('manager@mach.example'));
    sockets.push(socket);
    await subscribe(socket, 'screening');
    const seen = record(socket);

    await leader.stop();
    const receivedAt = new Date(Date.now() - (4 * 3600 - 3) * 1000).toISOString();
    const created = await survivor
      .http()
      .post('/api/contacts')
      .set('authorization', `Bearer ${await survivor.login('screener@mach.example')}`)
      .send(contactBody({ immediateRisk: true, receivedAt }))
      .expect(201);
    await waitFor(seen, (m) => m.item.id === created.body.id && m.item.timeliness === 'OVERDUE', 8000);
    expect(survivor.app.get(EscalationTicker).isLeader).toBe(true);
  });
});
