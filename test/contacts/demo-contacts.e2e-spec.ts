import { isValidNhsNumber } from '@app/contacts/policy/nhs-number';
import { seedDemoCaseload } from '../../apps/api/src/demo-caseload';
import { createTestApp, type TestApp } from '../support/test-app';

interface QueueItem {
  id: string;
  childName: string;
  rag: string;
  status: string;
  receivedAt: string;
  timeliness: string;
  claimedBy?: { id: string; name: string };
  flags: string[];
}

// npm start seeds a demo caseload on the embedded database (apps/api/src/main.ts); here it is
// called directly, on a test app, which seeds nothing of its own
describe('demo caseload (npm start on the embedded database)', () => {
  let t: TestApp;
  let screener: string;
  let manager: string;
  let made: { contacts: number; notifications: number };

  const as = (token: string) => ({ authorization: `Bearer ${token}` });
  const count = async (sql: string): Promise<number> =>
    Number(((await t.dataSource.query(sql)) as { n: string }[])[0].n);
  const screening = async (): Promise<QueueItem[]> =>
    (await t.http().get('/api/queues/screening').set(as(screener)).expect(200)).body.items;
  const item = (items: QueueItem[], childName: string): QueueItem => {
    const found = items.find((i) => i.childName === childName);
    if (!found) throw new Error(`${childName} is not on the queue`);
    return found;
  };

  beforeAll(async () => {
    t = await createTestApp();
    [screener, manager] = await Promise.all([
      t.login('screener@mach.example'),
      t.login('manager@mach.example'),
    ]);
  });
  afterAll(() => t.close());

  it('should not be seeded by the app itself (the e2e suites expect empty queues)', async () => {
    expect(await count('select count(*) as n from contact')).toBe(0);
    expect(await screening()).toEqual([]);
  });

  it('should make eleven contacts and two police notifications on a front door with none', async () => {
    made = await seedDemoCaseload(t.app);
    expect(made).toEqual({ contacts: 11, notifications: 2 });
    expect(await count('select count(*) as n from contact')).toBe(11);
  });

  it('should give the triage queue an urgent notification with MARAC and an information-only one, and the schools to tell (issue 16)', async () => {
    const triage = (await t.http().get('/api/queues/triage').set(as(screener)).expect(200)).body.items as {
      reference: string;
      childName: string;
      rag: string;
      flags: string[];
    }[];
    expect(triage.map((i) => [i.reference, i.childName, i.rag, i.flags])).toEqual([
      ['CLE/26/004821', 'Milo Ward, Ava Ward', 'RED', ['SUGGESTED_URGENT_CONTACT', 'MARAC']],
      ['CLE/26/004790', 'Finn Doyle', 'AMBER', ['SUGGESTED_INFORMATION_ONLY']],
    ]);
    const encompass = (await t.http().get('/api/queues/encompass').set(as(screener)).expect(200)).body
      .items as { childName: string; flags: string[] }[];
    expect(encompass.map((i) => i.childName).sort()).toEqual(['Ava Ward', 'Finn Doyle', 'Milo Ward']);
    expect(encompass.find((i) => i.childName === 'Ava Ward')?.flags).toEqual(['SCHOOL_TO_FIND']);
  });

  it('should leave a strategy discussion due for the level 4 decision (issue 16)', async () => {
    const strategy = (await t.http().get('/api/queues/strategy').set(as(screener)).expect(200)).body
      .items as {
      childName: string;
      status: string;
    }[];
    expect(strategy).toEqual([expect.objectContaining({ childName: 'Noah Pryce', status: 'DUE' })]);
  });

  it('should put eight open contacts on the screening queue, RED, AMBER and GREEN, one claimed by Sasha', async () => {
    const items = await screening();
    expect(items).toHaveLength(8);
    expect(new Set(items.map((i) => i.rag))).toEqual(new Set(['RED', 'AMBER', 'GREEN']));
    expect(items.filter((i) => i.rag === 'RED').map((i) => i.childName)).toEqual(
      expect.arrayContaining(['Leo Ashworth', 'Jayden Oyelaran']),
    );
    expect(item(items, 'Poppy Lindqvist').rag).toBe('GREEN');
    expect(item(items, 'Maisie Carrick').rag).toBe('AMBER');

    const claimed = items.filter((i) => i.claimedBy);
    expect(claimed).toHaveLength(1);
    expect(claimed[0]).toMatchObject({ childName: 'Ruby Whitfield', claimedBy: { name: 'Sasha Screener' } });

    // received over three hours ago, RED (four hours): due soon; consent not sought, flagged
    const leo = item(items, 'Leo Ashworth');
    expect(leo.timeliness).toBe('DUE_SOON');
    expect(leo.flags).toContain('NO_CONSENT');
    for (const i of items) expect(new Date(i.receivedAt).getTime()).toBeLessThanOrEqual(Date.now());
  });

  it('should give the siblings one household, the NHS number a valid check digit, the phone calls their sources', async () => {
    const rows = (await t.dataSource.query(
      `select ch.first_name, c.household_id, c.source, ch.nhs_number
         from contact c join child ch on ch.id = c.child_id`,
    )) as { first_name: string; household_id: string; source: string; nhs_number: string | null }[];
    const by = new Map(rows.map((r) => [r.first_name, r]));
    expect(by.get('Ruby')!.household_id).toBe(by.get('Alfie')!.household_id);
    expect(rows.filter((r) => r.household_id === by.get('Ruby')!.household_id)).toHaveLength(2);
    const nhs = rows.filter((r) => r.nhs_number);
    expect(nhs).toHaveLength(1);
    expect(isValidNhsNumber(nhs[0].nhs_number!)).toBe(true);
    expect(by.get('Jayden')!.source).toBe('1A');
    expect(by.get('Isla')!.source).toBe('1B');
    expect(rows.filter((r) => r.source === '2A')).toHaveLength(8);
  });

  it('should leave the RED decision of information and advice on the manager’s authorisation queue', async () => {
    const res = await t.http().get('/api/queues/authorisation').set(as(manager)).expect(200);
    expect(res.body.items).toHaveLength(1);
    expect(res.body.items[0]).toMatchObject({
      kind: 'DECISION',
      childName: 'Tyler Bell',
      rag: 'RED',
      status: 'AWAITING_AUTHORISATION',
      flags: ['RED_CONTACT_CLOSED'],
    });
    const [decided] = (await t.dataSource.query(
      `select d.level, d.outcome, d.status, d.within_timescale, u.name as decided_by
         from threshold_decision d join contact c on c.id = d.contact_id
         join child ch on ch.id = c.child_id join app_user u on u.id = d.decided_by
        where ch.first_name = 'Harvey'`,
    )) as { level: number; outcome: string; status: string; within_timescale: boolean; decided_by: string }[];
    expect(decided).toEqual({
      level: 1,
      outcome: 'NFA',
      status: 'DECIDED',
      within_timescale: true,
      decided_by: 'Sam Screener',
    });
  });

  it('should journal every change (audit rows and live events), as people doing it would, in an unbroken chain', async () => {
    const audit = (await t.dataSource.query(
      `select a.action, count(*)::int as n, count(distinct a.entity_id)::int as contacts,
              array_agg(distinct a.actor_role order by a.actor_role) as roles
         from audit_entry a where a.entity_type = 'contact' group by a.action order by a.action`,
    )) as { action: string; n: number; contacts: number; roles: string[] }[];
    expect(audit).toEqual([
      { action: 'CONTACT_CLAIMED', n: 4, contacts: 4, roles: ['SCREENER'] },
      { action: 'CONTACT_CREATED', n: 11, contacts: 11, roles: ['PARTNER', 'SCREENER'] },
      { action: 'DECISION_RECORDED', n: 3, contacts: 3, roles: ['SCREENER'] },
      // the decisions in force (NFA, strategy discussion): the school and the health visitor are told
      { action: 'REFERRER_ACKNOWLEDGED', n: 2, contacts: 2, roles: ['SCREENER'] },
    ]);
    await t.sequenced();
    expect(
      await count(
        `select count(distinct e.payload->>'id') as n from live_event e
          where e.type = 'contact.created' and e.payload->>'id' in (select id::text from contact)`,
      ),
    ).toBe(11);

    const page = await t.http().get('/api/audit?limit=100').set(as(manager)).expect(200);
    expect(page.body.items.filter((i: { action: string }) => i.action === 'CONTACT_CREATED')).toHaveLength(
      11,
    );
    const verify = await t.http().get('/api/audit/verify').set(as(manager)).expect(200);
    expect(verify.body.ok).toBe(true);
  });

  it('should let the manager authorise the waiting decision', async () => {
    const [waiting] = (await t.http().get('/api/queues/authorisation').set(as(manager)).expect(200)).body
      .items;
    const res = await t
      .http()
      .post(`/api/contacts/${waiting.id}/decision/authorise`)
      .set(as(manager))
      .send({ approve: true })
      .expect(200);
    expect(res.body).toMatchObject({ status: 'DECIDED', decision: { status: 'APPROVED' } });
  });

  it('should add nothing when called again (a restart)', async () => {
    const [contacts, audits] = [
      await count('select count(*) as n from contact'),
      await count('select count(*) as n from audit_entry'),
    ];
    expect(await seedDemoCaseload(t.app)).toEqual({ contacts: 0, notifications: 0 });
    expect(await count('select count(*) as n from contact')).toBe(contacts);
    expect(await count('select count(*) as n from audit_entry')).toBe(audits);
  });
});
