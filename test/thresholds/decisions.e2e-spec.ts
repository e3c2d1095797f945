import { randomUUID } from 'node:crypto';
import { SettableClock } from '@app/core';
import { createTestApp, type TestApp } from '../support/test-app';
import { contactBody, type Body } from '../support/contacts';

// Tuesday 1 December 2026, 10:00 in London: every date below follows from it
const NOW = '2026-12-01T10:00:00.000Z';
const RATIONALE =
  'The school describes a pattern over weeks; the family has accepted support before and engaged.';

describe('threshold decisions (DOMAIN.md "Threshold decisions")', () => {
  let t: TestApp;
  let clock: SettableClock;
  let screener: string;
  let manager: string;
  let manager2: string;
  let partner: string;

  beforeAll(async () => {
    clock = new SettableClock(NOW);
    t = await createTestApp({ clock });
    await t.dataSource.query(
      `insert into app_user (agency_id, email, name, role, password_hash)
       select agency_id, 'manager2@mach.example', 'Max Manager', 'MANAGER', password_hash from app_user where email = 'manager@mach.example'`,
    );
    [screener, manager, manager2, partner] = await Promise.all([
      t.login('screener@mach.example'),
      t.login('manager@mach.example'),
      t.login('manager2@mach.example'),
      t.login('school@partner.example'),
    ]);
  });
  afterAll(() => t.close());
  beforeEach(() => clock.set(NOW));

  const as = (token: string) => ({ authorization: `Bearer ${token}` });
  const newContact = async (body: Body = {}, token = screener) =>
    (await t.http().post('/api/contacts').set(as(token)).send(contactBody(body)).expect(201)).body as {
      id: string;
      child: { id: string };
    } & Body;
  const claim = (id: string, token = screener) =>
    t.http().post(`/api/contacts/${id}/claim`).set(as(token)).send({}).expect(200);
  const decide = (id: string, body: Body, token = screener) =>
    t
      .http()
      .post(`/api/contacts/${id}/decision`)
      .set(as(token))
      .send({ rationale: RATIONALE, ...body });
  const authorise = (id: string, body: Body, token = manager2) =>
    t.http().post(`/api/contacts/${id}/decision/authorise`).set(as(token)).send(body);
  const claimedContact = async (body: Body = {}) => {
    const c = await newContact(body);
    await claim(c.id);
    return c;
  };

  describe('level and outcome', () => {
    it.each<[number, string, boolean, boolean]>([
      // level, outcome, makes a referral, starts a strategy discussion
      [1, 'NFA', false, false],
      [1, 'INFORMATION_AND_ADVICE', false, false],
      [2, 'EARLY_HELP', false, false],
      [2, 'INFORMATION_AND_ADVICE', false, false],
      [3, 'SOCIAL_CARE_ASSESSMENT', true, false],
      [4, 'STRATEGY_DISCUSSION', true, true],
    ])(
      'should decide level %i as %s at once when the pair is consistent',
      async (level, outcome, referral, strategy) => {
        const c = await claimedContact();
        const res = await decide(c.id, { level, outcome, primaryNeedCode: 'N1' }).expect(201);
        expect(res.body.status).toBe('DECIDED');
        expect(res.body.decision).toMatchObject({
          level,
          outcome,
          status: 'DECIDED',
          authorisationReasons: [],
        });
        expect(!!res.body.referral).toBe(referral);
        expect(!!res.body.strategyDiscussion).toBe(strategy);
      },
    );

    it('should need an override reason for a pair outside the consistent ones, then ask a manager', async () => {
      const c = await claimedContact();
      const refused = await decide(c.id, {
        level: 2,
        outcome: 'SOCIAL_CARE_ASSESSMENT',
        primaryNeedCode: 'N4',
      }).expect(400);
      expect(refused.body.error.details.map((d: { field: string }) => d.field)).toEqual(['overrideReason']);
      const res = await decide(c.id, {
        level: 2,
        outcome: 'SOCIAL_CARE_ASSESSMENT',
        primaryNeedCode: 'N4',
        overrideReason: 'Early help offered twice and refused; needs statutory assessment.',
      }).expect(201);
      expect(res.body.status).toBe('AWAITING_AUTHORISATION');
      expect(res.body.decision.authorisationReasons.map((r: { code: string }) => r.code)).toEqual([
        'OVERRIDE',
      ]);
    });

    it.each<[string, Body, string]>([
      ['a short rationale', { level: 1, outcome: 'NFA', rationale: 'Not enough.' }, 'rationale'],
      [
        'a referral without a primary need',
        { level: 3, outcome: 'SOCIAL_CARE_ASSESSMENT' },
        'primaryNeedCode',
      ],
      [
        'an unknown primary need',
        { level: 3, outcome: 'SOCIAL_CARE_ASSESSMENT', primaryNeedCode: 'N12' },
        'primaryNeedCode',
      ],
      ['factor 21 beside another', { level: 1, outcome: 'NFA', factors: ['21', '3A'] }, 'factors'],
      ['an unknown factor', { level: 1, outcome: 'NFA', factors: ['99Z'] }, 'factors'],
      ['level 5', { level: 5, outcome: 'NFA' }, 'level'],
      ['an unknown outcome', { level: 1, outcome: 'CLOSE' }, 'outcome'],
      ['an unknown field', { level: 1, outcome: 'NFA', urgent: true }, 'urgent'],
    ])('should answer 400 naming the field for %s, leaving the contact open', async (_what, body, field) => {
      const c = await claimedContact();
      const res = await decide(c.id, body).expect(400);
      expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
      const view = await t.http().get(`/api/contacts/${c.id}`).set(as(screener)).expect(200);
      expect(view.body.status).toBe('IN_SCREENING');
    });
  });

  describe('who may decide, and races', () => {
    it('should refuse a screener who has not claimed the contact, and one whose colleague holds it', async () => {
      const c = await newContact();
      await decide(c.id, { level: 1, outcome: 'NFA' }).expect(403);
      await claim(c.id, await t.login('screener2@mach.example'));
      const res = await decide(c.id, { level: 1, outcome: 'NFA' }).expect(409);
      expect(res.body.error.code).toBe('CONTACT_ALREADY_CLAIMED');
    });

    it('should let exactly one of ten concurrent decisions win; the others get STALE_STATE', async () => {
      const c = await newContact();
      const results = await Promise.all(
        Array.from({ length: 10 }, () => decide(c.id, { level: 2, outcome: 'EARLY_HELP' }, manager)),
      );
      expect(results.filter((r) => r.status === 201)).toHaveLength(1);
      const losers = results.filter((r) => r.status === 409);
      expect(losers).toHaveLength(9);
      losers.forEach((r) => expect(r.body.error.code).toBe('STALE_STATE'));
      const [{ n }] = await t.dataSource.query(
        'select count(*)::int as n from threshold_decision where contact_id = $1',
        [c.id],
      );
      expect(n).toBe(1);
    });

    it('should answer STALE_STATE when deciding a contact already decided', async () => {
      const c = await claimedContact();
      await decide(c.id, { level: 1, outcome: 'NFA' }).expect(201);
      const res = await decide(c.id, { level: 1, outcome: 'NFA' }).expect(409);
      expect(res.body.error.code).toBe('STALE_STATE');
    });
  });

  describe('authorisation rules (config/threshold-catalogue.yml)', () => {
    it('should ask a manager when a RED contact is closed with NFA, and not when it goes to strategy discussion', async () => {
      const red = await claimedContact({ immediateRisk: true });
      const closed = await decide(red.id, { level: 1, outcome: 'NFA' }).expect(201);
      expect(closed.body.status).toBe('AWAITING_AUTHORISATION');
      expect(closed.body.decision.authorisationReasons).toEqual([
        { code: 'RED_CONTACT_CLOSED', text: expect.any(String) },
      ]);
      const red2 = await claimedContact({ immediateRisk: true });
      const strategy = await decide(red2.id, {
        level: 4,
        outcome: 'STRATEGY_DISCUSSION',
        primaryNeedCode: 'N1',
      }).expect(201);
      expect(strategy.body.status).toBe('DECIDED');
    });

    it('should ask a manager when the child had 3 contacts in 12 months, and not when 2', async () => {
      const kid = {
        firstName: `Ivy${randomUUID().slice(0, 6)}`,
        lastName: 'Stone',
        dateOfBirth: '2016-01-01',
      };
      for (let i = 0; i < 2; i += 1) await newContact({ child: kid });
      const third = await claimedContact({ child: kid });
      expect((await decide(third.id, { level: 2, outcome: 'EARLY_HELP' }).expect(201)).body.status).toBe(
        'DECIDED',
      );
      const fourth = await claimedContact({ child: kid });
      const res = await decide(fourth.id, { level: 2, outcome: 'EARLY_HELP' }).expect(201);
      expect(res.body.status).toBe('AWAITING_AUTHORISATION');
      expect(res.body.decision.authorisationReasons.map((r: { code: string }) => r.code)).toEqual([
        'REPEAT_CONTACTS',
      ]);
    });

    it('should list awaiting decisions on the authorisation queue with why, and approve them into force', async () => {
      const c = await claimedContact({ immediateRisk: true });
      await decide(c.id, { level: 1, outcome: 'NFA' }).expect(201);
      const queue = await t.http().get('/api/queues/authorisation').set(as(manager2)).expect(200);
      const item = queue.body.items.find((i: { id: string }) => i.id === c.id);
      expect(item).toMatchObject({
        kind: 'DECISION',
        rag: 'RED',
        status: 'AWAITING_AUTHORISATION',
        flags: ['RED_CONTACT_CLOSED'],
      });
      const screening = await t.http().get('/api/queues/screening').set(as(screener)).expect(200);
      expect(screening.body.items.some((i: { id: string }) => i.id === c.id)).toBe(false);

      const approved = await authorise(c.id, { approve: true }).expect(200);
      expect(approved.body).toMatchObject({
        status: 'DECIDED',
        decision: { status: 'APPROVED', authorisedBy: { name: 'Max Manager' } },
      });
      const after = await t.http().get('/api/queues/authorisation').set(as(manager2)).expect(200);
      expect(after.body.items.some((i: { id: string }) => i.id === c.id)).toBe(false);
    });

    it('should return a rejected decision to the screener with the comment, claim kept, and allow a new decision', async () => {
      const c = await claimedContact({ immediateRisk: true });
      await decide(c.id, { level: 1, outcome: 'NFA' }).expect(201);
      await authorise(c.id, { approve: false }).expect(400);
      const rejected = await authorise(c.id, {
        approve: false,
        comment: 'Speak to the school nurse before closing.',
      }).expect(200);
      expect(rejected.body.status).toBe('IN_SCREENING');
      const view = await t.http().get(`/api/contacts/${c.id}`).set(as(screener)).expect(200);
      expect(view.body).toMatchObject({
        status: 'IN_SCREENING',
        claimedBy: { name: 'Sam Screener' },
        decision: { status: 'REJECTED', authorisationComment: 'Speak to the school nurse before closing.' },
      });
      const screening = await t.http().get('/api/queues/screening').set(as(screener)).expect(200);
      expect(screening.body.items.find((i: { id: string }) => i.id === c.id)?.claimedBy?.name).toBe(
        'Sam Screener',
      );
      const again = await decide(c.id, {
        level: 4,
        outcome: 'STRATEGY_DISCUSSION',
        primaryNeedCode: 'N1',
      }).expect(201);
      expect(again.body.status).toBe('DECIDED');
      const later = await t.http().get(`/api/contacts/${c.id}`).set(as(screener)).expect(200);
      expect(later.body.decision.status).toBe('DECIDED');
      expect(later.body.earlierDecisions).toEqual([expect.objectContaining({ status: 'REJECTED' })]);
    });

    it('should refuse a manager authorising their own decision, and a screener authorising at all', async () => {
      const c = await newContact({ immediateRisk: true });
      await decide(c.id, { level: 1, outcome: 'NFA' }, manager).expect(201);
      const self = await authorise(c.id, { approve: true }, manager).expect(403);
      expect(self.body.error.code).toBe('FORBIDDEN');
      await authorise(c.id, { approve: true }, screener).expect(403);
      await authorise(c.id, { approve: true }, manager2).expect(200);
      const twice = await authorise(c.id, { approve: true }, manager2).expect(409);
      expect(twice.body.error.code).toBe('STALE_STATE');
    });
  });

  describe('referrals, strategy discussions and timeliness', () => {
    it('should make a referral with the single assessment due 45 working days on, across Christmas and New Year', async () => {
      const c = await claimedContact();
      const res = await decide(c.id, {
        level: 3,
        outcome: 'SOCIAL_CARE_ASSESSMENT',
        primaryNeedCode: 'N1',
        factors: ['3A', '4B'],
      }).expect(201);
      // 45 working days after Tue 1 Dec 2026, skipping 25 and 28 Dec 2026 and 1 Jan 2027
      expect(res.body.referral).toMatchObject({
        referralDate: '2026-12-01',
        assessmentDueDate: '2027-02-05',
        reReferral: false,
        primaryNeedCode: 'N1',
        source: '2A',
      });
    });

    it('should mark a re-referral when the child was referred in the previous 12 months', async () => {
      const kid = {
        firstName: `Rae${randomUUID().slice(0, 6)}`,
        lastName: 'Moss',
        dateOfBirth: '2014-05-05',
      };
      const first = await claimedContact({ child: kid });
      expect(
        (
          await decide(first.id, {
            level: 3,
            outcome: 'SOCIAL_CARE_ASSESSMENT',
            primaryNeedCode: 'N1',
          }).expect(201)
        ).body.referral.reReferral,
      ).toBe(false);
      clock.set('2027-03-01T10:00:00Z');
      const second = await claimedContact({ child: kid });
      const res = await decide(second.id, {
        level: 3,
        outcome: 'SOCIAL_CARE_ASSESSMENT',
        primaryNeedCode: 'N1',
      }).expect(201);
      expect(res.body.referral).toMatchObject({ referralDate: '2027-03-01', reReferral: true });
    });

    it('should start a strategy discussion due 1 working day after the decision', async () => {
      const c = await claimedContact({ immediateRisk: true });
      const res = await decide(c.id, {
        level: 4,
        outcome: 'STRATEGY_DISCUSSION',
        primaryNeedCode: 'N1',
      }).expect(201);
      expect(res.body.strategyDiscussion).toEqual({
        id: expect.any(String),
        dueAt: '2026-12-02T10:00:00.000Z',
      });
    });

    it('should record the decision as late, with the minutes taken, when it comes after the deadline', async () => {
      const c = await claimedContact({ categories: ['NEGLECT'] }); // AMBER: due Wed 2 Dec 10:00
      clock.set('2026-12-02T11:30:00Z');
      const res = await decide(c.id, { level: 2, outcome: 'EARLY_HELP' }).expect(201);
      expect(res.body.decision).toMatchObject({
        withinTimescale: false,
        minutesTaken: 25 * 60 + 30,
        decidedAt: '2026-12-02T11:30:00.000Z',
      });
      clock.set(NOW);
      const onTime = await claimedContact();
      clock.set('2026-12-01T10:45:00Z');
      expect((await decide(onTime.id, { level: 1, outcome: 'NFA' }).expect(201)).body.decision).toMatchObject(
        { withinTimescale: true, minutesTaken: 45 },
      );
    });
  });

  describe('the referrer is told', () => {
    it('should let the referring partner read the outcome on its own contact, and nobody else', async () => {
      const c = await newContact({}, partner);
      await claim(c.id);
      const res = await decide(c.id, { level: 2, outcome: 'EARLY_HELP' }).expect(201);
      expect(res.body.decision.acknowledgement).toEqual({
        recipient: { name: 'Ms J Patel', organisation: 'Acklam Primary School' },
        outcome: 'EARLY_HELP',
        recordedAt: NOW,
      });
      const seen = await t.http().get(`/api/contacts/${c.id}`).set(as(partner)).expect(200);
      expect(seen.body).toMatchObject({
        status: 'DECIDED',
        outcome: 'EARLY_HELP',
        acknowledgement: { outcome: 'EARLY_HELP' },
      });
      expect(seen.body.decision).toBeUndefined();
      expect(JSON.stringify(seen.body)).not.toContain(RATIONALE);

      await t.dataSource.query(`insert into agency (name, kind) values ('Linthorpe Surgery', 'HEALTH')`);
      await t.dataSource.query(
        `insert into app_user (agency_id, email, name, role, password_hash)
         select a.id, 'gp@partner.example', 'Dr Gray', 'PARTNER', u.password_hash
           from agency a, app_user u where a.name = 'Linthorpe Surgery' and u.email = 'school@partner.example'`,
      );
      await t
        .http()
        .get(`/api/contacts/${c.id}`)
        .set(as(await t.login('gp@partner.example')))
        .expect(404);
    });

    it('should tell a referrer of a strategy discussion only that social care is involved', async () => {
      const c = await newContact({ immediateRisk: true }, partner);
      await claim(c.id);
      await decide(c.id, { level: 4, outcome: 'STRATEGY_DISCUSSION', primaryNeedCode: 'N1' }).expect(201);
      const seen = await t.http().get(`/api/contacts/${c.id}`).set(as(partner)).expect(200);
      expect(seen.body.outcome).toBe('SOCIAL_CARE');
      expect(JSON.stringify(seen.body)).not.toMatch(/STRATEGY|strategyDiscussion/);
    });
  });

  it('should write the decision, referral and strategy discussion to the audit trail and one live event, in one transaction', async () => {
    const c = await claimedContact({ immediateRisk: true });
    const res = await decide(c.id, {
      level: 4,
      outcome: 'STRATEGY_DISCUSSION',
      primaryNeedCode: 'N1',
    }).expect(201);
    const actions = (
      await t.dataSource.query(`select action from audit_entry where entity_id in ($1, $2, $3) order by id`, [
        c.id,
        res.body.referral.id,
        res.body.strategyDiscussion.id,
      ])
    ).map((r: { action: string }) => r.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'DECISION_RECORDED',
        'REFERRER_ACKNOWLEDGED',
        'REFERRAL_CREATED',
        'STRATEGY_DISCUSSION_CREATED',
      ]),
    );
    await t.sequenced();
    const events = await t.dataSource.query(
      `select type from live_event where payload->>'id' = $1 order by seq`,
      [c.id],
    );
    expect(events.map((e: { type: string }) => e.type)).toEqual([
      'contact.created',
      'contact.claimed',
      'contact.decided',
    ]);
  });
});
