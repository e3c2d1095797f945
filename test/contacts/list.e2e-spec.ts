import { randomUUID } from 'node:crypto';
import { contactBody, hoursAgo, type Body } from '../support/contacts';
import { createTestApp, type TestApp } from '../support/test-app';

interface Item {
  id: string;
  reference: string;
  childName: string;
  status: string;
  receivedAt: string;
  rag?: string;
  source?: string;
  childId?: string;
  agency?: { id: string; name: string };
  claimedBy?: { id: string; name: string };
  outcome?: string;
  acknowledgement?: { outcome: string; recipient: { name: string } };
}
interface Page {
  items: Item[];
  nextCursor?: string;
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

// issue 17 item 5: GET /api/contacts, cursor-paged, for MACH staff and (their own) partners
describe('GET /api/contacts (issue 17 item 5)', () => {
  let t: TestApp;
  let screener: string;
  let partner: string;
  // this suite's contacts carry a family name of their own, so other suites' rows do not count
  const family = `List${randomUUID().slice(0, 6)}`;

  beforeAll(async () => {
    t = await createTestApp();
    [screener, partner] = await Promise.all([
      t.login('screener@mach.example'),
      t.login('school@partner.example'),
    ]);
  });
  afterAll(() => t.close());

  const make = async (token: string, over: Body = {}) =>
    (
      await t
        .http()
        .post('/api/contacts')
        .set(bearer(token))
        .send(
          contactBody({
            ...over,
            child: { firstName: `C${randomUUID().slice(0, 6)}`, lastName: family, dateOfBirth: '2016-01-01' },
          }),
        )
        .expect(201)
    ).body as { id: string; reference: string };
  const list = async (token: string, query: Record<string, string | number> = {}) =>
    (await t.http().get('/api/contacts').query(query).set(bearer(token)).expect(200)).body as Page;
  const mine = (page: Page) => page.items.filter((i) => i.childName.endsWith(family));

  it('should page newest first by a cursor that holds under new contacts, with nothing missed or doubled', async () => {
    const made = [];
    for (let hours = 10; hours >= 1; hours--)
      made.push(await make(screener, { receivedAt: hoursAgo(hours), source: '1A' }));
    const seen: string[] = [];
    let page = await list(screener, { source: '1A', limit: 4 });
    let pages = 0;
    for (;;) {
      seen.push(...mine(page).map((i) => i.id));
      pages += 1;
      // a contact arriving while someone pages: the pages already read do not move
      if (pages === 1) await make(screener, { receivedAt: hoursAgo(0.5), source: '1A' });
      if (!page.nextCursor) break;
      page = await list(screener, { source: '1A', limit: 4, cursor: page.nextCursor });
    }
    // every one of the ten, newest first, once (the newer arrival is on the first page's side)
    expect(seen).toEqual([...made].reverse().map((c) => c.id));
    const fresh = await list(screener, { source: '1A', limit: 1 });
    expect(mine(fresh)[0]?.childName.endsWith(family)).toBe(true);
  });

  it('should filter by status, rag, source, child, agency and time, on MACH staff’s items', async () => {
    const red = await make(screener, {
      receivedAt: hoursAgo(3),
      categories: ['PHYSICAL_ABUSE'],
      injury: true,
      source: '3A',
    });
    const school = await make(partner);
    await t.http().post(`/api/contacts/${school.id}/claim`).set(bearer(screener)).send({}).expect(200);

    const reds = mine(await list(screener, { rag: 'RED', source: '3A' }));
    expect(reds.map((i) => i.id)).toEqual([red.id]);
    expect(reds[0]).toMatchObject({ rag: 'RED', source: '3A', status: 'RECEIVED', agency: { name: 'MACH' } });

    const screening = mine(await list(screener, { status: 'IN_SCREENING' }));
    expect(screening.map((i) => i.id)).toEqual([school.id]);
    expect(screening[0]).toMatchObject({
      claimedBy: { name: 'Sam Screener' },
      agency: { name: 'Acklam Primary School' },
    });

    const childId = reds[0].childId!;
    expect(mine(await list(screener, { childId })).map((i) => i.id)).toEqual([red.id]);
    const agencyId = screening[0].agency!.id;
    const soon = new Date(Date.now() + 60_000).toISOString();
    expect(mine(await list(screener, { agencyId, from: hoursAgo(0.5), to: soon })).map((i) => i.id)).toEqual([
      school.id,
    ]);
    expect(mine(await list(screener, { agencyId, to: hoursAgo(0.5) })).map((i) => i.id)).not.toContain(
      school.id,
    );
  });

  it('should show a partner its own agency’s contacts only, with the outcome as it was told, and nothing of the record', async () => {
    const own = await make(partner);
    const staffs = await make(screener, { receivedAt: hoursAgo(1) });
    await t.http().post(`/api/contacts/${own.id}/claim`).set(bearer(screener)).send({}).expect(200);
    await t
      .http()
      .post(`/api/contacts/${own.id}/decision`)
      .set(bearer(screener))
      .send({
        level: 2,
        outcome: 'EARLY_HELP',
        rationale:
          'Early help offered to the family by the school with their agreement; no social care role.',
        factors: ['21'],
      })
      .expect(201);
    const items = mine(await list(partner, { limit: 100 }));
    expect(items.some((i) => i.id === staffs.id)).toBe(false);
    const decided = items.find((i) => i.id === own.id)!;
    expect(decided).toMatchObject({
      status: 'DECIDED',
      outcome: 'EARLY_HELP',
      acknowledgement: { outcome: 'EARLY_HELP' },
    });
    for (const item of items) {
      for (const key of ['rag', 'source', 'childId', 'agency', 'claimedBy', 'decisionDueAt'])
        expect(item).not.toHaveProperty(key);
    }
    expect(mine(await list(partner, { status: 'DECIDED' })).map((i) => i.id)).toContain(own.id);
  });

  it('should refuse a partner the staff-only filters, and the police and admins the list', async () => {
    const res = await t
      .http()
      .get('/api/contacts')
      .query({ rag: 'RED', childId: randomUUID() })
      .set(bearer(partner))
      .expect(400);
    expect((res.body.error.details as { field: string }[]).map((d) => d.field).sort()).toEqual([
      'childId',
      'rag',
    ]);
    for (const email of ['police@cleveland.example', 'admin@mach.example']) {
      await t
        .http()
        .get('/api/contacts')
        .set(bearer(await t.login(email)))
        .expect(403);
    }
    await t.http().get('/api/contacts').expect(401);
  });

  it.each([
    [{ limit: 0 }, 'limit'],
    [{ limit: 101 }, 'limit'],
    [{ limit: 'ten' }, 'limit'],
    [{ status: 'OPEN' }, 'status'],
    [{ rag: 'PINK' }, 'rag'],
    [{ source: '99' }, 'source'],
    [{ childId: 'not-a-uuid' }, 'childId'],
    [{ from: '2026-13-01T00:00:00Z' }, 'from'],
    [{ from: '2026-12-02T00:00:00Z', to: '2026-12-01T00:00:00Z' }, 'to'],
    [{ cursor: 'bm90LWEtY3Vyc29y' }, 'cursor'],
    [{ cursor: 'has spaces' }, 'cursor'],
    [{ colour: 'red' }, 'colour'],
  ])('should answer 400 naming the field for %j', async (query, field) => {
    const res = await t.http().get('/api/contacts').query(query).set(bearer(screener)).expect(400);
    expect((res.body.error.details as { field: string }[]).map((d) => d.field)).toContain(field);
  });

  it('should audit each page read by its filters’ names and count, never their values', async () => {
    await list(screener, { status: 'RECEIVED', limit: 2 });
    const [entry] = (await t.dataSource.query(
      `select details from audit_entry where action = 'CONTACTS_LISTED' order by id desc limit 1`,
    )) as { details: { filters: string[]; returned: number; paged: boolean } }[];
    expect(entry.details).toEqual({ filters: ['status'], paged: false, returned: expect.any(Number) });
    expect(JSON.stringify(entry.details)).not.toContain('RECEIVED');
  });
});
