import { randomUUID } from 'node:crypto';
import { createTestApp, type TestApp } from '../support/test-app';
import { contactBody, hoursAgo, type Body } from '../support/contacts';

describe('contacts: intake (API.md "Contacts")', () => {
  let t: TestApp;
  let screener: string;
  let partner: string;
  let police: string;

  beforeAll(async () => {
    t = await createTestApp();
    [screener, partner, police] = await Promise.all([
      t.login('screener@mach.example'),
      t.login('school@partner.example'),
      t.login('police@cleveland.example'),
    ]);
  });
  afterAll(() => t.close());

  const post = (token: string, body: Body) =>
    t.http().post('/api/contacts').set('authorization', `Bearer ${token}`).send(body);
  const count = async (table: string) =>
    ((await t.dataSource.query(`select count(*)::int as n from ${table}`)) as { n: number }[])[0].n;

  it('should create a contact with reference, RAG, deadline, child and history when a screener sends one', async () => {
    const res = await post(screener, contactBody({ receivedAt: hoursAgo(1) })).expect(201);
    expect(res.body).toMatchObject({
      id: expect.any(String),
      reference: expect.stringMatching(/^CON-\d{4}-\d{6}$/),
      householdId: expect.any(String),
      status: 'RECEIVED',
      rag: 'GREEN',
      suggestedRag: 'GREEN',
      ragReasons: ['no red or amber indicator'],
      decisionDueAt: expect.any(String),
      child: { id: expect.any(String), firstName: expect.stringMatching(/^Amira/), lastName: 'Khan' },
      history: { contactsLast12Months: 0, referralsLast12Months: 0 },
    });
  });

  it('should answer the intake with exactly what reading the contact back shows (apart from its history items)', async () => {
    const first = await post(screener, contactBody({ receivedAt: hoursAgo(2) })).expect(201);
    const again = await post(
      screener,
      contactBody({
        receivedAt: hoursAgo(1),
        child: { firstName: first.body.child.firstName, lastName: 'Khan', dateOfBirth: '2017-04-02' },
        immediateRisk: true,
      }),
    ).expect(201);
    expect(again.body.history).toEqual({ contactsLast12Months: 1, referralsLast12Months: 0 });
    expect(again.body.ragHistory).toEqual([
      {
        fromRag: null,
        toRag: 'RED',
        reason: 'suggested rating',
        changedBy: { id: expect.any(String), name: 'Sam Screener' },
        changedAt: expect.any(String),
        decisionDueAt: again.body.decisionDueAt,
      },
    ]);
    const read = await t
      .http()
      .get(`/api/contacts/${again.body.id}`)
      .set('authorization', `Bearer ${screener}`)
      .expect(200);
    const { items, ...readHistory } = read.body.history as { items: unknown[] };
    expect(items).toHaveLength(1);
    expect(readHistory).toEqual(again.body.history);
    for (const [field, value] of Object.entries(again.body as Record<string, unknown>)) {
      if (field !== 'history') expect({ field, value: read.body[field] }).toEqual({ field, value });
    }
  });

  it('should record the partner agency as the origin and answer a partner with status only', async () => {
    const res = await post(partner, contactBody()).expect(201);
    expect(Object.keys(res.body).sort()).toEqual(['householdId', 'id', 'receivedAt', 'reference', 'status']);
    const [row] = await t.dataSource.query(
      `select a.name from contact c join agency a on a.id = c.origin_agency_id where c.id = $1`,
      [res.body.id],
    );
    expect(row.name).toBe('Acklam Primary School');
  });

  it('should refuse police, who send DA notifications instead', async () => {
    await post(police, contactBody()).expect(403);
  });

  it('should refuse a partner who tries to set the rating', async () => {
    const res = await post(partner, contactBody({ rag: 'RED', ragReason: 'we think so' })).expect(403);
    expect(res.body.error.details).toEqual([{ field: 'rag', message: expect.any(String) }]);
  });

  // each row: what is wrong, the change, the field the error must name
  it.each<[string, (b: Body) => Body, string]>([
    ['unknown referral source', (b) => ({ ...b, source: '11' }), 'source'],
    ['missing source', ({ source: _s, ...b }) => b, 'source'],
    ['unknown category', (b) => ({ ...b, categories: ['BULLYING'] }), 'categories'],
    ['no category', (b) => ({ ...b, categories: [] }), 'categories'],
    ['repeated category', (b) => ({ ...b, categories: ['NEGLECT', 'NEGLECT'] }), 'categories'],
    ['concerns too short', (b) => ({ ...b, concerns: 'too short' }), 'concerns'],
    ['concerns too long', (b) => ({ ...b, concerns: 'x'.repeat(10001) }), 'concerns'],
    [
      'received in the future',
      (b) => ({ ...b, receivedAt: new Date(Date.now() + 3600_000).toISOString() }),
      'receivedAt',
    ],
    ['received without a zone', (b) => ({ ...b, receivedAt: '2026-11-20T10:00:00' }), 'receivedAt'],
    [
      'born after the contact',
      (b) => ({
        ...b,
        receivedAt: '2026-01-10T10:00:00Z',
        child: { ...(b.child as Body), dateOfBirth: '2026-02-01' },
      }),
      'child.dateOfBirth',
    ],
    [
      'impossible date of birth',
      (b) => ({ ...b, child: { ...(b.child as Body), dateOfBirth: '2016-02-30' } }),
      'child.dateOfBirth',
    ],
    [
      'both birth dates',
      (b) => ({ ...b, child: { ...(b.child as Body), expectedDateOfBirth: '2027-03-01' } }),
      'child.expectedDateOfBirth',
    ],
    [
      'NHS number failing mod-11',
      (b) => ({ ...b, child: { ...(b.child as Body), nhsNumber: '9434765918' } }),
      'child.nhsNumber',
    ],
    [
      'NHS number of 9 digits',
      (b) => ({ ...b, child: { ...(b.child as Body), nhsNumber: '943476591' } }),
      'child.nhsNumber',
    ],
    ['sex not M/F/U', (b) => ({ ...b, child: { ...(b.child as Body), sex: 'X' } }), 'child.sex'],
    [
      'unknown ethnicity code',
      (b) => ({ ...b, child: { ...(b.child as Body), ethnicity: 'BRITISH' } }),
      'child.ethnicity',
    ],
    [
      'not a postcode',
      (b) => ({ ...b, child: { ...(b.child as Body), postcode: 'NOT A CODE' } }),
      'child.postcode',
    ],
    [
      'blank first name',
      (b) => ({ ...b, child: { ...(b.child as Body), firstName: '   ' } }),
      'child.firstName',
    ],
    ['missing child', ({ child: _c, ...b }) => b, 'child'],
    [
      'referrer without organisation',
      (b) => ({ ...b, referrer: { name: 'Ms J Patel' } }),
      'referrer.organisation',
    ],
    [
      'referrer email not an email',
      (b) => ({ ...b, referrer: { name: 'A', organisation: 'B', email: 'nope' } }),
      'referrer.email',
    ],
    ['consent refused without a reason', (b) => ({ ...b, consent: { status: 'REFUSED' } }), 'consent.reason'],
    [
      'consent not sought without a reason',
      (b) => ({ ...b, consent: { status: 'NOT_SOUGHT' } }),
      'consent.reason',
    ],
    ['unknown consent status', (b) => ({ ...b, consent: { status: 'MAYBE' } }), 'consent.status'],
    ['immediateRisk missing', ({ immediateRisk: _i, ...b }) => b, 'immediateRisk'],
    ['immediateRisk not a boolean', (b) => ({ ...b, immediateRisk: 'no' }), 'immediateRisk'],
    ['unknown field', (b) => ({ ...b, priority: 'high' }), 'priority'],
    [
      'unknown nested field',
      (b) => ({ ...b, child: { ...(b.child as Body), nickname: 'Mimi' } }),
      'child.nickname',
    ],
    ['rating differs from the suggestion without a reason', (b) => ({ ...b, rag: 'RED' }), 'ragReason'],
    ['householdId not a UUID', (b) => ({ ...b, householdId: 'family-1' }), 'householdId'],
  ])('should answer 400 naming %s and store nothing', async (_what, change, field) => {
    const before = await count('contact');
    const res = await post(screener, change(contactBody())).expect(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect((res.body.error.details as { field: string }[]).map((d) => d.field)).toContain(field);
    expect(await count('contact')).toBe(before);
  });

  it('should accept an NHS number written with spaces and store it as 10 digits', async () => {
    const res = await post(
      screener,
      contactBody({ child: { firstName: 'Noah', lastName: 'Reed', nhsNumber: '943 476 5919' } }),
    ).expect(201);
    expect(res.body.child.nhsNumber).toBe('9434765919');
  });

  it('should accept an unborn child with an expected date of birth and flag it', async () => {
    const due = new Date(Date.now() + 90 * 86400_000).toISOString().slice(0, 10);
    const res = await post(
      screener,
      contactBody({ child: { firstName: 'Baby', lastName: 'Okafor', expectedDateOfBirth: due } }),
    ).expect(201);
    const queue = await t
      .http()
      .get('/api/queues/screening')
      .set('authorization', `Bearer ${screener}`)
      .expect(200);
    expect(queue.body.items.find((i: { id: string }) => i.id === res.body.id).flags).toContain('UNBORN');
  });

  it('should link siblings sent one per child with the householdId of the first', async () => {
    const first = await post(screener, contactBody()).expect(201);
    const second = await post(screener, contactBody({ householdId: first.body.householdId })).expect(201);
    expect(second.body.householdId).toBe(first.body.householdId);
    expect(second.body.child.id).not.toBe(first.body.child.id);
  });

  describe('Idempotency-Key', () => {
    it('should give back the first response, without a second contact, when the same key and body come again', async () => {
      const key = `k-${randomUUID()}`;
      const body = contactBody();
      const first = await post(partner, body).set('Idempotency-Key', key).expect(201);
      const before = await count('contact');
      const again = await post(partner, body).set('Idempotency-Key', key).expect(201);
      expect(again.body).toEqual(first.body);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(await count('contact')).toBe(before);
    });

    it('should answer 422 IDEMPOTENCY_KEY_REUSED when the same key comes with another body', async () => {
      const key = `k-${randomUUID()}`;
      await post(partner, contactBody()).set('Idempotency-Key', key).expect(201);
      const res = await post(partner, contactBody()).set('Idempotency-Key', key).expect(422);
      expect(res.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    });

    it('should create one contact when ten identical keyed requests arrive at once', async () => {
      const key = `k-${randomUUID()}`;
      const body = contactBody();
      const before = await count('contact');
      const results = await Promise.all(
        Array.from({ length: 10 }, () => post(partner, body).set('Idempotency-Key', key)),
      );
      expect(results.map((r) => r.status)).toEqual(Array(10).fill(201));
      expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
      expect(await count('contact')).toBe(before + 1);
    });

    it('should refuse a malformed key', async () => {
      const res = await post(partner, contactBody()).set('Idempotency-Key', 'has spaces in it').expect(400);
      expect(res.body.error.details[0].field).toBe('Idempotency-Key');
    });
  });

  describe('journal: every change writes its audit row and live event in its transaction', () => {
    it('should write CONTACT_CREATED and a contact.created event with a higher seq each time', async () => {
      const seqs: number[] = [];
      for (let i = 0; i < 3; i += 1) {
        const res = await post(screener, contactBody()).expect(201);
        await t.sequenced();
        const [event] = await t.dataSource.query(
          `select seq::int, type from live_event where payload->>'id' = $1`,
          [res.body.id],
        );
        expect(event.type).toBe('contact.created');
        seqs.push(event.seq);
        const [audit] = await t.dataSource.query(`select action from audit_entry where entity_id = $1`, [
          res.body.id,
        ]);
        expect(audit.action).toBe('CONTACT_CREATED');
      }
      expect(seqs[1]).toBeGreaterThan(seqs[0]);
      expect(seqs[2]).toBeGreaterThan(seqs[1]);
    });

    it('should leave no audit row, event or child behind when intake fails', async () => {
      const before = await Promise.all(['audit_entry', 'live_event', 'child'].map(count));
      await post(screener, contactBody({ rag: 'RED' })).expect(400); // no ragReason
      expect(await Promise.all(['audit_entry', 'live_event', 'child'].map(count))).toEqual(before);
    });
  });
});
