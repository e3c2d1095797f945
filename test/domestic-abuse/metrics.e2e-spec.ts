import { randomUUID } from 'node:crypto';
import { SettableClock } from '@app/core';
import { createTestApp, type TestApp } from '../support/test-app';

// DOMAIN.md "What managers watch": DA triage backlog and on-time percent, median police
// submission delay, Encompass on-time percent
describe('manager figures for police notifications', () => {
  let t: TestApp;
  let clock: SettableClock;

  beforeAll(async () => {
    clock = new SettableClock('2026-11-23T10:00:00Z'); // Monday
    t = await createTestApp({ clock });
  });
  afterAll(() => t.close());

  const submit = async (token: string, incidentAt: string) =>
    (
      await t
        .http()
        .post('/api/da-notifications')
        .set('authorization', `Bearer ${token}`)
        .send({
          policeReference: `CLE/26/${randomUUID().slice(0, 8)}`,
          incidentAt,
          riskTool: 'DARA',
          riskLevel: 'STANDARD',
          victim: { firstName: `V${randomUUID().slice(0, 6)}`, lastName: 'Hart', dateOfBirth: '1991-02-02' },
          perpetrator: { firstName: 'P', lastName: 'Hart' },
          relationship: 'EX_PARTNER',
          children: [
            {
              firstName: `C${randomUUID().slice(0, 6)}`,
              lastName: 'Hart',
              dateOfBirth: '2017-05-05',
              present: false,
              witnessed: false,
              injured: false,
            },
          ],
          injuries: false,
          weaponUsed: false,
          summary: 'Argument at the door after a handover of the children; words only.',
          officer: { name: 'PC Shaw' },
        })
        .expect(201)
    ).body as { id: string; encompass: { id: string }[] };

  it('should count the backlog, triage on time, police delay and school notifications on time', async () => {
    const police = await t.login('police@cleveland.example');
    const screener = await t.login('screener@mach.example');
    const manager = await t.login('manager@mach.example');
    const triage = (id: string) =>
      t
        .http()
        .post(`/api/da-notifications/${id}/triage`)
        .set('authorization', `Bearer ${screener}`)
        .send({ outcome: 'INFORMATION_ONLY' })
        .expect(201);
    const sent = (id: string) =>
      t
        .http()
        .post(`/api/encompass/${id}/sent`)
        .set('authorization', `Bearer ${screener}`)
        .send({ method: 'EMAIL', recipient: 'dsl@school.example' })
        .expect(200);

    const a = await submit(police, '2026-11-23T06:00:00Z'); // 240 min late; school due Mon 08:30
    const b = await submit(police, '2026-11-23T09:00:00Z'); // 60 min; school due Tue 08:30
    await submit(police, '2026-11-23T00:00:00Z'); // 600 min; school due Mon 08:30, never sent
    await triage(a.id); // due Tue 10:00: on time
    await sent(a.encompass[0].id); // after Mon 08:30: late
    clock.set('2026-11-24T08:00:00Z');
    await sent(b.encompass[0].id); // before Tue 08:30: on time
    clock.set('2026-11-24T12:00:00Z');
    await triage(b.id); // after Tue 10:00: late

    const res = await t.http().get('/api/metrics').set('authorization', `Bearer ${manager}`).expect(200);
    expect(res.body.domesticAbuse).toEqual({
      awaitingTriage: 1,
      triagedWithinTimescale: { numerator: 1, denominator: 2, percent: 50 },
      medianPoliceSubmissionDelayMinutes: 240,
      encompassSentOnTime: { numerator: 1, denominator: 3, percent: 33.3 },
    });
  });
});
