import { randomBytes, randomUUID } from 'node:crypto';
import { createTestApp, type TestApp } from '../support/test-app';
import { createContact } from '../support/contacts';

// issue 15: GET /api/users/assignable lists exactly whom POST /api/contacts/:id/claim accepts as
// an assigneeId (auth's one rule: active MACH screeners and managers, people only)
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const unique = (prefix: string) => `${prefix} ${randomBytes(4).toString('hex')}`;

interface Assignable {
  id: string;
  name: string;
  role: string;
}

describe('assignable users (issue 15)', () => {
  let t: TestApp;
  let manager: string;
  let screener: string;
  let admin: string;
  let mach: string;
  let school: string;
  // people the rule leaves out, each a reason
  const outside: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp();
    [manager, screener, admin] = await Promise.all([
      t.login('manager@mach.example'),
      t.login('screener@mach.example'),
      t.login('admin@mach.example'),
    ]);
    const agencies = (await t.http().get('/api/admin/agencies').set(bearer(admin)).expect(200)).body
      .items as { id: string; name: string }[];
    mach = agencies.find((a) => a.name === 'MACH')!.id;
    school = agencies.find((a) => a.name === 'Acklam Primary School')!.id;

    const make = async (role: string, agencyId: string) =>
      (
        await t
          .http()
          .post('/api/admin/users')
          .set(bearer(admin))
          .send({
            email: `${randomUUID().slice(0, 8)}@council.example`,
            name: unique(`Zed ${role}`),
            role,
            agencyId,
          })
          .expect(201)
      ).body.user as { id: string };
    // a new screener who has not set a password yet is an active account: listed
    await make('SCREENER', mach);
    const leaver = await make('MANAGER', mach);
    await t
      .http()
      .patch(`/api/admin/users/${leaver.id}`)
      .set(bearer(admin))
      .send({ active: false, reason: 'left the council' })
      .expect(200);
    outside.deactivated = leaver.id;
    outside.partner = (await make('PARTNER', school)).id;
    outside.admin = (await make('ADMIN', mach)).id;
    // no API makes these (the account rules refuse them); the rule refuses them itself
    const [system] = (await t.dataSource.query(
      `insert into app_user (agency_id, email, name, role, kind, active)
       values ($1, null, 'Aaron System', 'SCREENER', 'SYSTEM', true) returning id`,
      [mach],
    )) as { id: string }[];
    outside.system = system.id;
    const [misplaced] = (await t.dataSource.query(
      `insert into app_user (agency_id, email, name, role, active)
       values ($1, $2, 'Aaron Misplaced', 'SCREENER', true) returning id`,
      [school, `${randomUUID().slice(0, 8)}@school.example`],
    )) as { id: string }[];
    outside.misplaced = misplaced.id;
    const [police] = (await t.dataSource.query(
      `select id from app_user where email = 'police@cleveland.example'`,
    )) as { id: string }[];
    outside.police = police.id;
    outside.unknown = randomUUID();
  });
  afterAll(() => t.close());

  const assignable = async (token = manager): Promise<Assignable[]> =>
    (await t.http().get('/api/users/assignable').set(bearer(token)).expect(200)).body.items;

  it('should list the active MACH screeners and managers by name, each with id, name and role only', async () => {
    const items = await assignable();
    // the truth from the table, by the roles and agency the demo world gives
    const expected = (await t.dataSource.query(
      `select u.id, u.name, u.role from app_user u join agency a on a.id = u.agency_id
        where a.name = 'MACH' and u.role in ('SCREENER', 'MANAGER') and u.active and u.kind = 'PERSON'`,
    )) as Assignable[];
    expect(items).toHaveLength(expected.length);
    expect(items).toEqual(expect.arrayContaining(expected));
    expect(items.map((i) => i.name)).toEqual(
      [...items.map((i) => i.name)].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())),
    );
    expect(items.map((i) => i.name)).toEqual(
      expect.arrayContaining(['Morgan Manager', 'Sam Screener', 'Sasha Screener']),
    );
    expect(items.find((i) => i.name.startsWith('Zed SCREENER'))).toMatchObject({ role: 'SCREENER' });
    for (const item of items) expect(Object.keys(item).sort()).toEqual(['id', 'name', 'role']);
    const ids = items.map((i) => i.id);
    for (const id of Object.values(outside)) expect(ids).not.toContain(id);
  });

  it('should give a screener the same list as a manager', async () => {
    expect(await assignable(screener)).toEqual(await assignable(manager));
  });

  it.each([
    ['a PARTNER', 'school@partner.example'],
    ['a POLICE user', 'police@cleveland.example'],
    ['an ADMIN (not a desk role: it neither claims nor assigns)', 'admin@mach.example'],
  ])('should refuse %s (403) and audit the refusal', async (_who, email) => {
    const token = await t.login(email);
    const res = await t.http().get('/api/users/assignable').set(bearer(token)).expect(403);
    expect(res.body.error.code).toBe('FORBIDDEN');
    const [denied] = (await t.dataSource.query(
      `select count(*)::int as n from audit_entry
        where action = 'ACCESS_DENIED' and details->>'route' like '%/api/users/assignable%'
          and actor_id = (select id from app_user where email = $1)`,
      [email],
    )) as { n: number }[];
    expect(denied.n).toBeGreaterThan(0);
  });

  it('should refuse a request without a token (401)', async () => {
    const res = await t.http().get('/api/users/assignable').expect(401);
    expect(res.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('should let a manager assign a contact to everyone listed', async () => {
    for (const person of await assignable()) {
      const contact = await createContact(t, screener);
      const res = await t
        .http()
        .post(`/api/contacts/${contact.id}/claim`)
        .set(bearer(manager))
        .send({ assigneeId: person.id })
        .expect(200);
      expect(res.body.claimedBy).toEqual({ id: person.id, name: person.name });
    }
  });

  it.each(['deactivated', 'partner', 'admin', 'system', 'misplaced', 'police', 'unknown'])(
    'should refuse to assign a contact to a user the list leaves out (%s)',
    async (who) => {
      const contact = await createContact(t, screener);
      const res = await t
        .http()
        .post(`/api/contacts/${contact.id}/claim`)
        .set(bearer(manager))
        .send({ assigneeId: outside[who] })
        .expect(400);
      expect(res.body.error).toMatchObject({
        code: 'VALIDATION_FAILED',
        details: [{ field: 'assigneeId', message: 'must be an active screener or manager' }],
      });
    },
  );
});
