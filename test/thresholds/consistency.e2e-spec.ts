import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SettableClock } from '@app/core';
import { contactBody, makeScreeners, type Body } from '../support/contacts';
import { createTestApp, type TestApp } from '../support/test-app';

// issue 21 items 1 and 2: boomerangs (a child back within the window after a contact was closed
// at the front door) and the outcome mix of each screener against the team. The app runs on a
// copy of config/ whose quality.yml lists a screener from 3 RED/AMBER decisions (20 in config/),
// so that a hand count stays small; the window is config/'s 30 days.

// Monday 3 March 2031, 10:00 UTC (GMT in London): a year no other test writes in
const MONDAY = '2031-03-03T10:00:00.000Z';
const DAY = 86_400_000;
const at = (days: number) => new Date(Date.parse(MONDAY) + days * DAY).toISOString();
const RATIONALE = 'Attendance is the only worry; school and family agreed a plan and advice was given.';

describe('thresholds applied consistently (issue 21)', () => {
  let t: TestApp;
  let dir: string;
  let clock: SettableClock;
  let screener: string;
  let manager: string;
  let screenerId: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'frontdoor-quality-'));
    await cp(join(__dirname, '..', '..', 'config'), dir, { recursive: true });
    const file = join(dir, 'quality.yml');
    const text = await readFile(file, 'utf8');
    const edited = text.replace('minimumDecisions: 20', 'minimumDecisions: 3');
    if (edited === text) throw new Error('quality.yml: minimumDecisions not found');
    await writeFile(file, edited);
    clock = new SettableClock(MONDAY);
    t = await createTestApp({ clock, env: { POLICY_DIR: dir } });
    [screener, manager] = await Promise.all([
      t.login('screener@mach.example'),
      t.login('manager@mach.example'),
    ]);
    [{ id: screenerId }] = (await t.dataSource.query(
      `select id from app_user where email = 'screener@mach.example'`,
    )) as {
      id: string;
    }[];
  });
  afterAll(async () => {
    await t.close();
    await rm(dir, { recursive: true, force: true });
  });

  const as = (token: string) => ({ authorization: `Bearer ${token}` });
  const newContact = async (body: Body, token = screener) =>
    (await t.http().post('/api/contacts').set(as(token)).send(contactBody(body)).expect(201)).body as {
      id: string;
    };
  // a contact the screener claims and decides, at the clock's time
  const decided = async (body: Body, decision: Body, token = screener) => {
    const c = await newContact(body, token);
    await t.http().post(`/api/contacts/${c.id}/claim`).set(as(token)).send({}).expect(200);
    await t
      .http()
      .post(`/api/contacts/${c.id}/decision`)
      .set(as(token))
      .send({ rationale: RATIONALE, ...decision })
      .expect(201);
    return c;
  };
  const consistency = (query: string, token = manager) =>
    t.http().get(`/api/metrics/consistency?${query}`).set(as(token));

  describe('boomerangs (item 1)', () => {
    const child = { firstName: 'Boomer', lastName: 'Rang', dateOfBirth: '2019-02-02' };
    let earlier: string;
    let later: string;

    beforeAll(async () => {
      clock.set(MONDAY);
      earlier = (await decided({ child }, { level: 1, outcome: 'NFA' })).id;
      // the same child, ten days after the NFA
      clock.set(at(10));
      later = (await newContact({ child })).id;
    });

    it('flags the later contact on the screening queue', async () => {
      const queue = await t.http().get('/api/queues/screening').set(as(screener)).expect(200);
      const item = queue.body.items.find((i: { id: string }) => i.id === later);
      expect(item.flags).toContain('RETURNED_AFTER_NFA');
    });

    it('shows the earlier decision and its rationale on the later contact, and the return on the earlier one', async () => {
      const back = await t.http().get(`/api/contacts/${later}`).set(as(screener)).expect(200);
      expect(back.body.returnedAfter).toEqual({
        contactId: earlier,
        reference: expect.stringMatching(/^CON-2031-\d{6}$/),
        outcome: 'NFA',
        rationale: RATIONALE,
        decidedBy: { id: screenerId, name: 'Sam Screener' },
        closedAt: MONDAY,
        days: 10,
      });
      const first = await t.http().get(`/api/contacts/${earlier}`).set(as(screener)).expect(200);
      expect(first.body.boomerang).toEqual({
        contactId: later,
        reference: expect.stringMatching(/^CON-2031-\d{6}$/),
        receivedAt: at(10),
        days: 10,
      });
      expect(first.body.decision.outcome).toBe('NFA');
    });

    it('does not flag a child back after the window, or after a referral, and tells a partner nothing', async () => {
      const outside = { firstName: 'Late', lastName: 'Return', dateOfBirth: '2018-05-05' };
      clock.set(MONDAY);
      await decided({ child: outside }, { level: 1, outcome: 'NFA' });
      clock.set(at(31));
      const late = await newContact({ child: outside });
      const referred = { firstName: 'Was', lastName: 'Referred', dateOfBirth: '2017-06-06' };
      clock.set(MONDAY);
      await decided(
        { child: referred },
        { level: 3, outcome: 'SOCIAL_CARE_ASSESSMENT', primaryNeedCode: 'N1' },
      );
      clock.set(at(5));
      const again = await newContact({ child: referred });
      for (const id of [late.id, again.id]) {
        const view = await t.http().get(`/api/contacts/${id}`).set(as(screener)).expect(200);
        expect(view.body.returnedAfter).toBeUndefined();
      }
      const school = await t.login('school@partner.example');
      const mine = await newContact({ child }, school);
      const partnerView = await t.http().get(`/api/contacts/${mine.id}`).set(as(school)).expect(200);
      expect(partnerView.body.returnedAfter).toBeUndefined();
      const staffView = await t.http().get(`/api/contacts/${mine.id}`).set(as(screener)).expect(200);
      expect(staffView.body.returnedAfter.contactId).toBe(earlier);
    });

    it('counts it in the figures, with numerators and denominators', async () => {
      clock.set(at(12));
      const res = await consistency('from=2031-03-01&to=2031-03-31').expect(200);
      const figures = res.body.boomerangs;
      expect(figures.windowDays).toBe(30);
      // closures in the months to 31 March: Boomer's and Late's NFAs (the referral is not a closure)
      expect(figures.last3Months.all).toMatchObject({ rate: { numerator: 1, denominator: 2, percent: 50 } });
      expect(figures.last12Months.all.rate).toEqual(figures.last3Months.all.rate);
      expect(figures.last3Months.byOutcome).toEqual([
        { key: 'NFA', label: 'NFA', rate: { numerator: 1, denominator: 2, percent: 50 }, stillInWindow: 1 },
      ]);
      expect(figures.last3Months.byScreener).toEqual([
        {
          key: screenerId,
          label: 'Sam Screener',
          rate: { numerator: 1, denominator: 2, percent: 50 },
          stillInWindow: 1,
        },
      ]);
      expect(figures.last3Months.byAgency.map((a: { rate: unknown }) => a.rate)).toEqual([
        { numerator: 1, denominator: 2, percent: 50 },
      ]);
    });
  });

  describe('the outcome mix by screener against the team (item 2)', () => {
    it('matches a hand count, and lists who differs by more than the margin', async () => {
      // April 2031, away from the boomerang contacts of March
      const [a, b] = await makeScreeners(t, 2);
      const amber = { rag: 'AMBER', ragReason: 'A pattern over three weeks needs a look today.' };
      const red = { immediateRisk: true };
      clock.set('2031-04-07T09:00:00.000Z');
      // a: three AMBER closed with NFA, one GREEN NFA
      for (let i = 0; i < 3; i++) await decided(amber, { level: 1, outcome: 'NFA' }, a.token);
      await decided({}, { level: 1, outcome: 'NFA' }, a.token);
      // b: AMBER one NFA, two early help (one of them overriding level 1's usual outcomes);
      // RED: an NFA a manager rejects, then a referral
      await decided(amber, { level: 1, outcome: 'NFA' }, b.token);
      await decided(amber, { level: 2, outcome: 'EARLY_HELP' }, b.token);
      await decided(
        amber,
        {
          level: 1,
          outcome: 'EARLY_HELP',
          overrideReason: 'The family asked for help themselves; early help fits better than advice.',
        },
        b.token,
      );
      const r = await decided(red, { level: 1, outcome: 'NFA' }, b.token);
      await t
        .http()
        .post(`/api/contacts/${r.id}/decision/authorise`)
        .set(as(manager))
        .send({ approve: false, comment: 'Speak to the school nurse before closing.' })
        .expect(200);
      await t
        .http()
        .post(`/api/contacts/${r.id}/decision`)
        .set(as(b.token))
        .send({ rationale: RATIONALE, level: 3, outcome: 'SOCIAL_CARE_ASSESSMENT', primaryNeedCode: 'N1' })
        .expect(201);

      const res = await consistency('from=2031-04-01&to=2031-04-30').expect(200);
      const body = res.body;
      expect(body).toMatchObject({
        from: '2031-04-01',
        to: '2031-04-30',
        rule: { nfaShareMargin: 0.15, minimumDecisions: 3 },
      });
      const mixOf = (user: string) => body.screeners.find((s: { userId: string }) => s.userId === user);
      const outcome = (mix: { outcomes: { outcome: string; count: number }[] }, o: string) =>
        mix.outcomes.find((x) => x.outcome === o)?.count;
      const [aRed, aAmber, aGreen] = mixOf(a.id).byRag;
      expect([aRed.decisions, aAmber.decisions, aGreen.decisions]).toEqual([0, 3, 1]);
      expect(outcome(aAmber, 'NFA')).toBe(3);
      expect(mixOf(a.id).nfaOnRedAmber).toEqual({ numerator: 3, denominator: 3, percent: 100 });
      const [bRed, bAmber] = mixOf(b.id).byRag;
      expect(bAmber).toMatchObject({
        decisions: 3,
        overrides: { numerator: 1, denominator: 3 },
        rejections: 0,
      });
      expect([outcome(bAmber, 'NFA'), outcome(bAmber, 'EARLY_HELP')]).toEqual([1, 2]);
      expect(bRed).toMatchObject({ decisions: 1, rejections: 1 });
      expect(outcome(bRed, 'SOCIAL_CARE_ASSESSMENT')).toBe(1);
      expect(mixOf(b.id).nfaOnRedAmber).toEqual({ numerator: 1, denominator: 4, percent: 25 });
      // the team: 4 NFA of 7 standing RED/AMBER decisions
      expect(body.teamNfaOnRedAmber).toEqual({ numerator: 4, denominator: 7, percent: 57.1 });
      expect(body.team[1]).toMatchObject({ rag: 'AMBER', decisions: 6 });
      // a (100%) against b (25%): 75 points apart, each against the other
      expect(body.flagged).toEqual(
        expect.arrayContaining([
          {
            userId: a.id,
            name: expect.any(String),
            nfaOnRedAmber: { numerator: 3, denominator: 3, percent: 100 },
            restOfTeam: { numerator: 1, denominator: 4, percent: 25 },
            differencePoints: 75,
          },
          expect.objectContaining({ userId: b.id, differencePoints: -75 }),
        ]),
      );
      expect(body.flagged).toHaveLength(2);
    });

    it('takes the period as local days: a decision at 23:30 in London on the last day counts, one at 00:10 after it does not', async () => {
      const [c] = await makeScreeners(t, 1);
      // 30 April 2031 is in summer time (UTC+1)
      clock.set('2031-04-30T22:30:00.000Z');
      await decided({}, { level: 1, outcome: 'NFA' }, c.token);
      clock.set('2031-04-30T23:10:00.000Z');
      await decided({}, { level: 1, outcome: 'NFA' }, c.token);
      const res = await consistency('from=2031-04-30&to=2031-04-30').expect(200);
      const mine = res.body.screeners.find((s: { userId: string }) => s.userId === c.id);
      expect(mine.byRag[2].decisions).toBe(1);
      const may = await consistency('from=2031-05-01&to=2031-05-01').expect(200);
      expect(may.body.screeners.find((s: { userId: string }) => s.userId === c.id).byRag[2].decisions).toBe(
        1,
      );
    });

    it('is for managers and admins, checks its dates, and is audited', async () => {
      await consistency('from=2031-04-01&to=2031-04-30', screener).expect(403);
      const bad = await consistency('from=2031-02-30').expect(400);
      expect(bad.body.error.details.map((d: { field: string }) => d.field)).toEqual(['from']);
      const backwards = await consistency('from=2031-05-01&to=2031-04-01').expect(400);
      expect(backwards.body.error.details.map((d: { field: string }) => d.field)).toEqual(['from']);
      const admin = await t.login('admin@mach.example');
      await consistency('to=2031-04-30', admin).expect(200);
      await t.sequenced();
      const rows = (await t.dataSource.query(
        `select details from audit_entry where action = 'CONSISTENCY_VIEWED' order by id desc limit 1`,
      )) as { details: { from: string; to: string } }[];
      // from defaults to 90 days before to
      expect(rows[0].details).toMatchObject({ from: '2031-01-30', to: '2031-04-30' });
    });
  });
});
