import { SettableClock } from '@app/core';
import { createTestApp, type TestApp } from '../support/test-app';
import { contactBody } from '../support/contacts';
import { ALL_THREE, RATIONALE, strategyDiscussionFor } from './support';

// Friday 20 November 2026, 15:00
const FRIDAY = '2026-11-20T15:00:00.000Z';

describe('strategy discussions (DOMAIN.md "Strategy discussions")', () => {
  let t: TestApp;
  let clock: SettableClock;
  let screener: string;
  let manager: string;

  beforeAll(async () => {
    clock = new SettableClock(FRIDAY);
    t = await createTestApp({ clock });
    [screener, manager] = await Promise.all([
      t.login('screener@mach.example'),
      t.login('manager@mach.example'),
    ]);
  });
  afterAll(() => t.close());
  beforeEach(() => clock.set(FRIDAY));

  const as = (token: string) => ({ authorization: `Bearer ${token}` });
  const record = (id: string, body: Record<string, unknown>) =>
    t
      .http()
      .post(`/api/strategy-discussions/${id}/record`)
      .set(as(screener))
      .send({
        heldAt: '2026-11-23T10:00:00Z',
        attendance: ALL_THREE.map((a) => ({ agency: a.agency, status: 'ATTENDED' })),
        outcome: 'S47_JOINT',
        rationale: RATIONALE,
        actions: [{ description: 'Joint visit with police', ownerAgency: 'POLICE', dueDate: '2026-11-24' }],
        ...body,
      });

  it('should be due 1 working day after a Friday-afternoon decision: Monday at the same time', async () => {
    const sd = await strategyDiscussionFor(t, screener);
    expect(sd.dueAt).toBe('2026-11-23T15:00:00.000Z');
    const view = await t.http().get(`/api/strategy-discussions/${sd.id}`).set(as(screener)).expect(200);
    expect(view.body).toMatchObject({
      id: sd.id,
      contactId: sd.contactId,
      status: 'DUE',
      dueAt: sd.dueAt,
      invitees: [],
      // issue 16: the quorum, as the console's schedule and record forms need it
      requiredAgencies: ['LA_SOCIAL_CARE', 'POLICE', 'HEALTH'],
    });
    const queue = await t.http().get('/api/queues/strategy').set(as(screener)).expect(200);
    expect(queue.body.items.find((i: { id: string }) => i.id === sd.id)).toMatchObject({
      kind: 'STRATEGY_DISCUSSION',
      rag: 'RED',
      status: 'DUE',
      dueAt: sd.dueAt,
      timeliness: 'ON_TRACK',
      flags: ['NOT_SCHEDULED'],
    });
  });

  it('should refuse a schedule that leaves out a required agency, naming it', async () => {
    const sd = await strategyDiscussionFor(t, screener);
    const res = await t
      .http()
      .post(`/api/strategy-discussions/${sd.id}/schedule`)
      .set(as(screener))
      .send({
        scheduledFor: '2026-11-23T09:30:00Z',
        invitees: [{ agency: 'LA_SOCIAL_CARE' }, { agency: 'POLICE' }, { agency: 'EDUCATION' }],
      })
      .expect(400);
    expect(res.body.error.details).toEqual([
      { field: 'invitees', message: expect.stringContaining('HEALTH') },
    ]);
    const ok = await t
      .http()
      .post(`/api/strategy-discussions/${sd.id}/schedule`)
      .set(as(screener))
      .send({
        scheduledFor: '2026-11-23T09:30:00Z',
        invitees: [...ALL_THREE, { agency: 'EDUCATION', name: 'Head teacher' }],
      })
      .expect(200);
    expect(ok.body).toMatchObject({ status: 'SCHEDULED', scheduledFor: '2026-11-23T09:30:00.000Z' });
    expect(ok.body.invitees).toHaveLength(4);
    const queue = await t.http().get('/api/queues/strategy').set(as(screener)).expect(200);
    expect(queue.body.items.find((i: { id: string }) => i.id === sd.id)).toMatchObject({
      flags: ['SCHEDULED'],
      scheduledFor: '2026-11-23T09:30:00.000Z',
    });
  });

  it('should record a quorate discussion held in time, with the s47 start and ICPC due dates', async () => {
    const sd = await strategyDiscussionFor(t, screener);
    clock.set('2026-11-23T11:00:00Z');
    const res = await record(sd.id, {}).expect(200);
    expect(res.body).toEqual({
      quorate: true,
      heldWithinTimescale: true,
      s47StartDate: '2026-11-23',
      icpcDueDate: '2026-12-14',
    });
    const view = await t.http().get(`/api/strategy-discussions/${sd.id}`).set(as(screener)).expect(200);
    expect(view.body.status).toBe('HELD');
    expect(view.body.record).toMatchObject({
      version: 1,
      outcome: 'S47_JOINT',
      quorate: true,
      // calendar dates, as the record's answer gives them (not midnight timestamps)
      s47StartDate: '2026-11-23',
      icpcDueDate: '2026-12-14',
      actions: [expect.objectContaining({ ownerAgency: 'POLICE' })],
    });
    // held, it stays on the queue for its ICPC (decision 0023), due at the end of the target day
    const queue = await t.http().get('/api/queues/strategy').set(as(screener)).expect(200);
    expect(queue.body.items.find((i: { id: string }) => i.id === sd.id)).toMatchObject({
      status: 'HELD',
      dueAt: '2026-12-14T23:59:59.999Z',
      flags: ['ICPC_DUE'],
    });
  });

  it('should record a discussion without health as not quorate, and a late one as late', async () => {
    const sd = await strategyDiscussionFor(t, screener);
    clock.set('2026-11-24T11:00:00Z');
    const res = await record(sd.id, {
      heldAt: '2026-11-24T10:00:00Z',
      attendance: [
        { agency: 'LA_SOCIAL_CARE', status: 'ATTENDED' },
        { agency: 'POLICE', status: 'ATTENDED' },
        { agency: 'HEALTH', status: 'APOLOGIES' },
      ],
      outcome: 'NO_S47_ASSESSMENT',
    }).expect(200);
    expect(res.body).toEqual({ quorate: false, heldWithinTimescale: false });
  });

  it('should give the ICPC date across Christmas and New Year', async () => {
    clock.set('2026-12-15T10:00:00Z');
    const sd = await strategyDiscussionFor(t, screener);
    clock.set('2026-12-16T12:00:00Z');
    const res = await record(sd.id, { heldAt: '2026-12-16T11:00:00Z', outcome: 'S47_SINGLE_AGENCY' }).expect(
      200,
    );
    // 15 working days from Wed 16 Dec 2026, skipping 25 and 28 Dec and 1 Jan
    expect(res.body).toMatchObject({ s47StartDate: '2026-12-16', icpcDueDate: '2027-01-11' });
  });

  it('should refuse a second record without an amendment reason, and keep the first as history with one', async () => {
    const sd = await strategyDiscussionFor(t, screener);
    clock.set('2026-11-23T11:00:00Z');
    await record(sd.id, {}).expect(200);
    const refused = await record(sd.id, { outcome: 'S47_SINGLE_AGENCY' }).expect(409);
    expect(refused.body.error.details[0].field).toBe('amendmentReason');
    await record(sd.id, {
      outcome: 'S47_SINGLE_AGENCY',
      amendmentReason: 'Police withdrew from a joint enquiry.',
    }).expect(200);
    const view = await t.http().get(`/api/strategy-discussions/${sd.id}`).set(as(screener)).expect(200);
    expect(view.body.record).toMatchObject({
      version: 2,
      outcome: 'S47_SINGLE_AGENCY',
      amendmentReason: 'Police withdrew from a joint enquiry.',
    });
    expect(view.body.history).toEqual([expect.objectContaining({ version: 1, outcome: 'S47_JOINT' })]);
  });

  it('should refuse a record of a discussion held in the future, and duplicate agencies', async () => {
    const sd = await strategyDiscussionFor(t, screener);
    expect(
      (await record(sd.id, { heldAt: '2026-11-21T10:00:00Z' }).expect(400)).body.error.details[0].field,
    ).toBe('heldAt');
    const dup = await record(sd.id, {
      heldAt: '2026-11-20T14:00:00Z',
      attendance: [
        { agency: 'POLICE', status: 'ATTENDED' },
        { agency: 'POLICE', status: 'ABSENT' },
      ],
    }).expect(400);
    expect(dup.body.error.details[0].field).toBe('attendance');
  });

  it('should let a manager start one for a decided contact with a reason, once, and nobody else', async () => {
    const contact = await t.http().post('/api/contacts').set(as(screener)).send(contactBody()).expect(201);
    await t
      .http()
      .post(`/api/contacts/${contact.body.id}/strategy-discussion`)
      .set(as(manager))
      .send({ reason: 'New disclosure to the school nurse.' })
      .expect(409); // still open
    await t.http().post(`/api/contacts/${contact.body.id}/claim`).set(as(screener)).send({}).expect(200);
    await t
      .http()
      .post(`/api/contacts/${contact.body.id}/decision`)
      .set(as(screener))
      .send({
        level: 2,
        outcome: 'EARLY_HELP',
        rationale: 'Family asked for parenting support; no safeguarding concern raised today.',
      })
      .expect(201);
    await t
      .http()
      .post(`/api/contacts/${contact.body.id}/strategy-discussion`)
      .set(as(screener))
      .send({ reason: 'New disclosure to the school nurse.' })
      .expect(403);
    const res = await t
      .http()
      .post(`/api/contacts/${contact.body.id}/strategy-discussion`)
      .set(as(manager))
      .send({ reason: 'New disclosure to the school nurse.' })
      .expect(201);
    expect(res.body).toMatchObject({
      contactId: contact.body.id,
      status: 'DUE',
      dueAt: '2026-11-23T15:00:00.000Z',
      startedBy: { reason: 'New disclosure to the school nurse.' },
    });
    await t
      .http()
      .post(`/api/contacts/${contact.body.id}/strategy-discussion`)
      .set(as(manager))
      .send({ reason: 'Again, by mistake.' })
      .expect(409);
  });

  it('should write audit rows and live events for each step', async () => {
    const sd = await strategyDiscussionFor(t, screener);
    await t
      .http()
      .post(`/api/strategy-discussions/${sd.id}/schedule`)
      .set(as(screener))
      .send({ scheduledFor: '2026-11-23T09:30:00Z', invitees: ALL_THREE })
      .expect(200);
    clock.set('2026-11-23T11:00:00Z');
    await record(sd.id, {}).expect(200);
    const actions = (
      await t.dataSource.query(`select action from audit_entry where entity_id = $1 order by id`, [sd.id])
    ).map((r: { action: string }) => r.action);
    expect(actions).toEqual([
      'STRATEGY_DISCUSSION_CREATED',
      'STRATEGY_DISCUSSION_SCHEDULED',
      'STRATEGY_DISCUSSION_RECORDED',
    ]);
    await t.sequenced();
    const events = (
      await t.dataSource.query(`select type from live_event where payload->>'id' = $1 order by seq`, [sd.id])
    ).map((r: { type: string }) => r.type);
    expect(events).toEqual(['strategy.due', 'strategy.scheduled', 'strategy.held']);
  });
});
