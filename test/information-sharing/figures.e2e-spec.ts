import { randomUUID } from 'node:crypto';
import { SettableClock } from '@app/core';
import { createTestApp, type TestApp } from '../support/test-app';
import { contactBody, type Body } from '../support/contacts';

// issue 18 items 4 and 5 (decision 0029): the screener grades what the referrer sent with the
// decision, the referrer sees its grade, and the managers' figures count, by agency, the answers
// on time, the median response, what is open and overdue, the chases, and each referring
// agency's share of complete contacts by month: checked here against a hand count
const NOW = '2026-11-18T10:00:00.000Z'; // a Wednesday
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const QUESTIONS = 'Is the family known to you? Any incidents at the address in the last 12 months?';
const RATIONALE = 'Bruising explained by the school; the family engaged at once and accept early help.';

describe('information sharing: referral quality and the figures (issue 18)', () => {
  let t: TestApp;
  let clock: SettableClock;
  let screener: string;
  let manager: string;
  let police: string;
  let school: string;
  let agencies: Record<string, string>;

  beforeAll(async () => {
    clock = new SettableClock(NOW);
    t = await createTestApp({ clock });
    [screener, manager, police, school] = await Promise.all([
      t.login('screener@mach.example'),
      t.login('manager@mach.example'),
      t.login('police@cleveland.example'),
      t.login('school@partner.example'),
    ]);
    const rows = (await t.dataSource.query(`select id, name from agency`)) as { id: string; name: string }[];
    agencies = Object.fromEntries(rows.map((r) => [r.name, r.id]));
  });
  afterAll(() => t.close());

  const contact = async (over: Body = {}, token = screener) => {
    const u = randomUUID().slice(0, 6);
    const made = (
      await t
        .http()
        .post('/api/contacts')
        .set(bearer(token))
        .send(
          contactBody({
            child: { firstName: `Rae${u}`, lastName: 'Moss', dateOfBirth: '2013-03-04' },
            ...over,
          }),
        )
        .expect(201)
    ).body as { id: string };
    await t.http().post(`/api/contacts/${made.id}/claim`).set(bearer(screener)).send({}).expect(200);
    return made.id;
  };
  const ask = async (contactId: string, names: string[]) =>
    (
      await t
        .http()
        .post(`/api/contacts/${contactId}/information-requests`)
        .set(bearer(screener))
        .send({ agencies: names.map((n) => agencies[n]), questions: QUESTIONS, lawfulBasis: 'CONSENT' })
        .expect(201)
    ).body.requests as { id: string }[];
  const decide = (contactId: string, quality: Body) =>
    t
      .http()
      .post(`/api/contacts/${contactId}/decision`)
      .set(bearer(screener))
      .send({ level: 2, outcome: 'EARLY_HELP', rationale: RATIONALE, quality });

  it('should take a grade with the decision, refuse a wrong one, and show the referrer its grade', async () => {
    const id = await contact({}, school);
    for (const [quality, field] of [
      [{ grade: 'EXCELLENT' }, 'quality.grade'],
      [{ grade: 'PARTIAL' }, 'quality.reasons'],
      [{ grade: 'COMPLETE', reasons: ['NO_CHILD_VIEW'] }, 'quality.reasons'],
      [{ grade: 'PARTIAL', reasons: ['NO_IDEA'] }, 'quality.reasons'],
    ] as [Body, string][]) {
      const res = await decide(id, quality).expect(400);
      expect(res.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    }
    const decided = await decide(id, {
      grade: 'INSUFFICIENT',
      reasons: ['NO_DETAIL_OF_CONCERN', 'NO_CHILD_VIEW'],
    }).expect(201);
    expect(decided.body.decision.quality).toEqual({
      grade: 'INSUFFICIENT',
      reasons: ['NO_DETAIL_OF_CONCERN', 'NO_CHILD_VIEW'],
    });
    const theirs = await t.http().get(`/api/contacts/${id}`).set(bearer(school)).expect(200);
    expect(theirs.body.quality).toEqual({
      grade: 'INSUFFICIENT',
      reasons: ['NO_DETAIL_OF_CONCERN', 'NO_CHILD_VIEW'],
    });
  });

  it('should count, by agency, what a hand count gives', async () => {
    // the front door's own contacts, graded COMPLETE and PARTIAL
    await decide(await contact(), { grade: 'COMPLETE' }).expect(201);
    await decide(await contact(), { grade: 'PARTIAL', reasons: ['NO_CONSENT_RECORDED'] }).expect(201);

    // a RED contact asks police and health; police answer after 30 minutes, health never do
    const red = await contact({ immediateRisk: true });
    const [policeRed, healthRed] = await ask(red, ['Cleveland Police', 'South Tees Health']);
    clock.advance(30 * 60_000);
    await t
      .http()
      .post(`/api/information-requests/${policeRed.id}/response`)
      .set(bearer(police))
      .send({ summary: 'One call-out in March.', knownToAgency: true })
      .expect(201);
    // a GREEN contact asks police, chased twice, not yet due
    const green = await contact({ immediateRisk: false, categories: ['OTHER'] });
    const [policeGreen] = await ask(green, ['Cleveland Police']);
    for (const token of [screener, manager])
      await t
        .http()
        .post(`/api/information-requests/${policeGreen.id}/chase`)
        .set(bearer(token))
        .send({})
        .expect(201);
    // five hours on: health's RED request is overdue
    clock.advance(5 * 3600_000);
    expect(healthRed.id).toBeDefined();

    const m = (await t.http().get('/api/metrics').set(bearer(manager)).expect(200)).body as {
      informationSharing: {
        byAgency: Record<string, unknown>[];
        responsesByMonth: Record<string, unknown>[];
        qualityByReferringAgency: Record<string, unknown>[];
      };
    };
    const byName = Object.fromEntries(m.informationSharing.byAgency.map((a) => [a.agency, a]));
    expect(byName['Cleveland Police']).toEqual({
      agencyId: agencies['Cleveland Police'],
      agency: 'Cleveland Police',
      // the RED one answered in time; the GREEN one neither answered nor due
      answeredWithinTimescale: { numerator: 1, denominator: 1, percent: 100 },
      medianResponseMinutes: { RED: 30, AMBER: null, GREEN: null },
      open: 1,
      overdue: 0,
      requests: 2,
      chases: 2,
    });
    expect(byName['South Tees Health']).toEqual({
      agencyId: agencies['South Tees Health'],
      agency: 'South Tees Health',
      answeredWithinTimescale: { numerator: 0, denominator: 1, percent: 0 },
      medianResponseMinutes: { RED: null, AMBER: null, GREEN: null },
      open: 1,
      overdue: 1,
      requests: 1,
      chases: 0,
    });
    const november = [
      {
        agencyId: agencies['Cleveland Police'],
        agency: 'Cleveland Police',
        month: '2026-11',
        requests: 2,
        answeredWithinTimescale: { numerator: 1, denominator: 1, percent: 100 },
      },
      {
        agencyId: agencies['South Tees Health'],
        agency: 'South Tees Health',
        month: '2026-11',
        requests: 1,
        answeredWithinTimescale: { numerator: 0, denominator: 1, percent: 0 },
      },
    ];
    expect(m.informationSharing.responsesByMonth).toEqual(november);
    expect(m.informationSharing.qualityByReferringAgency).toEqual([
      {
        agency: 'Acklam Primary School',
        month: '2026-11',
        complete: 0,
        partial: 0,
        insufficient: 1,
        completeShare: { numerator: 0, denominator: 1, percent: 0 },
      },
      {
        agency: 'MACH',
        month: '2026-11',
        complete: 1,
        partial: 1,
        insufficient: 0,
        completeShare: { numerator: 1, denominator: 2, percent: 50 },
      },
    ]);

    // into December (Monday 7th): a RED request to the police answered after five hours, late,
    // counts in its own month; November's figures stay as they were, the GREEN request now due
    clock.advance(19 * 24 * 3600_000);
    const december = await contact({ immediateRisk: true });
    const [late] = await ask(december, ['Cleveland Police']);
    clock.advance(5 * 3600_000);
    await t
      .http()
      .post(`/api/information-requests/${late.id}/response`)
      .set(bearer(police))
      .send({ summary: 'Nothing further known.', knownToAgency: false })
      .expect(201);
    const later = (await t.http().get('/api/metrics').set(bearer(manager)).expect(200)).body as typeof m;
    expect(later.informationSharing.responsesByMonth).toEqual([
      { ...november[0], answeredWithinTimescale: { numerator: 1, denominator: 2, percent: 50 } },
      november[1],
      {
        agencyId: agencies['Cleveland Police'],
        agency: 'Cleveland Police',
        month: '2026-12',
        requests: 1,
        answeredWithinTimescale: { numerator: 0, denominator: 1, percent: 0 },
      },
    ]);
  });
});
