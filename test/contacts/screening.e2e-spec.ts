import { randomUUID } from 'node:crypto';
import { SCREENING_QUEUE_SQL } from '@app/contacts/screening-queue';
import { createTestApp, type TestApp } from '../support/test-app';
import { contactBody, hoursAgo, makeScreeners, type Body } from '../support/contacts';

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

interface QueueItem {
  id: string;
  rag: string;
  dueAt: string;
  timeliness: string;
  claimedBy?: { id: string; name: string };
  flags: string[];
}

describe('contacts: screening (history, RAG, claims, queue, access)', () => {
  let t: TestApp;
  let screener: string;
  let screener2: string;
  let manager: string;
  let partner: string;

  beforeAll(async () => {
    t = await createTestApp();
    [screener, screener2, manager, partner] = await Promise.all([
      t.login('screener@mach.example'),
      t.login('screener2@mach.example'),
      t.login('manager@mach.example'),
      t.login('school@partner.example'),
    ]);
  });
  afterAll(() => t.close());

  const as = (token: string) => ({ authorization: `Bearer ${token}` });
  const post = (token: string, body: Body) => t.http().post('/api/contacts').set(as(token)).send(body);
  const queue = async (token = screener): Promise<QueueItem[]> =>
    (await t.http().get('/api/queues/screening').set(as(token)).expect(200)).body.items;
  const child = (extra: Body = {}) => ({
    firstName: `Leo${randomUUID().slice(0, 6)}`,
    lastName: 'Marsh',
    dateOfBirth: '2015-06-01',
    ...extra,
  });

  describe('child matching and the 12-month history', () => {
    it('should recognise the same child by names and date of birth whatever the case and spacing', async () => {
      const kid = child();
      const first = await post(screener, contactBody({ child: kid })).expect(201);
      const again = await post(
        screener,
        contactBody({
          child: { ...kid, firstName: ` ${kid.firstName.toUpperCase()} `, lastName: 'mar sh' },
        }),
      ).expect(201);
      expect(again.body.child.id).toBe(first.body.child.id);
      expect(again.body.history.contactsLast12Months).toBe(1);
    });

    it('should recognise the same child by NHS number even when the name is spelt differently', async () => {
      const first = await post(screener, contactBody({ child: child({ nhsNumber: '4010232137' }) })).expect(
        201,
      );
      const again = await post(
        screener,
        contactBody({ child: { firstName: 'Leon', lastName: 'Marsh-Brown', nhsNumber: '4010232137' } }),
      ).expect(201);
      expect(again.body.child.id).toBe(first.body.child.id);
    });

    it('should treat a name match carrying another NHS number as another child', async () => {
      const kid = child({ nhsNumber: '9434765919' });
      const first = await post(screener, contactBody({ child: kid })).expect(201);
      const other = await post(screener, contactBody({ child: { ...kid, nhsNumber: '4857773457' } })).expect(
        201,
      );
      expect(other.body.child.id).not.toBe(first.body.child.id);
    });

    it('should count only the last 12 months of contacts and referrals, and list earlier items with dates and RAG', async () => {
      const kid = child();
      const old = await post(
        screener,
        contactBody({ child: kid, receivedAt: new Date(Date.now() - 400 * 86400_000).toISOString() }),
      ).expect(201);
      const recent = await post(
        screener,
        contactBody({
          child: kid,
          receivedAt: new Date(Date.now() - 60 * 86400_000).toISOString(),
          categories: ['NEGLECT'],
        }),
      ).expect(201);
      // the recent one is decided as a social care assessment: a referral, dated today
      await t.http().post(`/api/contacts/${recent.body.id}/claim`).set(as(screener)).send({}).expect(200);
      await t
        .http()
        .post(`/api/contacts/${recent.body.id}/decision`)
        .set(as(screener))
        .send({
          level: 3,
          outcome: 'SOCIAL_CARE_ASSESSMENT',
          rationale: 'Persistent neglect reported by school over several weeks; needs a single assessment.',
          primaryNeedCode: 'N1',
        })
        .expect(201);
      const latest = await post(screener, contactBody({ child: kid })).expect(201);
      expect(latest.body.history).toEqual({ contactsLast12Months: 1, referralsLast12Months: 1 });

      const view = await t.http().get(`/api/contacts/${latest.body.id}`).set(as(screener)).expect(200);
      expect(view.body.history.contactsLast12Months).toBe(1);
      expect(view.body.history.referralsLast12Months).toBe(1);
      const items = view.body.history.items as { kind: string; id: string; rag?: string; date: string }[];
      expect(items.map((i) => i.kind)).toEqual(['REFERRAL', 'CONTACT', 'CONTACT']);
      expect(items.find((i) => i.id === recent.body.id)).toMatchObject({
        kind: 'CONTACT',
        rag: 'AMBER',
        reference: recent.body.reference,
        outcome: 'SOCIAL_CARE_ASSESSMENT',
      });
      expect(items.find((i) => i.id === old.body.id)).toMatchObject({ kind: 'CONTACT', rag: 'GREEN' });
    });
  });

  describe('RAG and deadlines (DOMAIN.md "Screening timescales")', () => {
    it.each<[string, Body, string, RegExp]>([
      ['immediate risk', { immediateRisk: true }, 'RED', /immediate risk/],
      ['sexual abuse', { categories: ['SEXUAL_ABUSE'] }, 'RED', /sexual abuse/],
      [
        'physical abuse with injury',
        { categories: ['PHYSICAL_ABUSE'], injury: true },
        'RED',
        /physical abuse with injury/,
      ],
      ['domestic abuse', { categories: ['DOMESTIC_ABUSE'] }, 'AMBER', /domestic abuse/],
      ['neglect', { categories: ['NEGLECT'] }, 'AMBER', /neglect/],
      ['a lower-level concern', { categories: ['OTHER'] }, 'GREEN', /no red or amber/],
    ])('should suggest the rating for %s with its reason', async (_what, change, rag, reason) => {
      const res = await post(screener, contactBody(change)).expect(201);
      expect(res.body.suggestedRag).toBe(rag);
      expect(res.body.rag).toBe(rag);
      expect(res.body.ragReasons.join('; ')).toMatch(reason);
    });

    it('should rate AMBER when the child had 2 contacts in the last 12 months', async () => {
      const kid = child();
      await post(screener, contactBody({ child: kid })).expect(201);
      await post(screener, contactBody({ child: kid })).expect(201);
      const third = await post(screener, contactBody({ child: kid })).expect(201);
      expect(third.body.suggestedRag).toBe('AMBER');
      expect(third.body.ragReasons).toContain('2 contacts about this child in the last 12 months');
    });

    it('should make an AMBER contact received on a Friday afternoon due on Monday at the same time', async () => {
      const res = await post(
        screener,
        contactBody({ categories: ['NEGLECT'], receivedAt: '2026-11-20T15:00:00Z' }),
      ).expect(201);
      expect(res.body.decisionDueAt).toBe('2026-11-23T15:00:00.000Z');
    });

    it('should make a RED contact due 4 hours after it was received, nights included', async () => {
      const res = await post(
        screener,
        contactBody({ immediateRisk: true, receivedAt: '2026-11-21T23:00:00Z' }),
      ).expect(201);
      expect(res.body.decisionDueAt).toBe('2026-11-22T03:00:00.000Z');
    });

    it('should keep the suggestion beside a screener rating given at intake with its reason', async () => {
      const res = await post(
        screener,
        contactBody({ rag: 'AMBER', ragReason: 'sibling already open to social care' }),
      ).expect(201);
      expect(res.body).toMatchObject({ rag: 'AMBER', suggestedRag: 'GREEN' });
      const view = await t.http().get(`/api/contacts/${res.body.id}`).set(as(screener)).expect(200);
      expect(view.body.ragHistory).toEqual([
        expect.objectContaining({
          fromRag: null,
          toRag: 'AMBER',
          reason: 'sibling already open to social care',
        }),
      ]);
    });

    it('should re-rate with a reason, move the deadline and keep the history of who, when and why', async () => {
      const created = await post(screener, contactBody({ receivedAt: '2026-11-20T10:00:00Z' })).expect(201);
      expect(created.body.decisionDueAt).toBe('2026-11-25T10:00:00.000Z'); // GREEN: 3 working days
      const res = await t
        .http()
        .post(`/api/contacts/${created.body.id}/rag`)
        .set(as(screener))
        .send({ rag: 'RED', reason: 'mother called: father back home' })
        .expect(200);
      expect(res.body).toEqual({
        id: created.body.id,
        rag: 'RED',
        decisionDueAt: '2026-11-20T14:00:00.000Z',
      });
      const view = await t.http().get(`/api/contacts/${created.body.id}`).set(as(screener)).expect(200);
      expect(view.body.ragHistory).toEqual([
        expect.objectContaining({ fromRag: null, toRag: 'GREEN', reason: 'suggested rating' }),
        expect.objectContaining({
          fromRag: 'GREEN',
          toRag: 'RED',
          reason: 'mother called: father back home',
          changedBy: expect.objectContaining({ name: 'Sam Screener' }),
          decisionDueAt: '2026-11-20T14:00:00.000Z',
        }),
      ]);
    });

    it('should refuse a re-rating without a reason', async () => {
      const created = await post(screener, contactBody()).expect(201);
      const res = await t
        .http()
        .post(`/api/contacts/${created.body.id}/rag`)
        .set(as(screener))
        .send({ rag: 'RED' })
        .expect(400);
      expect(res.body.error.details[0].field).toBe('reason');
    });
  });

  describe('claims', () => {
    it('should let exactly one of 20 screeners claiming at once win, and tell the others who holds it', async () => {
      const racers = await makeScreeners(t, 20);
      const created = await post(screener, contactBody()).expect(201);
      const results = await Promise.all(
        racers.map((r) => t.http().post(`/api/contacts/${created.body.id}/claim`).set(as(r.token)).send({})),
      );
      const winners = results.filter((r) => r.status === 200);
      const losers = results.filter((r) => r.status === 409);
      expect(winners).toHaveLength(1);
      expect(losers).toHaveLength(19);
      const winnerId = winners[0].body.claimedBy.id;
      for (const loser of losers) {
        expect(loser.body.error.code).toBe('CONTACT_ALREADY_CLAIMED');
        expect(loser.body.error.claimedBy.id).toBe(winnerId);
      }
      const [row] = await t.dataSource.query('select claimed_by from contact where id = $1', [
        created.body.id,
      ]);
      expect(row.claimed_by).toBe(winnerId);
      const [{ n }] = await t.dataSource.query(
        `select count(*)::int as n from audit_entry where entity_id = $1 and action = 'CONTACT_CLAIMED'`,
        [created.body.id],
      );
      expect(n).toBe(1);
    });

    it('should be fine to claim twice as the same screener, and show the claim on the queue', async () => {
      const created = await post(screener, contactBody()).expect(201);
      const first = await t
        .http()
        .post(`/api/contacts/${created.body.id}/claim`)
        .set(as(screener))
        .send({})
        .expect(200);
      const again = await t
        .http()
        .post(`/api/contacts/${created.body.id}/claim`)
        .set(as(screener))
        .send({})
        .expect(200);
      expect(again.body).toEqual(first.body);
      expect(first.body.claimedBy.name).toBe('Sam Screener');
      // the second claim changed nothing, so it published nothing
      await t.sequenced();
      const events = await t.dataSource.query(
        `select type from live_event where payload->>'id' = $1 order by seq`,
        [created.body.id],
      );
      expect(events.map((e: { type: string }) => e.type)).toEqual(['contact.created', 'contact.claimed']);
      const item = (await queue(screener2)).find((i) => i.id === created.body.id);
      expect(item?.claimedBy?.name).toBe('Sam Screener');
    });

    it('should refuse another screener releasing a claim, and free it when the holder releases', async () => {
      const created = await post(screener, contactBody()).expect(201);
      await t.http().post(`/api/contacts/${created.body.id}/claim`).set(as(screener)).send({}).expect(200);
      await t.http().post(`/api/contacts/${created.body.id}/release`).set(as(screener2)).expect(409);
      await t.http().post(`/api/contacts/${created.body.id}/release`).set(as(screener)).expect(200);
      await t.http().post(`/api/contacts/${created.body.id}/claim`).set(as(screener2)).send({}).expect(200);
    });

    it('should let a manager reassign a claimed contact, and refuse a screener doing so', async () => {
      const created = await post(screener, contactBody()).expect(201);
      await t.http().post(`/api/contacts/${created.body.id}/claim`).set(as(screener)).send({}).expect(200);
      const s2 = (
        await t
          .http()
          .post('/api/auth/login')
          .send({ email: 'screener2@mach.example', password: 'demo-password' })
      ).body.user.id;
      await t
        .http()
        .post(`/api/contacts/${created.body.id}/claim`)
        .set(as(screener))
        .send({ assigneeId: s2 })
        .expect(403);
      const res = await t
        .http()
        .post(`/api/contacts/${created.body.id}/claim`)
        .set(as(manager))
        .send({ assigneeId: s2 })
        .expect(200);
      expect(res.body.claimedBy).toEqual({ id: s2, name: 'Sasha Screener' });
    });

    it('should answer 404 for a contact that does not exist, whatever the id looks like', async () => {
      await t.http().post(`/api/contacts/${randomUUID()}/claim`).set(as(screener)).send({}).expect(404);
      await t.http().post('/api/contacts/not-a-uuid/claim').set(as(screener)).send({}).expect(404);
    });
  });

  describe('the screening queue', () => {
    it('should order RED, AMBER, GREEN then by due time, with timeliness from the clock', async () => {
      const make = async (body: Body) =>
        (await post(screener, contactBody(body)).expect(201)).body.id as string;
      const greenOld = await make({ receivedAt: hoursAgo(80) });
      const amber = await make({ categories: ['NEGLECT'], receivedAt: hoursAgo(1) });
      const redLater = await make({ immediateRisk: true, receivedAt: hoursAgo(1) });
      const redSoon = await make({ immediateRisk: true, receivedAt: hoursAgo(3.5) });
      const redOverdue = await make({ immediateRisk: true, receivedAt: hoursAgo(5) });
      const items = await queue();
      const mine = items.filter((i) => [greenOld, amber, redLater, redSoon, redOverdue].includes(i.id));
      expect(mine.map((i) => i.id)).toEqual([redOverdue, redSoon, redLater, amber, greenOld]);
      const byId = Object.fromEntries(mine.map((i) => [i.id, i.timeliness]));
      // DOMAIN.md: DUE_SOON when less than 25% of the allowed time is left
      expect(byId[redOverdue]).toBe('OVERDUE');
      expect(byId[redSoon]).toBe('DUE_SOON');
      expect(byId[redLater]).toBe('ON_TRACK');
      // the whole queue is in order, not just ours
      const rank = { RED: 0, AMBER: 1, GREEN: 2 } as Record<string, number>;
      for (let i = 1; i < items.length; i += 1) {
        const [a, b] = [items[i - 1], items[i]];
        expect(rank[a.rag] < rank[b.rag] || (rank[a.rag] === rank[b.rag] && a.dueAt <= b.dueAt)).toBe(true);
      }
    });

    it('should show a backdated RED contact as OVERDUE', async () => {
      const res = await post(screener, contactBody({ immediateRisk: true, receivedAt: hoursAgo(6) })).expect(
        201,
      );
      expect((await queue()).find((i) => i.id === res.body.id)?.timeliness).toBe('OVERDUE');
    });

    it('should flag repeat contacts and missing consent', async () => {
      const kid = child();
      await post(screener, contactBody({ child: kid })).expect(201);
      const repeat = await post(
        screener,
        contactBody({ child: kid, consent: { status: 'REFUSED', reason: 'mother refused on the phone' } }),
      ).expect(201);
      expect((await queue()).find((i) => i.id === repeat.body.id)?.flags).toEqual(
        expect.arrayContaining(['REPEAT_CONTACT', 'NO_CONSENT']),
      );
    });

    it('should give the live sequence the list is consistent with', async () => {
      await t.sequenced();
      const res = await t.http().get('/api/queues/screening').set(as(manager)).expect(200);
      const [{ seq }] = await t.dataSource.query('select max(seq)::text as seq from live_event');
      expect(res.body.seq).toBe(Number(seq));
    });

    it('should refuse the queue to partners and police, and answer 404 for an unknown view', async () => {
      await t.http().get('/api/queues/screening').set(as(partner)).expect(403);
      await t
        .http()
        .get('/api/queues/screening')
        .set(as(await t.login('police@durham.example')))
        .expect(403);
      await t.http().get('/api/queues/everything').set(as(screener)).expect(404);
    });

    it('should read open contacts through the partial index with 100,000 closed contacts in the table', async () => {
      const [ids] = await t.dataSource.query(
        `select c.id as child, u.id as usr, u.agency_id as agency from child c, app_user u where u.email = 'screener@mach.example' limit 1`,
      );
      await t.dataSource.query(
        `insert into contact (reference, household_id, child_id, source, received_at, recorded_at, origin_agency_id, created_by,
           referrer, child_reported, concerns, categories, immediate_risk, consent_status, suggested_rag, rag_reasons, rag,
           decision_due_at, status, prior_contacts_12m, prior_referrals_12m, updated_at)
         select 'HIST-' || g, gen_random_uuid(), $1, '8', now() - interval '2 years', now(), $3, $2, '{}', '{}',
                'a closed historical contact', '{OTHER}', false, 'GIVEN', 'GREEN', '{}', 'GREEN', now(), 'DECIDED', 0, 0, now()
           from generate_series(1, 100000) g`,
        [ids.child, ids.usr, ids.agency],
      );
      await t.dataSource.query('analyze contact');
      const [
        {
          'QUERY PLAN': [root],
        },
      ] = await t.dataSource.query(`explain (format json) ${SCREENING_QUEUE_SQL}`);
      const scansOfContact: { 'Node Type': string; 'Index Name'?: string }[] = [];
      const walk = (node: PlanNode) => {
        if (node['Relation Name'] === 'contact') scansOfContact.push(node);
        (node.Plans ?? []).forEach(walk);
      };
      walk(root.Plan);
      expect(scansOfContact).toEqual([
        expect.objectContaining({ 'Index Name': 'ix_contact_screening_queue' }),
      ]);
      const items = await queue();
      expect(items.every((i) => !i.id.startsWith('HIST'))).toBe(true);
      expect(items.length).toBeGreaterThan(0);
    });
  });

  describe('access and audit of reads', () => {
    it("should show a partner its own contact as status only, and 404 for another agency's", async () => {
      const own = await post(partner, contactBody()).expect(201);
      const res = await t.http().get(`/api/contacts/${own.body.id}`).set(as(partner)).expect(200);
      expect(Object.keys(res.body).sort()).toEqual([
        'householdId',
        'id',
        'receivedAt',
        'reference',
        'status',
      ]);
      const mach = await post(screener, contactBody()).expect(201);
      const other = await t.http().get(`/api/contacts/${mach.body.id}`).set(as(partner)).expect(404);
      const missing = await t.http().get(`/api/contacts/${randomUUID()}`).set(as(partner)).expect(404);
      expect(other.body.error).toEqual(missing.body.error);
    });

    it('should refuse police any contact', async () => {
      const mach = await post(screener, contactBody()).expect(201);
      await t
        .http()
        .get(`/api/contacts/${mach.body.id}`)
        .set(as(await t.login('police@cleveland.example')))
        .expect(403);
    });

    it('should audit every read of a contact and of the child history it shows', async () => {
      const created = await post(screener, contactBody()).expect(201);
      await t.http().get(`/api/contacts/${created.body.id}`).set(as(screener2)).expect(200);
      const rows = await t.dataSource.query(
        `select action, entity_id from audit_entry where entity_id in ($1, $2) and action like '%VIEWED' order by id`,
        [created.body.id, created.body.child.id],
      );
      expect(rows).toEqual([
        { action: 'CONTACT_VIEWED', entity_id: created.body.id },
        { action: 'CHILD_HISTORY_VIEWED', entity_id: created.body.child.id },
      ]);
      const [{ n }] = await t.dataSource.query(
        `select count(*)::int as n from audit_entry where action = 'QUEUE_VIEWED'`,
      );
      expect(n).toBeGreaterThan(0);
    });
  });
});
