import { SettableClock } from '@app/core';
import { createTestApp, type TestApp } from '../support/test-app';
import { RATIONALE, strategyDiscussionFor } from './support';

// DOMAIN.md "What managers watch": strategy discussions held on time, attendance by agency
describe('manager figures for strategy discussions', () => {
  let t: TestApp;
  let clock: SettableClock;

  beforeAll(async () => {
    clock = new SettableClock('2026-11-20T15:00:00Z');
    t = await createTestApp({ clock });
  });
  afterAll(() => t.close());

  it('should give held on time, quorate, attendance rate per agency and actions past due', async () => {
    const screener = await t.login('screener@mach.example');
    const discussions = [];
    for (let i = 0; i < 3; i += 1) discussions.push(await strategyDiscussionFor(t, screener)); // due Mon 23 Nov 15:00
    const record = (id: string, heldAt: string, attendance: [string, string][], actionDue: string) =>
      t
        .http()
        .post(`/api/strategy-discussions/${id}/record`)
        .set('authorization', `Bearer ${screener}`)
        .send({
          heldAt,
          attendance: attendance.map(([agency, status]) => ({ agency, status })),
          outcome: 'S47_JOINT',
          rationale: RATIONALE,
          actions: [{ description: 'Visit the family', ownerAgency: 'LA_SOCIAL_CARE', dueDate: actionDue }],
        })
        .expect(200);
    clock.set('2026-11-24T12:00:00Z');
    await record(
      discussions[0].id,
      '2026-11-23T10:00:00Z',
      [
        ['LA_SOCIAL_CARE', 'ATTENDED'],
        ['POLICE', 'ATTENDED'],
        ['HEALTH', 'ATTENDED'],
        ['EDUCATION', 'ATTENDED'],
      ],
      '2026-11-23',
    );
    await record(
      discussions[1].id,
      '2026-11-23T14:00:00Z',
      [
        ['LA_SOCIAL_CARE', 'ATTENDED'],
        ['POLICE', 'ATTENDED'],
        ['HEALTH', 'APOLOGIES'],
      ],
      '2026-12-01',
    );
    await record(
      discussions[2].id,
      '2026-11-24T11:00:00Z',
      [
        ['LA_SOCIAL_CARE', 'ATTENDED'],
        ['POLICE', 'ABSENT'],
      ],
      '2026-11-20',
    );

    const res = await t
      .http()
      .get('/api/metrics')
      .set('authorization', `Bearer ${await t.login('manager@mach.example')}`)
      .expect(200);
    expect(res.body.strategy).toEqual({
      heldWithinTimescale: { numerator: 2, denominator: 3, percent: 66.7 },
      quorate: { numerator: 1, denominator: 3, percent: 33.3 },
      attendanceByAgency: [
        { agency: 'EDUCATION', numerator: 1, denominator: 1, percent: 100 },
        { agency: 'HEALTH', numerator: 1, denominator: 3, percent: 33.3 }, // apologies; not listed counts as absent
        { agency: 'LA_SOCIAL_CARE', numerator: 3, denominator: 3, percent: 100 },
        { agency: 'POLICE', numerator: 2, denominator: 3, percent: 66.7 },
      ],
      actionsPastDue: 2,
      // decision 0023: none held yet
      icpcHeldWithinTarget: { numerator: 0, denominator: 0, percent: null },
    });
  });
});
