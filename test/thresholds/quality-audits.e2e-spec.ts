import type { Socket } from 'socket.io-client';
import { SettableClock } from '@app/core';
import { drawSample, nextInOrder } from '../../libs/thresholds/src/policy/audit-sample';
import { contactBody, makeScreeners, type Body } from '../support/contacts';
import { connectLive, record, subscribe, waitFor, type QueueChanged } from '../support/live-client';
import { createTestApp, type TestApp } from '../support/test-app';

// issue 21 items 3 and 5 (decision 0034): the weekly dip-sample audits. The weeks are in 2031
// (GMT in London until 30 March), a year no other suite writes in; config/quality.yml's sample is
// a tenth of each screener's decisions, rounded up, at least one, due in 5 working days.
const W0 = '2031-02-24'; // a week decided, then drawn by a manager
const W1 = '2031-03-03'; // a week decided, then drawn by the weekly draw on Monday 10 March 09:00
const RATIONALE = 'Attendance is the only worry; school and family agreed a plan and advice was given.';
const FINDINGS =
  'The rationale weighs the school’s account and the family’s plan; the level is right for what was known.';

interface Item {
  id: string;
  contactId: string;
  decidedBy: { id: string; name: string };
}
interface Audit {
  id: string;
  status: string;
  contactId: string;
  decidedBy: { id: string };
  decision: { id: string };
  answer?: { thresholdCorrect: string; concern?: { dueAt: string; resolvedAt?: string } };
  canAudit: boolean;
  dueAt: string;
}

describe('dip-sample quality audits (issue 21 items 3 and 5)', () => {
  let t: TestApp;
  let clock: SettableClock;
  let a: { id: string; token: string };
  let b: { id: string; token: string };
  let m1: { id: string; token: string }; // a manager who decides too
  let m2: { id: string; token: string }; // a manager who only audits
  const sockets: Socket[] = [];

  beforeAll(async () => {
    clock = new SettableClock(`${W0}T11:00:00.000Z`);
    t = await createTestApp({ clock, listen: true, env: { LIVE_LEADER_JOBS: 'true', LIVE_TICK_MS: '100' } });
    [a, b] = await makeScreeners(t, 2);
    [m1, m2] = await makeScreeners(t, 2, 'MANAGER');
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await t.close();
  });

  const as = (token: string) => ({ authorization: `Bearer ${token}` });
  // the clock moves by days here: everyone signs in again after it does (sessions time out)
  const signInAgain = async () => {
    for (const who of [a, b, m1, m2]) {
      const [{ email }] = (await t.dataSource.query(`select email from app_user where id = $1`, [
        who.id,
      ])) as {
        email: string;
      }[];
      who.token = await t.login(email);
    }
  };
  const setClock = async (at: string) => {
    clock.set(at);
    await signInAgain();
  };
  const decided = async (token: string, body: Body = {}) => {
    const c = (await t.http().post('/api/contacts').set(as(token)).send(contactBody(body)).expect(201))
      .body as {
      id: string;
    };
    await t.http().post(`/api/contacts/${c.id}/claim`).set(as(token)).send({}).expect(200);
    await t
      .http()
      .post(`/api/contacts/${c.id}/decision`)
      .set(as(token))
      .send({ level: 1, outcome: 'NFA', rationale: RATIONALE })
      .expect(201);
    return c.id;
  };
  const draws = async (week: string) =>
    (await t.dataSource.query(`select id, seed from quality_audit_draw where week_starting = $1`, [
      week,
    ])) as {
      id: string;
      seed: string;
    }[];
  const until = async <T>(read: () => Promise<T | undefined>, what: string): Promise<T> => {
    for (let i = 0; i < 100; i++) {
      const found = await read();
      if (found !== undefined) return found;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`waited in vain for ${what}`);
  };
  const queue = async (token: string) =>
    ((await t.http().get('/api/queues/quality-audit').set(as(token)).expect(200)).body as { items: Item[] })
      .items;
  const audit = async (id: string, token = m2.token) =>
    (await t.http().get(`/api/quality-audits/${id}`).set(as(token)).expect(200)).body as Audit;

  let w0Draw: { id: string; seed: string; items: Item[] };
  let w1Items: Item[];

  it('a manager draws a past week once: 201 with the seed and the items, then 409', async () => {
    await setClock(`${W0}T11:00:00.000Z`);
    for (let i = 0; i < 3; i++) await decided(a.token);
    // Monday of the next week, 08:00: the week has ended, the weekly draw's moment has not come
    await setClock(`${W1}T08:00:00.000Z`);
    const bad = await t
      .http()
      .post('/api/quality-audits/draws')
      .set(as(m2.token))
      .send({ weekStarting: '2031-02-25' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details).toEqual([
      { field: 'weekStarting', message: 'must be a Monday (the week’s first day)' },
    ]);
    const unended = await t
      .http()
      .post('/api/quality-audits/draws')
      .set(as(m2.token))
      .send({ weekStarting: W1 });
    expect(unended.status).toBe(400);
    await t.http().post('/api/quality-audits/draws').set(as(a.token)).send({ weekStarting: W0 }).expect(403);
    expect(await draws(W0)).toEqual([]);

    const res = await t.http().post('/api/quality-audits/draws').set(as(m2.token)).send({ weekStarting: W0 });
    expect(res.status).toBe(201);
    w0Draw = res.body as typeof w0Draw;
    expect(w0Draw.seed).toMatch(/^[0-9a-f]{32}$/);
    // a tenth of 3, rounded up: one of the screener's
    expect(w0Draw.items).toHaveLength(1);
    expect(w0Draw.items[0].decidedBy.id).toBe(a.id);

    const again = await t
      .http()
      .post('/api/quality-audits/draws')
      .set(as(m1.token))
      .send({ weekStarting: W0 });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('CONFLICT');
    // the weekly draw's moment comes: it finds the week drawn and leaves it
    await setClock(`${W1}T10:00:00.000Z`);
    await new Promise((r) => setTimeout(r, 400));
    expect(await draws(W0)).toHaveLength(1);
  });

  it('the weekly draw takes the configured share at Monday 09:00, with its seed in the audit trail, live to managers but never to the decider', async () => {
    await setClock(`${W1}T10:00:00.000Z`);
    for (let i = 0; i < 11; i++) await decided(a.token);
    await decided(b.token);
    await decided(b.token);
    const m1Contact = await decided(m1.token);
    // a manager rejects nothing here; a REJECTED decision would not be drawn

    await setClock('2031-03-10T08:59:59.000Z');
    const [s1, s2] = await Promise.all([connectLive(t.url, m1.token), connectLive(t.url, m2.token)]);
    sockets.push(s1, s2);
    const seen1 = record(s1);
    const seen2 = record(s2);
    const before = (await subscribe(s1, 'quality-audit')) as { seq: number };
    await subscribe(s2, 'quality-audit');
    await new Promise((r) => setTimeout(r, 400));
    expect(await draws(W1)).toEqual([]);
    clock.set('2031-03-10T09:00:00.000Z');
    const [draw] = await until(
      async () => ((await draws(W1)).length ? await draws(W1) : undefined),
      'the weekly draw',
    );

    const view = (await t.http().get(`/api/quality-audits/draws/${draw.id}`).set(as(m2.token)).expect(200))
      .body as {
      seed: string;
      population: number;
      items: (Item & { status: string })[];
      reproducible: boolean;
      dueAt: string;
      sample: { share: number; minimumPerScreener: number };
    };
    // 11 of a's (a tenth, rounded up: 2), 2 of b's (at least one: 1), m1's one (1)
    const count = (id: string) => view.items.filter((i) => i.decidedBy.id === id).length;
    expect([count(a.id), count(b.id), count(m1.id)]).toEqual([2, 1, 1]);
    expect(view.population).toBe(14);
    expect(view.sample).toEqual({ share: 0.1, minimumPerScreener: 1 });
    expect(view.reproducible).toBe(true);
    // due 5 working days after the draw: the next Monday at 09:00
    expect(view.dueAt).toBe('2031-03-17T09:00:00.000Z');
    w1Items = view.items;

    // the seed recorded in the audit trail draws the same sample again from the week's decisions
    const [row] = (await t.dataSource.query(
      `select actor_id, details from audit_entry where action = 'QUALITY_AUDIT_DRAWN' and entity_id = $1`,
      [draw.id],
    )) as { actor_id: string | null; details: { seed: string; scheduled: boolean; population: number } }[];
    expect(row).toMatchObject({
      actor_id: null,
      details: { seed: draw.seed, scheduled: true, population: 14 },
    });
    const week = (await t.dataSource.query(
      `select id as "decisionId", decided_by as "decidedBy" from threshold_decision
        where decided_at >= '2031-03-03T00:00:00Z' and decided_at < '2031-03-10T00:00:00Z'`,
    )) as { decisionId: string; decidedBy: string }[];
    const drawnAgain = drawSample(row.details.seed, week, { share: 0.1, minimumPerScreener: 1 });
    const [{ ids }] = (await t.dataSource.query(
      `select array_agg(decision_id::text order by position) as ids from quality_audit where draw_id = $1`,
      [draw.id],
    )) as { ids: string[] }[];
    expect(drawnAgain.map((d) => d.decisionId)).toEqual(ids);

    // the queue: m2 sees all four, m1 all but the audit of their own decision, by GET and live
    const mine = view.items.find((i) => i.decidedBy.id === m1.id)!;
    expect(mine.contactId).toBe(m1Contact);
    // (with the week drawn by hand before, still open)
    const open = [...view.items, ...w0Draw.items];
    expect((await queue(m2.token)).map((i) => i.id).sort()).toEqual(open.map((i) => i.id).sort());
    expect((await queue(m1.token)).map((i) => i.id).sort()).toEqual(
      open
        .filter((i) => i !== mine)
        .map((i) => i.id)
        .sort(),
    );
    for (const item of view.items) await waitFor(seen2, (m: QueueChanged) => m.item.id === item.id, 3000);
    for (const item of view.items.filter((i) => i !== mine))
      await waitFor(seen1, (m: QueueChanged) => m.item.id === item.id, 3000);
    await new Promise((r) => setTimeout(r, 200));
    expect(seen1.some((m) => m.item.id === mine.id)).toBe(false);
    // nor when the decider reconnects and is replayed what they missed
    const s3 = await connectLive(t.url, m1.token);
    sockets.push(s3);
    const replayed = (await subscribe(s3, 'quality-audit', before.seq)) as { events: QueueChanged[] };
    const replayedIds = new Set(replayed.events.map((e) => e.item.id));
    expect(replayedIds.has(mine.id)).toBe(false);
    for (const item of view.items.filter((i) => i !== mine)) expect(replayedIds.has(item.id)).toBe(true);
    expect(seen2.find((m) => m.item.id === mine.id)?.item).toMatchObject({
      kind: 'QUALITY_AUDIT',
      contactId: m1Contact,
      decidedBy: { id: m1.id },
      outcome: 'NFA',
    });
  });

  it('a manager audits a decision and the decider sees it; nobody audits their own; a second answer is refused', async () => {
    const mine = w1Items.find((i) => i.decidedBy.id === m1.id)!;
    const ofA = w1Items.find((i) => i.decidedBy.id === a.id)!;
    const answer = { thresholdCorrect: 'YES', grade: 'GOOD', findings: FINDINGS };

    const own = await t.http().post(`/api/quality-audits/${mine.id}`).set(as(m1.token)).send(answer);
    expect(own.status).toBe(403);
    expect((await audit(mine.id, m1.token)).canAudit).toBe(false);
    await t.http().post(`/api/quality-audits/${ofA.id}`).set(as(b.token)).send(answer).expect(403);

    const bad = await t
      .http()
      .post(`/api/quality-audits/${ofA.id}`)
      .set(as(m1.token))
      .send({ thresholdCorrect: 'MAYBE', grade: 'GOOD', findings: 'Too short.' });
    expect(bad.status).toBe(400);
    expect((bad.body.error.details as { field: string }[]).map((d) => d.field).sort()).toEqual([
      'findings',
      'thresholdCorrect',
    ]);
    expect((await audit(ofA.id)).status).toBe('OPEN');

    const done = await t.http().post(`/api/quality-audits/${ofA.id}`).set(as(m1.token)).send(answer);
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({
      status: 'COMPLETED',
      answer: { thresholdCorrect: 'YES', grade: 'GOOD', onTime: true },
    });
    const twice = await t.http().post(`/api/quality-audits/${ofA.id}`).set(as(m2.token)).send(answer);
    expect(twice.status).toBe(409);
    expect((await queue(m2.token)).some((i) => i.id === ofA.id)).toBe(false);

    // the decider: in "my feedback", on the contact's decision, and the audit itself
    const feedback = (await t.http().get('/api/quality-audits/feedback').set(as(a.token)).expect(200))
      .body as {
      items: Audit[];
    };
    expect(feedback.items.map((i) => i.id)).toEqual([ofA.id]);
    const contact = (await t.http().get(`/api/contacts/${ofA.contactId}`).set(as(a.token)).expect(200))
      .body as {
      audits: Audit[];
    };
    expect(contact.audits).toMatchObject([{ id: ofA.id, status: 'COMPLETED', answer: { grade: 'GOOD' } }]);
    await audit(ofA.id, a.token);
    // another screener sees neither
    await t.http().get(`/api/quality-audits/${ofA.id}`).set(as(b.token)).expect(404);
    expect(
      (
        (await t.http().get('/api/quality-audits/feedback').set(as(b.token)).expect(200)).body as {
          items: Audit[];
        }
      ).items,
    ).toEqual([]);
    const [journal] = (await t.dataSource.query(
      `select actor_id, entity_type, entity_id, details from audit_entry where action = 'QUALITY_AUDIT_COMPLETED'`,
    )) as { actor_id: string; entity_type: string; entity_id: string; details: Record<string, unknown> }[];
    expect(journal).toMatchObject({
      actor_id: m1.id,
      entity_type: 'contact',
      entity_id: ofA.contactId,
      details: { auditId: ofA.id, thresholdCorrect: 'YES', concernRaised: false },
    });
  });

  it('a NO on a child still open puts the contact on the authorisation queue until a manager records what was done', async () => {
    const ofB = w1Items.find((i) => i.decidedBy.id === b.id)!;
    // the child is back: a new contact about them is open at the front door
    const [child] = (await t.dataSource.query(
      `select ch.first_name, ch.last_name, ch.date_of_birth::text as dob from contact c join child ch on ch.id = c.child_id where c.id = $1`,
      [ofB.contactId],
    )) as { first_name: string; last_name: string; dob: string }[];
    await t
      .http()
      .post('/api/contacts')
      .set(as(a.token))
      .send(
        contactBody({
          child: { firstName: child.first_name, lastName: child.last_name, dateOfBirth: child.dob, sex: 'F' },
        }),
      )
      .expect(201);

    const no = {
      thresholdCorrect: 'NO',
      grade: 'INADEQUATE',
      findings: FINDINGS,
      actions: 'Reopen and discuss in supervision.',
    };
    const res = await t.http().post(`/api/quality-audits/${ofB.id}`).set(as(m2.token)).send(no);
    expect(res.status).toBe(200);
    const concern = (res.body as Audit).answer?.concern;
    expect(concern?.dueAt).toBe('2031-03-11T09:00:00.000Z');
    const authorisation = async () =>
      (
        (await t.http().get('/api/queues/authorisation').set(as(m1.token)).expect(200)).body as {
          items: { id: string; flags: string[]; status: string; dueAt: string; timeliness: string }[];
        }
      ).items.find((i) => i.id === ofB.contactId);
    expect(await authorisation()).toMatchObject({ status: 'DECIDED', flags: ['AUDIT_THRESHOLD_WRONG'] });

    // the concern runs on the clock like every item: OVERDUE is pushed when its due time comes
    await setClock('2031-03-11T08:59:00.000Z');
    expect(await authorisation()).toMatchObject({
      dueAt: '2031-03-11T09:00:00.000Z',
      timeliness: 'DUE_SOON',
    });
    const live = await connectLive(t.url, m1.token);
    sockets.push(live);
    const pushed = record(live);
    await subscribe(live, 'authorisation');
    clock.set('2031-03-11T09:00:01.000Z');
    await waitFor(
      pushed,
      (m: QueueChanged) => m.item.id === ofB.contactId && m.item.timeliness === 'OVERDUE',
      5000,
    );

    await t
      .http()
      .post(`/api/quality-audits/${ofB.id}/concern`)
      .set(as(m1.token))
      .send({ comment: 'short' })
      .expect(400);
    await t
      .http()
      .post(`/api/quality-audits/${ofB.id}/concern`)
      .set(as(b.token))
      .send({ comment: 'Reopened as a new contact.' })
      .expect(403);
    await t
      .http()
      .post(`/api/quality-audits/${ofB.id}/concern`)
      .set(as(m1.token))
      .send({ comment: 'Discussed with the screener; the new contact goes to a social worker today.' })
      .expect(200);
    expect(await authorisation()).toBeUndefined();
    await t
      .http()
      .post(`/api/quality-audits/${ofB.id}/concern`)
      .set(as(m2.token))
      .send({ comment: 'Discussed again with the screener today.' })
      .expect(409);
  });

  it('a NO on a closed child raises no concern', async () => {
    const [ofA0] = w0Draw.items;
    // past its due time, 09:00 on the Monday 5 working days after the draw
    await setClock('2031-03-10T12:00:00.000Z');
    const res = await t
      .http()
      .post(`/api/quality-audits/${ofA0.id}`)
      .set(as(m2.token))
      .send({ thresholdCorrect: 'NO', grade: 'REQUIRES_IMPROVEMENT', findings: FINDINGS });
    expect(res.status).toBe(200);
    expect((res.body as Audit).answer?.concern).toBeUndefined();
    // answered after its due time: late
    expect((res.body as { answer: { onTime: boolean } }).answer.onTime).toBe(false);
  });

  it('a drawn decision leaves the sample only with a reason, the next of the same screener in the seed order in its place', async () => {
    const ofA = w1Items.filter((i) => i.decidedBy.id === a.id)[1];
    const mine = w1Items.find((i) => i.decidedBy.id === m1.id)!;
    await t.http().post(`/api/quality-audits/${ofA.id}/swap`).set(as(m2.token)).send({}).expect(400);
    await t
      .http()
      .post(`/api/quality-audits/${mine.id}/swap`)
      .set(as(m1.token))
      .send({ reason: 'I would rather not be audited.' })
      .expect(403);

    const res = await t
      .http()
      .post(`/api/quality-audits/${ofA.id}/swap`)
      .set(as(m2.token))
      .send({ reason: 'The contact was recorded against the wrong child and is being corrected.' });
    expect(res.status).toBe(200);
    const { swapped, replacement } = res.body as {
      swapped: Audit & { replacedBy: string };
      replacement: Audit & { replaces: string };
    };
    expect(swapped).toMatchObject({ status: 'SWAPPED', replacedBy: replacement.id });
    expect(replacement).toMatchObject({ status: 'OPEN', replaces: ofA.id, decidedBy: { id: a.id } });

    const [draw] = await draws(W1);
    const week = (await t.dataSource.query(
      `select d.id as "decisionId", d.decided_by as "decidedBy" from threshold_decision d
        where d.id = any((select population from quality_audit_draw where id = $1)::uuid[])`,
      [draw.id],
    )) as { decisionId: string; decidedBy: string }[];
    const before = (await t.dataSource.query(
      `select decision_id from quality_audit where draw_id = $1 and id <> $2`,
      [draw.id, replacement.id],
    )) as { decision_id: string }[];
    expect(nextInOrder(draw.seed, week, a.id, new Set(before.map((r) => r.decision_id)))?.decisionId).toBe(
      replacement.decision.id,
    );
    expect((await queue(m2.token)).map((i) => i.id)).toContain(replacement.id);
    expect((await queue(m2.token)).map((i) => i.id)).not.toContain(ofA.id);
    // the draw still reproduces what it first drew, the swap listed
    const view = (await t.http().get(`/api/quality-audits/draws/${draw.id}`).set(as(m2.token)).expect(200))
      .body as {
      reproducible: boolean;
      items: { id: string; status: string; swapReason?: string }[];
    };
    expect(view.reproducible).toBe(true);
    expect(view.items.find((i) => i.id === ofA.id)).toMatchObject({
      status: 'SWAPPED',
      swapReason: expect.stringMatching(/wrong child/),
    });
    await t
      .http()
      .post(`/api/quality-audits/${ofA.id}/swap`)
      .set(as(m2.token))
      .send({ reason: 'Once more, for luck.' })
      .expect(409);
  });

  it('the database refuses to change or delete what a draw took', async () => {
    const [draw] = await draws(W1);
    const [item] = w1Items;
    await expect(
      t.dataSource.query(`update quality_audit_draw set seed = repeat('0', 32) where id = $1`, [draw.id]),
    ).rejects.toThrow(/never changed or deleted/);
    await expect(
      t.dataSource.query(`delete from quality_audit_draw where id = $1`, [draw.id]),
    ).rejects.toThrow(/never changed/);
    await expect(
      t.dataSource.query(
        `update quality_audit set decision_id = (select id from threshold_decision limit 1) where id = $1`,
        [item.id],
      ),
    ).rejects.toThrow(/never changed/);
    await expect(t.dataSource.query(`delete from quality_audit where id = $1`, [item.id])).rejects.toThrow(
      /never deleted/,
    );
    const answered = w1Items.find((i) => i.decidedBy.id === a.id)!;
    await expect(
      t.dataSource.query(`update quality_audit set grade = 'OUTSTANDING' where id = $1`, [answered.id]),
    ).rejects.toThrow(/final/);
    // an auditor of their own decision is refused by the database too
    const mine = w1Items.find((i) => i.decidedBy.id === m1.id)!;
    await expect(
      t.dataSource.query(
        `update quality_audit set status = 'COMPLETED', audited_by = decided_by, audited_at = now(),
                threshold_correct = 'YES', grade = 'GOOD', findings = 'x' where id = $1`,
        [mine.id],
      ),
    ).rejects.toThrow(/ck_quality_audit_auditor/);
  });

  it('the figures match a hand count: on time, judged correct by screener and month, grades (item 4)', async () => {
    const res = await t
      .http()
      .get('/api/metrics/consistency?from=2031-02-24&to=2031-03-16')
      .set(as(m2.token))
      .expect(200);
    const { audits } = res.body as {
      audits: {
        drawn: number;
        onTime: { numerator: number; denominator: number };
        late: number;
        open: number;
        overdue: number;
        byScreener: {
          key: string;
          yes: number;
          partly: number;
          no: number;
          correct: { numerator: number; denominator: number };
        }[];
        byMonth: { label: string; correct: { numerator: number; denominator: number } }[];
        grades: { grade: string; count: number }[];
      };
    };
    // by hand: W0's one (NO, late); W1's four, a's second swapped out (not counted) for its
    // replacement (open): a's first YES and b's NO on time, m1's open
    expect(audits.drawn).toBe(5);
    expect(audits.onTime).toMatchObject({ numerator: 2, denominator: 3 });
    expect([audits.late, audits.open, audits.overdue]).toEqual([1, 2, 0]);
    const of = (id: string) => audits.byScreener.find((r) => r.key === id);
    expect(of(a.id)).toMatchObject({ yes: 1, partly: 0, no: 1, correct: { numerator: 1, denominator: 2 } });
    expect(of(b.id)).toMatchObject({ yes: 0, no: 1, correct: { numerator: 0, denominator: 1 } });
    expect(of(m1.id)).toBeUndefined();
    expect(audits.byMonth).toMatchObject([{ label: '2031-03', correct: { numerator: 1, denominator: 3 } }]);
    expect(audits.grades).toEqual([
      { grade: 'OUTSTANDING', count: 0 },
      { grade: 'GOOD', count: 1 },
      { grade: 'REQUIRES_IMPROVEMENT', count: 1 },
      { grade: 'INADEQUATE', count: 1 },
    ]);
  });
});
