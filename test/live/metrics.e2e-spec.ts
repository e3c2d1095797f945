import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { SettableClock, timelinessAt } from '@app/core';
import { MetricsService, timelinessSql, type ScreeningMetrics } from '@app/reporting/metrics/metrics.service';
import { createTestApp, type TestApp } from '../support/test-app';
import { contactBody, type Body } from '../support/contacts';

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

// Tuesday 1 December 2026, 10:00 in London (GMT): every figure below follows from it
const NOW = '2026-12-01T10:00:00.000Z';
const RATIONALE =
  'The school describes a pattern over weeks; the family has accepted support before and engaged.';
// the suggested RAG at intake (config/rag-policy.yml): RED 4 h elapsed, AMBER 1 working day, GREEN 3
const RED: Body = { immediateRisk: true };
const AMBER: Body = { categories: ['NEGLECT'] };
const GREEN: Body = { categories: ['OTHER'] };

interface Decision {
  level: number;
  outcome: string;
  primaryNeedCode?: string;
}
const NFA: Decision = { level: 1, outcome: 'NFA' };
const EARLY_HELP: Decision = { level: 2, outcome: 'EARLY_HELP' };
const ASSESSMENT: Decision = { level: 3, outcome: 'SOCIAL_CARE_ASSESSMENT', primaryNeedCode: 'N1' };
const STRATEGY: Decision = { level: 4, outcome: 'STRATEGY_DISCUSSION', primaryNeedCode: 'N1' };

describe('screening metrics (DOMAIN.md "What managers watch", API.md "Metrics and audit")', () => {
  let t: TestApp;
  let clock: SettableClock;
  let screener: string;
  let screener2: string;
  let manager: string;
  const ids: Record<string, string> = {};

  const as = (token: string) => ({ authorization: `Bearer ${token}` });
  const post = async (rag: Body, receivedAt: string, extra: Body = {}): Promise<string> => {
    const res = await t
      .http()
      .post('/api/contacts')
      .set(as(screener))
      .send(contactBody({ ...rag, receivedAt, ...extra }))
      .expect(201);
    return (res.body as { id: string }).id;
  };
  const claim = (id: string, token = screener) =>
    t.http().post(`/api/contacts/${id}/claim`).set(as(token)).send({}).expect(200);
  const decide = async (id: string, decision: Decision, status = 'DECIDED') => {
    const res = await t
      .http()
      .post(`/api/contacts/${id}/decision`)
      .set(as(screener))
      .send({ rationale: RATIONALE, ...decision })
      .expect(201);
    expect(res.body.status).toBe(status);
  };
  // a contact received, claimed and decided with the clock at decidedAt
  const decided = async (
    rag: Body,
    receivedAt: string,
    decidedAt: string,
    decision: Decision,
    extra: Body = {},
  ) => {
    clock.set(decidedAt);
    const id = await post(rag, receivedAt, extra);
    await claim(id);
    await decide(id, decision);
    return id;
  };
  const metrics = async (token = manager): Promise<ScreeningMetrics> =>
    (await t.http().get('/api/metrics').set(as(token)).expect(200)).body as ScreeningMetrics;

  // the history, built in time order through the API so re-referrals and deadlines are the
  // service's own. comments: RAG, received -> decided, on time or late, minutes taken
  beforeAll(async () => {
    clock = new SettableClock(NOW);
    t = await createTestApp({ clock });
    [screener, screener2, manager] = await Promise.all([
      t.login('screener@mach.example'),
      t.login('screener2@mach.example'),
      t.login('manager@mach.example'),
    ]);
    const kid = { firstName: `Kai${randomUUID().slice(0, 6)}`, lastName: 'Reed', dateOfBirth: '2013-03-03' };

    // referrals only: 1 Dec 2025 is exactly 12 months back (outside), 2 Dec 2025 inside
    await decided(AMBER, '2025-12-01T10:00:00Z', '2025-12-01T10:30:00Z', ASSESSMENT);
    await decided(AMBER, '2025-12-02T10:00:00Z', '2025-12-02T10:30:00Z', ASSESSMENT);
    // over 30 days ago: a referral for Kai, outside every decision window
    await decided(RED, '2026-10-01T10:00:00Z', '2026-10-01T10:30:00Z', ASSESSMENT, { child: kid });
    // last 30 days: AMBER, Kai again (a re-referral), on time, 240
    await decided(AMBER, '2026-11-10T09:00:00Z', '2026-11-10T13:00:00Z', ASSESSMENT, { child: kid });
    // last 30 days: AMBER due Fri 6 Nov 10:00, late, 10080
    await decided(AMBER, '2026-11-05T10:00:00Z', '2026-11-12T10:00:00Z', NFA);
    // last 7 days: GREEN, on time, 60
    await decided(GREEN, '2026-11-25T10:00:00Z', '2026-11-25T11:00:00Z', EARLY_HELP);
    // last 7 days: RED due 14:00, late, 300
    await decided(RED, '2026-11-26T10:00:00Z', '2026-11-26T15:00:00Z', EARLY_HELP);
    // last 24 h: AMBER due Mon 30 Nov 14:00, late, 4440, a referral
    await decided(AMBER, '2026-11-27T14:00:00Z', '2026-11-30T16:00:00Z', ASSESSMENT);

    // last 24 h: RED closed with NFA waits for a manager (on time, 30); due 10:00, so OVERDUE now
    clock.set('2026-12-01T06:30:00Z');
    ids.awaiting = await post(RED, '2026-12-01T06:00:00Z');
    await claim(ids.awaiting);
    await decide(ids.awaiting, NFA, 'AWAITING_AUTHORISATION');

    // a rejected decision did not decide the contact: it is back in screening, claimed, and
    // counts in no decision figure. RED due 11:00: exactly 25% left at 10:00 is still ON_TRACK
    clock.set('2026-12-01T07:30:00Z');
    ids.rejected = await post(RED, '2026-12-01T07:00:00Z');
    await claim(ids.rejected);
    await decide(ids.rejected, NFA, 'AWAITING_AUTHORISATION');
    clock.set('2026-12-01T08:00:00Z');
    await t
      .http()
      .post(`/api/contacts/${ids.rejected}/decision/authorise`)
      .set(as(manager))
      .send({ approve: false, comment: 'Speak to the school nurse before closing.' })
      .expect(200);

    // last 24 h: GREEN, on time, 1200
    await decided(GREEN, '2026-11-30T12:00:00Z', '2026-12-01T08:00:00Z', NFA);
    // last 24 h: AMBER due 10:00 today, on time, 1380
    await decided(AMBER, '2026-11-30T10:00:00Z', '2026-12-01T09:00:00Z', EARLY_HELP);
    // last 24 h: RED, on time, 90, a referral
    await decided(RED, '2026-12-01T08:00:00Z', '2026-12-01T09:30:00Z', STRATEGY);

    // open at 10:00
    clock.set(NOW);
    ids.overdue = await post(RED, '2026-12-01T05:00:00Z'); // due 09:00
    ids.dueSoon = await post(RED, '2026-12-01T06:30:00Z'); // due 10:30: 30 of 240 min left
    ids.amberDueSoon = await post(AMBER, '2026-11-30T15:00:00Z'); // due 15:00: 5 of 24 h left
    ids.amberNew = await post(AMBER, NOW);
    ids.green = await post(GREEN, '2026-12-01T09:00:00Z');
    await claim(ids.overdue);
    await claim(ids.dueSoon, screener2);
    await claim(ids.amberNew, screener2);
    await claim(ids.green, screener2);
  });
  afterAll(() => t.close());
  beforeEach(() => clock.set(NOW));

  describe('queues', () => {
    it('should count open screening contacts by RAG and timeliness, with the oldest age, when contacts wait', async () => {
      const m = await metrics();
      expect(m.asOf).toBe(NOW);
      expect(m.queues.screening).toEqual({
        open: 6,
        byRag: { RED: 3, AMBER: 2, GREEN: 1 },
        // overdue: RED from 05:00; due soon: RED from 06:30, AMBER from yesterday 15:00;
        // on track: RED with exactly a quarter left, AMBER received now, GREEN
        byTimeliness: { ON_TRACK: 3, DUE_SOON: 2, OVERDUE: 1 },
        // the AMBER received yesterday at 15:00
        oldestItemAgeMinutes: 19 * 60,
      });
    });

    it('should count decisions awaiting a manager on the authorisation queue when a RED contact is closed with NFA', async () => {
      const m = await metrics();
      expect(m.queues.authorisation).toEqual({
        open: 1,
        byRag: { RED: 1, AMBER: 0, GREEN: 0 },
        // due at 10:00 exactly: overdue from the deadline itself
        byTimeliness: { ON_TRACK: 0, DUE_SOON: 0, OVERDUE: 1 },
        oldestItemAgeMinutes: 240,
      });
    });

    it('should move contacts to OVERDUE and age the queue when the clock passes their deadlines', async () => {
      clock.set('2026-12-01T11:00:00Z');
      const m = await metrics();
      expect(m.asOf).toBe('2026-12-01T11:00:00.000Z');
      expect(m.queues.screening.byTimeliness).toEqual({ ON_TRACK: 2, DUE_SOON: 1, OVERDUE: 3 });
      expect(m.queues.screening.oldestItemAgeMinutes).toBe(20 * 60);
    });

    it('should list each screener with their open claimed contacts, most first, when screeners hold claims', async () => {
      const m = await metrics();
      const users = (await t.dataSource.query(
        `select id, email from app_user where email in ('screener@mach.example', 'screener2@mach.example')`,
      )) as { id: string; email: string }[];
      const idOf = (email: string) => users.find((u) => u.email === email)?.id;
      // Sasha: three claimed at 10:00; Sam: one, and the rejected one still held; the AMBER
      // from yesterday is unclaimed. decided contacts Sam claimed earlier are not work
      expect(m.workloadPerScreener).toEqual([
        { userId: idOf('screener2@mach.example'), name: 'Sasha Screener', open: 3 },
        { userId: idOf('screener@mach.example'), name: 'Sam Screener', open: 2 },
      ]);
    });
  });

  describe('decisions and referrals', () => {
    it('should give the share decided within timescale per window when some decisions were late', async () => {
      const m = await metrics();
      expect(m.decidedWithinTimescale).toEqual({
        // 4 on time; late: AMBER decided yesterday 16:00
        last24h: { numerator: 4, denominator: 5, percent: 80 },
        // and GREEN on time, RED late
        last7d: { numerator: 5, denominator: 7, percent: 71.4 },
        // and AMBER on time, AMBER late
        last30d: { numerator: 6, denominator: 9, percent: 66.7 },
      });
    });

    it('should give the median minutes to decision per RAG when decisions were made in the last 30 days', async () => {
      const m = await metrics();
      expect(m.medianMinutesToDecision).toEqual({
        RED: 90, // 30, 90, 300
        AMBER: 2910, // 240, 1380, 4440, 10080: between the middle two
        GREEN: 630, // 60, 1200
      });
    });

    it('should give contact-to-referral conversion over 30 days when some decisions made referrals', async () => {
      const m = await metrics();
      // SOCIAL_CARE_ASSESSMENT twice and STRATEGY_DISCUSSION once, of 9 standing decisions
      expect(m.contactToReferralConversion).toEqual({ numerator: 3, denominator: 9, percent: 33.3 });
    });

    it('should give the re-referral rate over 12 months when one child was referred twice', async () => {
      const m = await metrics();
      // 2 Dec 2025, Kai in Oct and Nov (the re-referral), 30 Nov, 1 Dec; 1 Dec 2025 is outside
      expect(m.reReferralRate).toEqual({ numerator: 1, denominator: 5, percent: 20 });
    });

    it('should give zero counts and null percents and medians when the windows are empty', async () => {
      // a year before anything was decided: the same queries, nothing in range
      clock.set('2024-06-03T10:00:00Z');
      const m = await metrics();
      const none = { numerator: 0, denominator: 0, percent: null };
      expect(m.decidedWithinTimescale).toEqual({ last24h: none, last7d: none, last30d: none });
      expect(m.medianMinutesToDecision).toEqual({ RED: null, AMBER: null, GREEN: null });
      expect(m.contactToReferralConversion).toEqual(none);
      expect(m.reReferralRate).toEqual(none);
    });
  });

  describe('access', () => {
    it.each([['screener@mach.example'], ['school@partner.example'], ['police@cleveland.example']])(
      'should answer 403 FORBIDDEN when %s asks',
      async (email) => {
        const res = await t
          .http()
          .get('/api/metrics')
          .set(as(await t.login(email)))
          .expect(403);
        expect(res.body.error.code).toBe('FORBIDDEN');
      },
    );

    it('should answer 401 when there is no token', async () => {
      await t.http().get('/api/metrics').expect(401);
    });

    it('should give an admin the same figures as a manager when an admin asks', async () => {
      expect(await metrics(await t.login('admin@mach.example'))).toEqual(await metrics());
    });
  });

  describe('contract', () => {
    it('should describe GET /api/metrics and every figure in the OpenAPI document when the docs are asked for', async () => {
      const doc = (await t.http().get('/api/docs-json').expect(200)).body;
      expect(doc.paths['/api/metrics'].get.responses['200'].content['application/json'].schema).toEqual({
        $ref: '#/components/schemas/ScreeningMetricsDto',
      });
      const schemas = doc.components.schemas;
      expect(schemas.ScreeningMetricsDto.required.sort()).toEqual(Object.keys(await metrics()).sort());
      expect(schemas.RatioDto.properties.percent).toMatchObject({ type: 'number', nullable: true });
      expect(schemas.RatioDto.properties.numerator.type).toBe('integer');
    });
  });

  describe('timeliness in SQL', () => {
    // the queue figures count in SQL what the queues label in TypeScript: both must agree
    const sqlTimeliness = async (cases: { now: Date; received: Date; due: Date; fraction: number }[]) => {
      const rows = (await t.dataSource.query(
        `select ${timelinessSql('x.at_now', 'x.fraction')} as timeliness
           from unnest($1::timestamptz[], $2::timestamptz[], $3::timestamptz[], $4::numeric[]) with ordinality
                as x(at_now, received_at, decision_due_at, fraction, n)
          order by x.n`,
        [
          cases.map((c) => c.now),
          cases.map((c) => c.received),
          cases.map((c) => c.due),
          cases.map((c) => c.fraction),
        ],
      )) as { timeliness: string }[];
      return rows.map((r) => r.timeliness);
    };
    const tsTimeliness = (cases: { now: Date; received: Date; due: Date; fraction: number }[]) =>
      cases.map((c) => timelinessAt(c.now, c.received, c.due, c.fraction).timeliness);

    it('should label every boundary as timelinessAt does when now is at or around a threshold', async () => {
      const at = (iso: string) => new Date(iso);
      const [start, due] = [at('2026-01-19T09:00:00.000Z'), at('2026-01-19T17:00:00.000Z')];
      const cases = [
        ['2026-01-19T08:00:00.000Z', start, 0.25],
        ['2026-01-19T15:00:00.000Z', start, 0.25], // exactly 25% left: on track
        ['2026-01-19T15:00:00.001Z', start, 0.25],
        ['2026-01-19T16:59:59.999Z', start, 0.25],
        ['2026-01-19T17:00:00.000Z', start, 0.25], // at the deadline: overdue
        ['2026-01-19T13:00:00.000Z', start, 0.5],
        ['2026-01-19T13:00:00.001Z', start, 0.5],
        ['2026-01-19T16:59:59.999Z', start, 0],
        ['2026-01-19T09:00:00.001Z', start, 1],
        ['2026-01-19T16:00:00.000Z', due, 0.25], // no allowed time: due soon until due
        ['2026-01-19T16:00:00.000Z', at('2026-01-19T18:00:00.000Z'), 0.25], // negative allowed time
        ['2026-01-19T16:00:00.000Z', start, 0.1],
      ].map(([now, received, fraction]) => ({
        now: at(now as string),
        received: received as Date,
        due,
        fraction: fraction as number,
      }));
      expect(await sqlTimeliness(cases)).toEqual(tsTimeliness(cases));
    });

    it('should label 500 random items as timelinessAt does when times and fractions vary', async () => {
      const base = new Date(NOW).getTime();
      const minutes = fc.integer({ min: -3 * 24 * 60, max: 3 * 24 * 60 });
      const cases = fc
        .sample(
          fc.record({
            now: minutes,
            received: minutes,
            // whole minutes (and quarters) make the exact threshold reachable
            allowed: fc.oneof(fc.integer({ min: -120, max: 5 * 24 * 60 }), fc.constant(0)),
            fraction: fc.constantFrom(0, 0.1, 0.25, 0.5, 0.75, 1),
          }),
          { numRuns: 500, seed: 20261201 },
        )
        .map((c) => ({
          now: new Date(base + c.now * 60_000),
          received: new Date(base + c.received * 60_000),
          due: new Date(base + (c.received + c.allowed) * 60_000),
          fraction: c.fraction,
        }));
      expect(await sqlTimeliness(cases)).toEqual(tsTimeliness(cases));
    });
  });

  describe('cost as history grows', () => {
    it('should read no contact, decision or referral by sequential scan, and change no figure, with 20,000 closed referrals', async () => {
      const before = await metrics();
      // the tables that grow with history (app_user stays small)
      const historyTables = ['contact', 'threshold_decision', 'referral'];
      const [seed] = (await t.dataSource.query(
        `select c.id as child, u.id as usr, u.agency_id as agency
           from child c, app_user u where u.email = 'screener@mach.example' limit 1`,
      )) as { child: string; usr: string; agency: string }[];
      // closed contacts spread over the 2 years before every window, each referred an hour later
      await t.dataSource.query(
        `insert into contact (reference, household_id, child_id, source, received_at, recorded_at, origin_agency_id,
           created_by, referrer, child_reported, concerns, categories, immediate_risk, consent_status, suggested_rag,
           rag_reasons, rag, decision_due_at, status, outcome, prior_contacts_12m, prior_referrals_12m, updated_at)
         select 'HIST-' || g, gen_random_uuid(), $1, '8', r, r, $3, $2, '{}', '{}', 'a closed historical contact',
                '{OTHER}', false, 'GIVEN', 'GREEN', '{}', 'GREEN', r + interval '3 days', 'DECIDED',
                'SOCIAL_CARE_ASSESSMENT', 0, 0, r
           from generate_series(1, 20000) g,
                lateral (select timestamptz '2025-11-30T09:00:00Z' - g * interval '50 minutes' as r) t`,
        [seed.child, seed.usr, seed.agency],
      );
      await t.dataSource.query(
        `insert into threshold_decision (contact_id, level, outcome, rationale, overridden, decided_by, decided_at,
           within_timescale, minutes_taken, status)
         select id, 3, 'SOCIAL_CARE_ASSESSMENT', 'a historical decision', false, created_by,
                received_at + interval '1 hour', true, 60, 'DECIDED'
           from contact where reference like 'HIST-%'`,
      );
      await t.dataSource.query(
        `insert into referral (contact_id, child_id, referral_date, decision_id, source, primary_need_code,
           assessment_due_date, re_referral)
         select c.id, c.child_id, d.decided_at::date, d.id, c.source, 'N1', d.decided_at::date + 63, false
           from contact c join threshold_decision d on d.contact_id = c.id where c.reference like 'HIST-%'`,
      );
      for (const table of historyTables) await t.dataSource.query(`analyze ${table}`);

      // exactly the statements and parameters the service runs at NOW
      const statements = Object.values(t.app.get(MetricsService).statements(new Date(NOW)));
      // queues, decisions, referrals, workload, police notifications, strategy discussions,
      // information requests, their responses by month, referral quality
      expect(statements).toHaveLength(9);
      const seqScans: string[] = [];
      const indexes = new Set<string>();
      const walk = (node: PlanNode) => {
        const relation = node['Relation Name'] ?? '';
        if (node['Node Type'] === 'Seq Scan' && historyTables.includes(relation)) seqScans.push(relation);
        // bitmap index scans name the index but not the table
        if (node['Index Name']) indexes.add(node['Index Name']);
        (node.Plans ?? []).forEach(walk);
      };
      for (const { sql, params } of statements) {
        const [
          {
            'QUERY PLAN': [root],
          },
        ] = (await t.dataSource.query(`explain (format json) ${sql}`, params)) as {
          'QUERY PLAN': { Plan: PlanNode }[];
        }[];
        walk(root.Plan);
      }
      expect(seqScans).toEqual([]);
      expect([...indexes]).toEqual(
        expect.arrayContaining([
          'ix_contact_screening_queue',
          'ix_contact_authorisation_queue',
          'ix_threshold_decision_decided_at',
          'ix_referral_referral_date',
        ]),
      );
      expect(await metrics()).toEqual(before);
    });
  });
});
