import { randomUUID } from 'node:crypto';
import { SettableClock } from '@app/core';
import { createTestApp, type TestApp } from '../support/test-app';
import { contactBody, type Body } from '../support/contacts';
import { notificationBody as notification } from '../support/notifications';

// Monday 23 November 2026, 10:00 (GMT)
const NOW = '2026-11-23T10:00:00.000Z';

const child = (over: Body = {}) => ({
  firstName: `Kid${randomUUID().slice(0, 6)}`,
  lastName: 'Adams',
  dateOfBirth: '2018-03-03',
  present: false,
  witnessed: false,
  injured: false,
  ...over,
});

describe('domestic-abuse notifications (DOMAIN.md "DA notification triage")', () => {
  let t: TestApp;
  let clock: SettableClock;
  let cleveland: string;
  let durham: string;
  let screener: string;

  beforeAll(async () => {
    clock = new SettableClock(NOW);
    t = await createTestApp({ clock });
    [cleveland, durham, screener] = await Promise.all([
      t.login('police@cleveland.example'),
      t.login('police@durham.example'),
      t.login('screener@mach.example'),
    ]);
  });
  afterAll(() => t.close());
  beforeEach(() => clock.set(NOW));

  const as = (token: string) => ({ authorization: `Bearer ${token}` });
  const submit = (body: Body, token = cleveland) =>
    t.http().post('/api/da-notifications').set(as(token)).send(body);
  const triage = (id: string, body: Body) =>
    t.http().post(`/api/da-notifications/${id}/triage`).set(as(screener)).send(body);
  const queue = async (view: string) =>
    (await t.http().get(`/api/queues/${view}`).set(as(screener)).expect(200)).body.items as {
      id: string;
      rag: string;
      timeliness: string;
      flags: string[];
      dueAt: string;
    }[];

  describe('intake', () => {
    it('should answer 201 AWAITING_TRIAGE with the suggestion, triage deadline, Encompass and police delay', async () => {
      const res = await submit(notification()).expect(201);
      expect(res.body).toMatchObject({
        status: 'AWAITING_TRIAGE',
        receivedAt: NOW,
        incidentAt: '2026-11-23T06:00:00.000Z',
        submissionDelayMinutes: 240,
        triageDueAt: '2026-11-24T10:00:00.000Z', // 1 working day
        suggestion: { outcome: 'INFORMATION_ONLY', marac: false, reasons: [expect.any(String)] },
        marac: false,
        encompass: [
          {
            id: expect.any(String),
            childName: expect.stringMatching(/^Kai/),
            school: null,
            dueAt: '2026-11-23T08:30:00.000Z',
            status: 'PENDING',
          },
        ], // 06:00 incident: due 08:30 that day
      });
      expect(res.body.contacts).toBeUndefined();
    });

    it.each<[string, (b: Body) => Body, string]>([
      ['a DASH score with the DARA tool', (b) => ({ ...b, riskTool: 'DARA' }), 'dashScore'],
      ['a DASH score over 27', (b) => ({ ...b, dashScore: 28 }), 'dashScore'],
      ['no children', (b) => ({ ...b, children: [] }), 'children'],
      ['21 children', (b) => ({ ...b, children: Array.from({ length: 21 }, () => child()) }), 'children'],
      [
        'a child without a date of birth',
        (b) => ({ ...b, children: [{ ...child(), dateOfBirth: undefined }] }),
        'children.0.dateOfBirth',
      ],
      [
        'a child born after the incident',
        (b) => ({ ...b, children: [child({ dateOfBirth: '2026-11-24' })] }),
        'children.0.dateOfBirth',
      ],
      ['an incident in the future', (b) => ({ ...b, incidentAt: '2026-11-23T12:00:00Z' }), 'incidentAt'],
      ['an unknown risk level', (b) => ({ ...b, riskLevel: 'VERY_HIGH' }), 'riskLevel'],
      ['a short summary', (b) => ({ ...b, summary: 'argument' }), 'summary'],
      ['no officer', ({ officer: _o, ...b }) => b, 'officer'],
      ['a bad police reference', (b) => ({ ...b, policeReference: '!!' }), 'policeReference'],
      ['an unknown field', (b) => ({ ...b, severity: 'bad' }), 'severity'],
    ])('should answer 400 naming the field for %s, storing nothing', async (_what, change, field) => {
      const [{ n: before }] = await t.dataSource.query('select count(*)::int as n from da_notification');
      const res = await submit(change(notification())).expect(400);
      expect((res.body.error.details as { field: string }[]).map((d) => d.field)).toContain(field);
      const [{ n: after }] = await t.dataSource.query('select count(*)::int as n from da_notification');
      expect(after).toBe(before);
    });

    it('should give the original back when the same force resends the same reference and body', async () => {
      const body = notification();
      const first = await submit(body).expect(201);
      const again = await submit(body).expect(200);
      expect(again.body.id).toBe(first.body.id);
    });

    it('should answer 409 DUPLICATE_REFERENCE when the same reference comes with another body', async () => {
      const body = notification();
      await submit(body).expect(201);
      const res = await submit({ ...body, summary: `${String(body.summary)} Updated later.` }).expect(409);
      expect(res.body.error.code).toBe('DUPLICATE_REFERENCE');
    });

    it('should create one notification when five identical submissions arrive at once', async () => {
      const body = notification();
      const results = await Promise.all(Array.from({ length: 5 }, () => submit(body)));
      expect(results.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 201]);
      expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
      const [{ n }] = await t.dataSource.query(
        'select count(*)::int as n from da_notification where police_reference = $1',
        [body.policeReference],
      );
      expect(n).toBe(1);
    });

    it('should let another force use the same reference', async () => {
      const body = notification();
      await submit(body).expect(201);
      await submit(body, durham).expect(201);
    });

    it('should refuse screeners and partners submitting', async () => {
      await submit(notification(), screener).expect(403);
      await submit(notification(), await t.login('school@partner.example')).expect(403);
    });
  });

  describe('the triage matrix, end to end', () => {
    it.each<[string, Body | ((b: Body) => Body), string]>([
      ['risk HIGH', { riskLevel: 'HIGH' }, 'URGENT_CONTACT'],
      ['DASH 14', { dashScore: 14 }, 'URGENT_CONTACT'],
      ['an injured child', { children: [child({ present: true, injured: true })] }, 'URGENT_CONTACT'],
      [
        'a weapon with a child present',
        { weaponUsed: true, children: [child({ present: true })] },
        'URGENT_CONTACT',
      ],
      ['risk MEDIUM', { riskLevel: 'MEDIUM' }, 'CONTACT'],
      ['DASH 10', { dashScore: 10 }, 'CONTACT'],
      ['a child who witnessed it', { children: [child({ present: true, witnessed: true })] }, 'CONTACT'],
      ['a pregnant victim', (b) => ({ ...b, victim: { ...(b.victim as Body), pregnant: true } }), 'CONTACT'],
      ['standard risk, first incident, no child present', {}, 'INFORMATION_ONLY'],
    ])('should suggest for %s: %s', async (_what, change, outcome) => {
      const base = notification();
      const body = typeof change === 'function' ? change(base) : { ...base, ...change };
      const res = await submit(body).expect(201);
      expect(res.body.suggestion.outcome).toBe(outcome);
      const item = (await queue('triage')).find((i) => i.id === res.body.id);
      // DOMAIN.md: RED for an URGENT_CONTACT suggestion, due 4 hours; else AMBER, 1 working day
      expect(item?.rag).toBe(outcome === 'URGENT_CONTACT' ? 'RED' : 'AMBER');
      // issue 16: the triage queue names the force and the risk assessment
      expect(item).toMatchObject({
        force: 'Cleveland Police',
        riskTool: body.riskTool,
        riskLevel: body.riskLevel,
        flags: expect.arrayContaining([`SUGGESTED_${outcome}`]) as unknown,
      });
      expect(res.body.triageDueAt).toBe(
        outcome === 'URGENT_CONTACT' ? '2026-11-23T14:00:00.000Z' : '2026-11-24T10:00:00.000Z',
      );
    });

    it('should escalate the third notification for the same victim in 12 months, with MARAC', async () => {
      const victim = {
        firstName: `Rosa${randomUUID().slice(0, 6)}`,
        lastName: 'Blake',
        dateOfBirth: '1988-08-08',
      };
      const first = await submit(notification({ victim, incidentAt: '2026-03-01T22:00:00Z' })).expect(201);
      const second = await submit(notification({ victim, incidentAt: '2026-09-01T22:00:00Z' })).expect(201);
      expect(first.body.suggestion.outcome).toBe('INFORMATION_ONLY');
      expect(second.body.suggestion.outcome).toBe('INFORMATION_ONLY');
      const third = await submit(
        notification({ victim: { ...victim, firstName: victim.firstName.toUpperCase() } }),
      ).expect(201);
      expect(third.body.suggestion).toMatchObject({
        outcome: 'CONTACT',
        marac: true,
        reasons: expect.arrayContaining([
          expect.stringMatching(/3 notifications for this victim in 12 months/),
        ]),
      });
      expect(third.body.marac).toBe(true);
    });

    it('should suggest a contact when a child already had a contact in the last 12 months', async () => {
      const kid = child();
      await t
        .http()
        .post('/api/contacts')
        .set(as(screener))
        .send(
          contactBody({
            child: { firstName: kid.firstName, lastName: kid.lastName, dateOfBirth: kid.dateOfBirth },
            receivedAt: '2026-10-01T10:00:00Z',
          }),
        )
        .expect(201);
      const res = await submit(notification({ children: [kid] })).expect(201);
      expect(res.body.suggestion.outcome).toBe('CONTACT');

      // issue 16: the screener reads each child's history as it stood on arrival, audited per child
      const other = child();
      const two = await submit(notification({ children: [kid, other] })).expect(201);
      const staff = await t.http().get(`/api/da-notifications/${two.body.id}`).set(as(screener)).expect(200);
      const [known, unknown] = staff.body.details.children as {
        childId: string;
        firstName: string;
        history: { contactsLast12Months: number; referralsLast12Months: number; items: { kind: string }[] };
      }[];
      expect(known.firstName).toBe(kid.firstName);
      expect(known.history).toMatchObject({ contactsLast12Months: 1, referralsLast12Months: 0 });
      // the earlier contact and both notifications naming the child
      expect(known.history.items.map((i) => i.kind).sort()).toEqual([
        'CONTACT',
        'DA_NOTIFICATION',
        'DA_NOTIFICATION',
      ]);
      expect(unknown.history).toMatchObject({ contactsLast12Months: 0, referralsLast12Months: 0 });
      const audited = (await t.dataSource.query(
        `select entity_id from audit_entry where action = 'CHILD_HISTORY_VIEWED' and details->>'notificationId' = $1`,
        [two.body.id],
      )) as { entity_id: string }[];
      expect(audited.map((a) => a.entity_id).sort()).toEqual([known.childId, unknown.childId].sort());
      // triage makes a contact of each child: still not counted as before the notification
      await triage(two.body.id, { outcome: 'CONTACT' }).expect(201);
      const after = await t.http().get(`/api/da-notifications/${two.body.id}`).set(as(screener)).expect(200);
      expect(
        (after.body.details.children as { history: { contactsLast12Months: number } }[]).map(
          (c) => c.history.contactsLast12Months,
        ),
      ).toEqual([1, 0]);
      // police read back what they sent, never the children's records nor their histories
      const police = await t
        .http()
        .get(`/api/da-notifications/${two.body.id}`)
        .set(as(cleveland))
        .expect(200);
      expect(police.body.details.children.map((c: { firstName: string }) => c.firstName)).toEqual([
        kid.firstName,
        other.firstName,
      ]);
      for (const c of police.body.details.children as Record<string, unknown>[]) {
        expect(c.childId).toBeUndefined();
        expect(c.history).toBeUndefined();
      }
      expect(police.body.contacts).toBeUndefined();
    });
  });

  describe('the triage matrix (issue 16)', () => {
    it('should show the rows of config/da-triage-matrix.yml in the order they are tried, with MARAC', async () => {
      const res = await t.http().get('/api/da-triage-matrix').set(as(screener)).expect(200);
      expect(res.body.source).toBe('config/da-triage-matrix.yml');
      expect(res.body.rows.map((r: { outcome: string }) => r.outcome)).toEqual([
        'URGENT_CONTACT',
        'CONTACT',
        'INFORMATION_ONLY',
      ]);
      expect(res.body.rows[0].triageDue).toEqual({ kind: 'elapsedHours', amount: 4 });
      expect(res.body.rows[0].criteria).toContainEqual({
        setting: 'urgentContact.dashScoreAtLeast',
        value: '14',
        text: 'DASH score 14 or more (DASH only)',
      });
      expect(res.body.marac.length).toBeGreaterThan(0);
      await t.http().get('/api/da-triage-matrix').set(as(cleveland)).expect(200);
      const school = await t.login('school@partner.example');
      await t.http().get('/api/da-triage-matrix').set(as(school)).expect(403);
    });
  });

  describe('triage', () => {
    it("should record INFORMATION_ONLY on the child's history without a contact", async () => {
      const kid = child();
      const n = await submit(notification({ children: [kid] })).expect(201);
      const res = await triage(n.body.id, { outcome: 'INFORMATION_ONLY' }).expect(201);
      expect(res.body).toEqual({
        status: 'TRIAGED',
        outcome: 'INFORMATION_ONLY',
        marac: false,
        contacts: [],
      });
      const later = await t
        .http()
        .post('/api/contacts')
        .set(as(screener))
        .send(
          contactBody({
            child: { firstName: kid.firstName, lastName: kid.lastName, dateOfBirth: kid.dateOfBirth },
          }),
        )
        .expect(201);
      const view = await t.http().get(`/api/contacts/${later.body.id}`).set(as(screener)).expect(200);
      expect(view.body.history.items).toContainEqual(
        expect.objectContaining({
          kind: 'DA_NOTIFICATION',
          id: n.body.id,
          reference: n.body.policeReference,
          outcome: 'INFORMATION_ONLY',
        }),
      );
    });

    it('should make one AMBER police contact per child, in one household, linked to the notification', async () => {
      const n = await submit(
        notification({ riskLevel: 'MEDIUM', children: [child(), child({ dateOfBirth: '2020-01-01' })] }),
      ).expect(201);
      const res = await triage(n.body.id, { outcome: 'CONTACT' }).expect(201);
      expect(res.body.contacts).toHaveLength(2);
      expect(res.body.contacts.every((c: { rag: string }) => c.rag === 'AMBER')).toBe(true);
      const rows = await t.dataSource.query(
        `select source, categories, household_id, da_notification_id, rag, status from contact where id = any($1)`,
        [res.body.contacts.map((c: { id: string }) => c.id)],
      );
      expect(new Set(rows.map((r: { household_id: string }) => r.household_id)).size).toBe(1);
      rows.forEach((r: Body) =>
        expect(r).toMatchObject({
          source: '6',
          categories: ['DOMESTIC_ABUSE'],
          da_notification_id: n.body.id,
          status: 'RECEIVED',
        }),
      );
      const screening = await queue('screening');
      expect(res.body.contacts.every((c: { id: string }) => screening.some((i) => i.id === c.id))).toBe(true);
      expect((await queue('triage')).some((i) => i.id === n.body.id)).toBe(false);
    });

    it('should make RED contacts for URGENT_CONTACT', async () => {
      const n = await submit(notification({ riskLevel: 'HIGH' })).expect(201);
      const res = await triage(n.body.id, { outcome: 'URGENT_CONTACT' }).expect(201);
      expect(res.body.contacts.map((c: { rag: string }) => c.rag)).toEqual(['RED']);
    });

    it('should need a rationale to override the suggestion', async () => {
      const n = await submit(notification({ riskLevel: 'HIGH' })).expect(201);
      const refused = await triage(n.body.id, { outcome: 'CONTACT' }).expect(400);
      expect(refused.body.error.details[0].field).toBe('rationale');
      await triage(n.body.id, {
        outcome: 'CONTACT',
        rationale: 'Perpetrator in custody and on remand; family safe tonight.',
      }).expect(201);
    });

    it('should let MARAC be raised by judgement but never lowered below the rules', async () => {
      const high = await submit(notification({ riskLevel: 'HIGH' })).expect(201);
      expect(high.body.suggestion.marac).toBe(true);
      const lowered = await triage(high.body.id, { outcome: 'URGENT_CONTACT', marac: false }).expect(400);
      expect(lowered.body.error.details[0].field).toBe('marac');
      const low = await submit(notification()).expect(201);
      const raised = await triage(low.body.id, { outcome: 'INFORMATION_ONLY', marac: true }).expect(201);
      expect(raised.body.marac).toBe(true);
    });

    it('should answer 409 STALE_STATE to a second triage', async () => {
      const n = await submit(notification()).expect(201);
      await triage(n.body.id, { outcome: 'INFORMATION_ONLY' }).expect(201);
      expect((await triage(n.body.id, { outcome: 'INFORMATION_ONLY' }).expect(409)).body.error.code).toBe(
        'STALE_STATE',
      );
    });
  });

  describe('Operation Encompass', () => {
    it('should make the school notification due 08:30 on Tuesday after a Friday-evening incident before a bank holiday Monday', async () => {
      // Friday 22 May 2026, 19:00 BST; Monday 25 May is the Spring bank holiday
      const res = await submit(notification({ incidentAt: '2026-05-22T18:00:00Z' })).expect(201);
      expect(res.body.encompass[0].dueAt).toBe('2026-05-26T07:30:00.000Z');
    });

    it('should notify for a school named whatever the age, and not for an 18-year-old without one', async () => {
      const res = await submit(
        notification({
          children: [
            child({ dateOfBirth: '2023-06-01', school: 'Little Acorns Nursery School' }),
            child({ dateOfBirth: '2008-01-01' }),
          ],
        }),
      ).expect(201);
      expect(res.body.encompass).toHaveLength(1);
      expect(res.body.encompass[0].school).toBe('Little Acorns Nursery School');
    });

    it('should show overdue school notifications and take them off the queue when sent', async () => {
      const late = await submit(notification({ incidentAt: '2026-11-19T20:00:00Z' })).expect(201); // due Fri 20 Nov 08:30
      const item = (await queue('encompass')).find((i) => i.id === late.body.encompass[0].id);
      expect(item?.timeliness).toBe('OVERDUE');
      // issue 16: the school the police named, or the flag that one must be found
      const school = late.body.encompass[0].school as string | null;
      expect(item).toMatchObject(
        school ? { school, flags: ['SCHOOL_NAMED'] } : { flags: ['SCHOOL_TO_FIND'] },
      );
      expect(item).toMatchObject({ notificationId: late.body.id });
      const sent = await t
        .http()
        .post(`/api/encompass/${late.body.encompass[0].id}/sent`)
        .set(as(screener))
        .send({ method: 'PHONE', recipient: 'Designated safeguarding lead' })
        .expect(200);
      expect(sent.body).toMatchObject({ status: 'SENT', onTime: false, sentAt: NOW });
      expect((await queue('encompass')).some((i) => i.id === late.body.encompass[0].id)).toBe(false);
      await t
        .http()
        .post(`/api/encompass/${late.body.encompass[0].id}/sent`)
        .set(as(screener))
        .send({ method: 'PHONE', recipient: 'Designated safeguarding lead' })
        .expect(409);
      await t
        .http()
        .post(`/api/encompass/${randomUUID()}/sent`)
        .set(as(screener))
        .send({ method: 'EMAIL', recipient: 'dsl@school' })
        .expect(404);
    });
  });

  describe('who sees what', () => {
    it('should answer Durham police 404 on a Cleveland notification', async () => {
      const n = await submit(notification()).expect(201);
      const other = await t.http().get(`/api/da-notifications/${n.body.id}`).set(as(durham)).expect(404);
      const missing = await t.http().get(`/api/da-notifications/${randomUUID()}`).set(as(durham)).expect(404);
      expect(other.body.error).toEqual(missing.body.error);
      const list = await t.http().get('/api/da-notifications').set(as(durham)).expect(200);
      expect(list.body.some((v: { id: string }) => v.id === n.body.id)).toBe(false);
    });

    it('should show police their triage status but never the contacts made nor the rationale', async () => {
      const n = await submit(notification({ riskLevel: 'HIGH' })).expect(201);
      await triage(n.body.id, {
        outcome: 'CONTACT',
        rationale: 'Perpetrator remanded in custody this morning.',
      }).expect(201);
      const police = await t.http().get(`/api/da-notifications/${n.body.id}`).set(as(cleveland)).expect(200);
      expect(police.body.triage).toEqual({ outcome: 'CONTACT', triagedAt: NOW });
      expect(police.body.contacts).toBeUndefined();
      expect(JSON.stringify(police.body)).not.toContain('remanded');
      const staff = await t.http().get(`/api/da-notifications/${n.body.id}`).set(as(screener)).expect(200);
      expect(staff.body.contacts).toHaveLength(1);
      expect(staff.body.triage.rationale).toContain('remanded');
      const [{ n: reads }] = await t.dataSource.query(
        `select count(*)::int as n from audit_entry where entity_id = $1 and action = 'DA_NOTIFICATION_VIEWED'`,
        [n.body.id],
      );
      expect(reads).toBe(2);
    });

    it("should list only the force's own notifications to police, all to screeners", async () => {
      const mine = await submit(notification()).expect(201);
      const theirs = await submit(notification(), durham).expect(201);
      const police = (await t.http().get('/api/da-notifications').set(as(cleveland)).expect(200)).body as {
        id: string;
      }[];
      expect(police.some((v) => v.id === mine.body.id)).toBe(true);
      expect(police.some((v) => v.id === theirs.body.id)).toBe(false);
      const staff = (
        await t.http().get('/api/da-notifications?status=AWAITING_TRIAGE').set(as(screener)).expect(200)
      ).body as { id: string }[];
      expect(staff.some((v) => v.id === theirs.body.id)).toBe(true);
    });
  });
});
