import { SettableClock } from '@app/core';
import { createTestApp, type TestApp } from '../support/test-app';
import { ALL_THREE, RATIONALE, strategyDiscussionFor } from './support';

// Friday 20 November 2026, 15:00: the discussion is due Monday 23 November at 15:00
const FRIDAY = '2026-11-20T15:00:00.000Z';
// held Monday 23 November: the s47 start; the ICPC is due 15 working days later, Monday 14 December
const HELD = '2026-11-23T10:00:00Z';
const ICPC_DUE_DATE = '2026-12-14';
// the end of the ICPC target day in London (GMT in December)
const ICPC_DUE_AT = '2026-12-14T23:59:59.999Z';
const CONCLUSION = 'Enquiry found bruising consistent with the disclosure; a conference is needed.';

interface ActionView {
  id: string;
  description: string;
  ownerAgency: string;
  dueDate: string;
  completion?: { completedAt: string; completedBy: string; note: string };
}

// issue 17 item 7, decision 0023: strategy to outcome
describe('strategy to outcome: actions done, the s47 outcome and the ICPC (DOMAIN.md "After the strategy discussion")', () => {
  let t: TestApp;
  let clock: SettableClock;
  let screener: string;
  let manager: string;
  let police: string;
  let partner: string;

  beforeAll(async () => {
    clock = new SettableClock(FRIDAY);
    t = await createTestApp({ clock });
    [screener, manager, police, partner] = await Promise.all([
      t.login('screener@mach.example'),
      t.login('manager@mach.example'),
      t.login('police@cleveland.example'),
      t.login('school@partner.example'),
    ]);
  });
  afterAll(() => t.close());
  beforeEach(() => clock.set(FRIDAY));

  const as = (token: string) => ({ authorization: `Bearer ${token}` });
  const ACTIONS = [
    { description: 'Joint visit with police', ownerAgency: 'POLICE', dueDate: '2026-11-24' },
    { description: 'Child protection medical', ownerAgency: 'HEALTH', dueDate: '2026-11-25' },
  ];
  const record = (id: string, body: Record<string, unknown> = {}) =>
    t
      .http()
      .post(`/api/strategy-discussions/${id}/record`)
      .set(as(screener))
      .send({
        heldAt: HELD,
        attendance: ALL_THREE.map((a) => ({ agency: a.agency, status: 'ATTENDED' })),
        outcome: 'S47_JOINT',
        rationale: RATIONALE,
        actions: ACTIONS,
        ...body,
      });
  const view = async (id: string) =>
    (await t.http().get(`/api/strategy-discussions/${id}`).set(as(screener)).expect(200)).body as {
      status: string;
      record: { version: number; actions: ActionView[]; s47StartDate?: string; icpcDueDate?: string };
      history?: { version: number; actions: ActionView[] }[];
      s47Outcome?: Record<string, unknown>;
      icpc?: Record<string, unknown>;
    };
  const complete = (id: string, actionId: string, body: Record<string, unknown>, token = screener) =>
    t.http().post(`/api/strategy-discussions/${id}/actions/${actionId}/complete`).set(as(token)).send(body);
  const s47Outcome = (id: string, body: Record<string, unknown>, token = screener) =>
    t
      .http()
      .post(`/api/strategy-discussions/${id}/s47-outcome`)
      .set(as(token))
      .send({
        concludedAt: '2026-11-27T12:00:00Z',
        outcome: 'CONCERNS_SUBSTANTIATED_ICPC',
        rationale: CONCLUSION,
        ...body,
      });
  const icpc = (id: string, body: Record<string, unknown>, token = screener) =>
    t
      .http()
      .post(`/api/strategy-discussions/${id}/icpc`)
      .set(as(token))
      .send({ heldAt: '2026-12-07T10:00:00Z', childProtectionPlan: true, category: 'PHY', ...body });
  // a discussion held on Monday 23 November with an s47 outcome (or the one given)
  const held = async (body: Record<string, unknown> = {}) => {
    const sd = await strategyDiscussionFor(t, screener);
    clock.set('2026-11-23T11:00:00Z');
    await record(sd.id, body).expect(200);
    return sd;
  };
  const queueItem = async (id: string) =>
    (
      (await t.http().get('/api/queues/strategy').set(as(screener)).expect(200)).body.items as {
        id: string;
      }[]
    ).find((i) => i.id === id);
  const rows = async (table: string, id: string) =>
    (
      (await t.dataSource.query(`select count(*)::int as n from ${table} where discussion_id = $1`, [
        id,
      ])) as {
        n: number;
      }[]
    )[0].n;

  describe('actions', () => {
    it('should give each action an id and mark it done once, with who, when and the note', async () => {
      const sd = await held();
      const before = await view(sd.id);
      expect(before.record.actions).toEqual([
        { id: expect.any(String), ...ACTIONS[0] },
        { id: expect.any(String), ...ACTIONS[1] },
      ]);
      const [visit] = before.record.actions;
      clock.set('2026-11-24T16:00:00Z');
      const done = await complete(sd.id, visit.id, {
        note: 'Visited with DS Holt; both parents seen.',
      }).expect(200);
      expect(done.body).toEqual({
        id: visit.id,
        completedAt: '2026-11-24T16:00:00.000Z',
        completedBy: expect.any(String),
        note: 'Visited with DS Holt; both parents seen.',
      });
      const after = await view(sd.id);
      expect(after.record.actions[0]).toEqual({
        ...before.record.actions[0],
        completion: {
          completedAt: '2026-11-24T16:00:00.000Z',
          completedBy: done.body.completedBy,
          note: done.body.note,
        },
      });
      expect(after.record.actions[1].completion).toBeUndefined();

      // once: a second time is a conflict, whoever sends it
      const again = await complete(sd.id, visit.id, { note: 'Done again.' }, manager).expect(409);
      expect(again.body.error.code).toBe('STALE_STATE');
      expect(await rows('strategy_action_completion', sd.id)).toBe(1);
    });

    it('should refuse a completion without a note (400, nothing stored), of an unknown action (404), and from police (403)', async () => {
      const sd = await held();
      const [visit] = (await view(sd.id)).record.actions;
      const bad = await complete(sd.id, visit.id, {}).expect(400);
      expect(bad.body.error.code).toBe('VALIDATION_FAILED');
      expect(new Set(bad.body.error.details.map((d: { field: string }) => d.field))).toEqual(
        new Set(['note']),
      );
      await complete(sd.id, visit.id, { note: 'Done.', extra: true }).expect(400);
      await complete(sd.id, '00000000-0000-4000-8000-000000000000', { note: 'Done.' }).expect(404);
      await complete(sd.id, 'not-an-id', { note: 'Done.' }).expect(404);
      await complete(sd.id, visit.id, { note: 'Done.' }, police).expect(403);
      await complete(sd.id, visit.id, { note: 'Done.' }, partner).expect(403);
      expect(await rows('strategy_action_completion', sd.id)).toBe(0);
      // an action of another discussion is not this one's
      const other = await held();
      await complete(other.id, visit.id, { note: 'Done.' }).expect(404);
    });

    it('should keep an action’s id and completion across an amendment, and give a new action a new id', async () => {
      const sd = await held();
      const [visit, medical] = (await view(sd.id)).record.actions;
      await complete(sd.id, visit.id, { note: 'Visited.' }).expect(200);
      await record(sd.id, {
        amendmentReason: 'Health added a school nurse visit.',
        actions: [
          // the same action re-sent as it was: matched by its words
          ACTIONS[0],
          // reworded, named by its id
          { ...ACTIONS[1], id: medical.id, description: 'Child protection medical at the hospital' },
          { description: 'School nurse visit', ownerAgency: 'HEALTH', dueDate: '2026-11-26' },
        ],
      }).expect(200);
      const amended = await view(sd.id);
      expect(amended.record.version).toBe(2);
      expect(amended.record.actions).toEqual([
        expect.objectContaining({ id: visit.id, completion: expect.objectContaining({ note: 'Visited.' }) }),
        { id: medical.id, ...ACTIONS[1], description: 'Child protection medical at the hospital' },
        {
          id: expect.any(String),
          description: 'School nurse visit',
          ownerAgency: 'HEALTH',
          dueDate: '2026-11-26',
        },
      ]);
      expect([visit.id, medical.id]).not.toContain(amended.record.actions[2].id);
      // the earlier record keeps its actions under the same ids
      expect(amended.history?.[0].actions.map((a) => a.id)).toEqual([visit.id, medical.id]);
      // done once, whichever record it is read through
      await complete(sd.id, visit.id, { note: 'Again.' }).expect(409);
      await complete(sd.id, amended.record.actions[2].id, { note: 'Nurse saw the child.' }).expect(200);
    });

    it('should refuse an amendment naming an action id that is not current (400, nothing stored)', async () => {
      const sd = await held();
      const bad = await record(sd.id, {
        amendmentReason: 'Wrong action named.',
        actions: [{ ...ACTIONS[0], id: '00000000-0000-4000-8000-000000000000' }],
      }).expect(400);
      expect(bad.body.error.details).toEqual([expect.objectContaining({ field: 'actions.0.id' })]);
      expect((await view(sd.id)).record.version).toBe(1);
    });
  });

  describe('s47 outcome', () => {
    it('should record the outcome once, not before the s47 start, and show it on the discussion', async () => {
      const sd = await held();
      clock.set('2026-11-27T15:00:00Z');
      const early = await s47Outcome(sd.id, { concludedAt: '2026-11-20T12:00:00Z' }).expect(400);
      expect(early.body.error.details).toEqual([
        { field: 'concludedAt', message: 'must not be before the s47 start date (2026-11-23)' },
      ]);
      const future = await s47Outcome(sd.id, { concludedAt: '2026-11-28T12:00:00Z' }).expect(400);
      expect(future.body.error.details[0].field).toBe('concludedAt');
      expect(await rows('strategy_enquiry_outcome', sd.id)).toBe(0);

      const res = await s47Outcome(sd.id, {}, manager).expect(200);
      expect(res.body).toEqual({
        concludedAt: '2026-11-27T12:00:00.000Z',
        outcome: 'CONCERNS_SUBSTANTIATED_ICPC',
        rationale: CONCLUSION,
        recordedBy: expect.any(String),
        recordedAt: '2026-11-27T15:00:00.000Z',
      });
      expect((await view(sd.id)).s47Outcome).toEqual(res.body);
      const again = await s47Outcome(sd.id, { outcome: 'NOT_SUBSTANTIATED' }).expect(409);
      expect(again.body.error.code).toBe('STALE_STATE');
      expect((await view(sd.id)).s47Outcome).toEqual(res.body);
    });

    it('should refuse an outcome for a discussion not held, or held without an s47 enquiry (409, saying why)', async () => {
      const open = await strategyDiscussionFor(t, screener);
      const notHeld = await s47Outcome(open.id, {}).expect(409);
      expect(notHeld.body.error).toMatchObject({
        code: 'STALE_STATE',
        message: expect.stringContaining('s47 outcome'),
      });
      const noS47 = await held({ outcome: 'NO_S47_ASSESSMENT' });
      clock.set('2026-11-27T15:00:00Z');
      const refused = await s47Outcome(noS47.id, {}).expect(409);
      expect(refused.body.error.message).toContain('S47_SINGLE_AGENCY or S47_JOINT');
      expect(await rows('strategy_enquiry_outcome', noS47.id)).toBe(0);
    });

    it('should refuse bad input with field details and other roles', async () => {
      const sd = await held();
      clock.set('2026-11-27T15:00:00Z');
      const bad = await s47Outcome(sd.id, {
        outcome: 'SUBSTANTIATED',
        rationale: 'short',
        concludedAt: '27/11/2026',
      }).expect(400);
      expect(bad.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual([
        'concludedAt',
        'outcome',
        'rationale',
      ]);
      await s47Outcome(sd.id, {}, police).expect(403);
      await s47Outcome(sd.id, {}, partner).expect(403);
      await s47Outcome('00000000-0000-4000-8000-000000000000', {}).expect(404);
      expect(await rows('strategy_enquiry_outcome', sd.id)).toBe(0);
    });

    it('should refuse an amendment that drops the s47 enquiry once it has an outcome', async () => {
      const sd = await held();
      clock.set('2026-11-27T15:00:00Z');
      await s47Outcome(sd.id, {}).expect(200);
      const refused = await record(sd.id, {
        outcome: 'NO_S47_ASSESSMENT',
        amendmentReason: 'Recorded the wrong outcome.',
      }).expect(409);
      expect(refused.body.error.message).toContain('must keep an s47 outcome');
      await record(sd.id, { outcome: 'S47_SINGLE_AGENCY', amendmentReason: 'Police withdrew.' }).expect(200);
    });
  });

  describe('ICPC (CIN census rules at entry)', () => {
    const concluded = async (outcome = 'CONCERNS_SUBSTANTIATED_ICPC') => {
      const sd = await held();
      clock.set('2026-11-27T15:00:00Z');
      await s47Outcome(sd.id, { outcome }).expect(200);
      clock.set('2026-12-10T12:00:00Z');
      return sd;
    };

    it('should record an ICPC with a plan and its category, held within the target, once', async () => {
      const sd = await concluded();
      const res = await icpc(sd.id, {}).expect(200);
      expect(res.body).toEqual({
        heldAt: '2026-12-07T10:00:00.000Z',
        heldDate: '2026-12-07',
        childProtectionPlan: true,
        category: 'PHY',
        icpcDueDate: ICPC_DUE_DATE,
        heldWithinTarget: true,
        recordedBy: expect.any(String),
        recordedAt: '2026-12-10T12:00:00.000Z',
      });
      const discussion = await view(sd.id);
      expect(discussion.icpc).toEqual(res.body);
      // every field the console reads is still there
      expect(discussion.record).toMatchObject({ s47StartDate: '2026-11-23', icpcDueDate: ICPC_DUE_DATE });
      const again = await icpc(sd.id, { childProtectionPlan: false, category: undefined }).expect(409);
      expect(again.body.error.code).toBe('STALE_STATE');
    });

    it('should show the s47 outcome and the ICPC with its plan on the child’s record (issue 17 acceptance)', async () => {
      const sd = await concluded();
      await icpc(sd.id, {}).expect(200);
      const contact = (await t.http().get(`/api/contacts/${sd.contactId}`).set(as(screener)).expect(200))
        .body as {
        child: { id: string };
      };
      const child = (await t.http().get(`/api/children/${contact.child.id}`).set(as(screener)).expect(200))
        .body as {
        history: { kind: string; id: string; s47Outcome?: unknown; icpc?: unknown }[];
      };
      expect(child.history.find((e) => e.kind === 'STRATEGY_DISCUSSION' && e.id === sd.id)).toMatchObject({
        outcome: 'S47_JOINT',
        s47Outcome: { outcome: 'CONCERNS_SUBSTANTIATED_ICPC', concludedAt: '2026-11-27T12:00:00.000Z' },
        icpc: { heldAt: '2026-12-07T10:00:00.000Z', childProtectionPlan: true, category: 'PHY' },
      });
    });

    it('should record an ICPC held after the target as late, and one without a plan without a category', async () => {
      const sd = await concluded();
      clock.set('2026-12-16T12:00:00Z');
      const res = await icpc(sd.id, {
        heldAt: '2026-12-15T10:00:00Z',
        childProtectionPlan: false,
        category: undefined,
      }).expect(200);
      expect(res.body).toMatchObject({
        heldDate: '2026-12-15',
        heldWithinTarget: false,
        childProtectionPlan: false,
      });
      expect(res.body.category).toBeUndefined();
    });

    it.each([
      ['8905: a plan without a category', { category: undefined }, 'category', 'required when'],
      [
        '8905: a category without a plan',
        { childProtectionPlan: false },
        'category',
        'only with a child protection plan',
      ],
      [
        '8615: before the s47 start',
        { heldAt: '2026-11-20T10:00:00Z' },
        'heldAt',
        's47 start date (2026-11-23)',
      ],
      [
        'before the enquiry concluded',
        { heldAt: '2026-11-26T10:00:00Z' },
        'heldAt',
        'concluded (2026-11-27)',
      ],
      ['8875: on a weekend', { heldAt: '2026-12-05T10:00:00Z' }, 'heldAt', 'weekend'],
      ['in the future', { heldAt: '2026-12-11T10:00:00Z' }, 'heldAt', 'future'],
      ['an unknown category', { category: 'SEX' }, 'category', ''],
      ['a plan that is not a boolean', { childProtectionPlan: 'yes' }, 'childProtectionPlan', ''],
    ])(
      'should refuse %s with a 400 naming the field, storing nothing',
      async (_what, body, field, message) => {
        const sd = await concluded();
        const res = await icpc(sd.id, body).expect(400);
        expect(res.body.error.code).toBe('VALIDATION_FAILED');
        expect(res.body.error.details).toEqual([{ field, message: expect.stringContaining(message) }]);
        expect(await rows('strategy_icpc', sd.id)).toBe(0);
        expect(await queueItem(sd.id)).toMatchObject({ flags: ['ICPC_DUE'] });
      },
    );

    it('should refuse an ICPC before the s47 outcome, or after one that needs no conference (409)', async () => {
      const sd = await held();
      clock.set('2026-12-10T12:00:00Z');
      const before = await icpc(sd.id, {}).expect(409);
      expect(before.body.error.message).toContain('CONCERNS_SUBSTANTIATED_ICPC');
      const noIcpc = await concluded('CONCERNS_SUBSTANTIATED_NO_ICPC');
      await icpc(noIcpc.id, {}).expect(409);
      const noS47 = await held({ outcome: 'NFA' });
      clock.set('2026-12-10T12:00:00Z');
      await icpc(noS47.id, {}).expect(409);
      expect(await rows('strategy_icpc', sd.id)).toBe(0);
      await icpc(sd.id, {}, police).expect(403);
      await icpc(sd.id, {}, partner).expect(403);
    });
  });

  describe('the strategy queue', () => {
    it('should keep a held s47 discussion on the queue, flagged ICPC_DUE, until its ICPC is held', async () => {
      const sd = await held();
      expect(await queueItem(sd.id)).toMatchObject({
        kind: 'STRATEGY_DISCUSSION',
        status: 'HELD',
        dueAt: ICPC_DUE_AT,
        timeliness: 'ON_TRACK',
        flags: ['ICPC_DUE'],
      });
      clock.set('2026-11-27T15:00:00Z');
      await s47Outcome(sd.id, {}).expect(200);
      expect(await queueItem(sd.id)).toMatchObject({ flags: ['ICPC_DUE'], dueAt: ICPC_DUE_AT });
      clock.set('2026-12-15T09:00:00Z');
      expect(await queueItem(sd.id)).toMatchObject({ timeliness: 'OVERDUE' });
      await icpc(sd.id, { heldAt: '2026-12-14T10:00:00Z' }).expect(200);
      expect(await queueItem(sd.id)).toBeUndefined();
    });

    it('should take it off when the enquiry needs no conference, and never show one without an s47 enquiry', async () => {
      const sd = await held();
      clock.set('2026-11-27T15:00:00Z');
      await s47Outcome(sd.id, { outcome: 'NOT_SUBSTANTIATED' }).expect(200);
      expect(await queueItem(sd.id)).toBeUndefined();
      const noS47 = await held({ outcome: 'NO_S47_ASSESSMENT' });
      expect(await queueItem(noS47.id)).toBeUndefined();
    });

    it('should move the ICPC due date with an amendment of the s47 start, and drop it when the s47 enquiry is amended away', async () => {
      const sd = await held();
      clock.set('2026-11-24T11:00:00Z');
      await record(sd.id, {
        heldAt: '2026-11-24T10:00:00Z',
        amendmentReason: 'Held on Tuesday, not Monday.',
      }).expect(200);
      expect(await queueItem(sd.id)).toMatchObject({
        flags: ['ICPC_DUE'],
        dueAt: '2026-12-15T23:59:59.999Z',
      });
      await record(sd.id, { outcome: 'NFA', amendmentReason: 'No s47 enquiry after all.' }).expect(200);
      expect(await queueItem(sd.id)).toBeUndefined();
    });
  });

  it('should write audit rows and live events for each step', async () => {
    const sd = await held();
    const [visit] = (await view(sd.id)).record.actions;
    await complete(sd.id, visit.id, { note: 'Visited.' }).expect(200);
    clock.set('2026-11-27T15:00:00Z');
    await s47Outcome(sd.id, {}).expect(200);
    clock.set('2026-12-10T12:00:00Z');
    await icpc(sd.id, {}).expect(200);
    const audit = (await t.dataSource.query(
      `select action, details from audit_entry where entity_id = $1 and action <> 'STRATEGY_DISCUSSION_VIEWED' order by id`,
      [sd.id],
    )) as { action: string; details: Record<string, unknown> }[];
    expect(audit.map((a) => a.action)).toEqual([
      'STRATEGY_DISCUSSION_CREATED',
      'STRATEGY_DISCUSSION_RECORDED',
      'STRATEGY_ACTION_COMPLETED',
      'S47_OUTCOME_RECORDED',
      'ICPC_RECORDED',
    ]);
    expect(audit[2].details).toMatchObject({ actionId: visit.id });
    expect(audit[3].details).toMatchObject({ outcome: 'CONCERNS_SUBSTANTIATED_ICPC' });
    expect(audit[4].details).toMatchObject({
      childProtectionPlan: true,
      category: 'PHY',
      heldWithinTarget: true,
    });
    await t.sequenced();
    const events = (await t.dataSource.query(
      // the ticker's timeliness.changed events come and go with the clock; these are the changes
      `select type, payload from live_event where payload->>'id' = $1 and type like 'strategy.%' order by seq`,
      [sd.id],
    )) as {
      type: string;
      payload: { changes: { view: string; op: string; item: { flags?: string[] } }[] };
    }[];
    expect(events.map((e) => e.type)).toEqual([
      'strategy.due',
      'strategy.held',
      'strategy.action_completed',
      'strategy.s47_concluded',
      'strategy.icpc_held',
    ]);
    // held with an s47 enquiry it stays on the queue, flagged; the ICPC held, it leaves
    expect(events[1].payload.changes).toEqual([
      { view: 'strategy', op: 'upsert', item: expect.objectContaining({ flags: ['ICPC_DUE'] }) },
    ]);
    expect(events[4].payload.changes).toEqual([{ view: 'strategy', op: 'remove', item: { id: sd.id } }]);
    const chain = await t.http().get('/api/audit/verify').set(as(manager)).expect(200);
    expect(chain.body.ok).toBe(true);
  });

  it('should count ICPCs held within 15 working days in the managers’ figures, numerator and denominator', async () => {
    const metrics = async () =>
      (await t.http().get('/api/metrics').set(as(manager)).expect(200)).body.strategy as {
        icpcHeldWithinTarget: { numerator: number; denominator: number; percent: number | null };
        actionsPastDue: number;
      };
    clock.set('2026-12-16T12:00:00Z');
    const before = await metrics();
    const onTime = await held();
    const late = await held();
    for (const sd of [onTime, late]) {
      clock.set('2026-11-27T15:00:00Z');
      await s47Outcome(sd.id, {}).expect(200);
    }
    clock.set('2026-12-16T12:00:00Z');
    await icpc(onTime.id, { heldAt: '2026-12-14T15:00:00Z' }).expect(200);
    await icpc(late.id, { heldAt: '2026-12-15T10:00:00Z' }).expect(200);
    const after = await metrics();
    expect(after.icpcHeldWithinTarget.numerator - before.icpcHeldWithinTarget.numerator).toBe(1);
    expect(after.icpcHeldWithinTarget.denominator - before.icpcHeldWithinTarget.denominator).toBe(2);
    expect(after.icpcHeldWithinTarget.percent).toBe(
      Math.round((after.icpcHeldWithinTarget.numerator * 1000) / after.icpcHeldWithinTarget.denominator) / 10,
    );
    // a done action is no longer past due
    const [visit] = (await view(onTime.id)).record.actions;
    await complete(onTime.id, visit.id, { note: 'Visited.' }).expect(200);
    expect((await metrics()).actionsPastDue).toBe(after.actionsPastDue - 1);
  });
});
