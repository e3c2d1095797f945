import { randomUUID } from 'node:crypto';
import { ChildRowOwners } from '@app/contacts';
import { createTestApp, type TestApp } from '../support/test-app';
import { contactBody, hoursAgo, type Body } from '../support/contacts';
import { notificationBody } from '../support/notifications';

// issue 17 item 4 (decision 0028): a manager merges a duplicate record into the kept one with a
// reason, in one transaction, and an unmerge puts every row back exactly where it was
const RATIONALE =
  'The school describes a pattern over weeks; the family has accepted support before and engaged.';
const REASON = 'The same child: one referral spelt her name Aimee, the school confirms Amy.';
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

// every row that names either child, and the two child rows, as the database holds them
const TABLES = ['contact', 'referral', 'da_notification_child', 'encompass_notification'] as const;
type Snapshot = Record<string, unknown[]>;

describe('children: merge and unmerge (issue 17 item 4)', () => {
  let t: TestApp;
  let screener: string;
  let manager: string;
  let police: string;

  beforeAll(async () => {
    t = await createTestApp();
    [screener, manager, police] = await Promise.all([
      t.login('screener@mach.example'),
      t.login('manager@mach.example'),
      t.login('police@cleveland.example'),
    ]);
  });
  afterAll(() => t.close());

  const make = async (child: Body, over: Body = {}) =>
    (
      await t
        .http()
        .post('/api/contacts')
        .set(bearer(screener))
        .send(contactBody({ child, ...over }))
        .expect(201)
    ).body as {
      id: string;
      child: { id: string; nhsNumber?: string };
      history: { contactsLast12Months: number; referralsLast12Months: number };
    };
  const decide = async (contactId: string, body: Body) => {
    await t.http().post(`/api/contacts/${contactId}/claim`).set(bearer(screener)).send({}).expect(200);
    return (
      await t
        .http()
        .post(`/api/contacts/${contactId}/decision`)
        .set(bearer(screener))
        .send({ rationale: RATIONALE, primaryNeedCode: 'N1', ...body })
        .expect(201)
    ).body as { referral?: { id: string; reReferral?: boolean } };
  };
  const merge = (keptId: string, body: Body, token = manager) =>
    t.http().post(`/api/children/${keptId}/merge`).set(bearer(token)).send(body);
  const unmerge = (keptId: string, body: Body, token = manager) =>
    t.http().post(`/api/children/${keptId}/unmerge`).set(bearer(token)).send(body);
  const snapshot = async (childIds: string[]): Promise<Snapshot> => {
    const out: Snapshot = {};
    for (const table of TABLES)
      out[table] = (await t.dataSource.query(
        `select row_to_json(x) as row from ${table} x where child_id = any($1::uuid[]) order by id`,
        [childIds],
      )) as unknown[];
    out.child = (await t.dataSource.query(
      `select row_to_json(x) as row from child x where id = any($1::uuid[]) order by id`,
      [childIds],
    )) as unknown[];
    return out;
  };
  const count = async () =>
    Number(((await t.dataSource.query(`select count(*) as n from child_merge`)) as { n: string }[])[0].n);

  // Amy Smyth (kept: one open contact, no NHS number) and Aimee Smith (the duplicate: a
  // decided contact with a referral, an open contact, a DA notification naming her with her school)
  const pair = async () => {
    const u = randomUUID().slice(0, 6);
    const keptChild = { firstName: `Amy${u}`, lastName: 'Smyth', dateOfBirth: '2016-05-04' };
    const duplicateChild = {
      firstName: `Aimee${u}`,
      lastName: 'Smith',
      dateOfBirth: '2016-04-05',
    };
    const nhsNumber = nhsNumberFor(u);
    const kept = await make(keptChild, { receivedAt: hoursAgo(30) });
    const decided = await make(duplicateChild, { receivedAt: hoursAgo(20) });
    await decide(decided.id, { level: 3, outcome: 'SOCIAL_CARE_ASSESSMENT' });
    const notification = (
      await t
        .http()
        .post('/api/da-notifications')
        .set(bearer(police))
        .send(
          notificationBody({
            incidentAt: hoursAgo(5),
            children: [
              {
                ...duplicateChild,
                school: 'Acklam Primary School',
                present: true,
                witnessed: false,
                injured: false,
              },
            ],
          }),
        )
        .expect(201)
    ).body as { id: string };
    // her NHS number comes with the last contact (matched by names, it fills the gap)
    const open = await make({ ...duplicateChild, nhsNumber }, { receivedAt: hoursAgo(1) });
    expect(open.child.id).toBe(decided.child.id);
    return {
      keptId: kept.child.id,
      duplicateId: decided.child.id,
      keptChild,
      duplicateChild,
      nhsNumber,
      openContactId: open.id,
      notificationId: notification.id,
    };
  };

  it('should move every row of the duplicate, redirect its record, and unmerge to exactly the rows before', async () => {
    const p = await pair();
    const before = await snapshot([p.keptId, p.duplicateId]);
    expect(before.contact).toHaveLength(3);
    expect(before.referral).toHaveLength(1);
    expect(before.da_notification_child).toHaveLength(1);
    expect(before.encompass_notification).toHaveLength(1);

    const merged = await merge(p.keptId, { duplicateId: p.duplicateId, reason: REASON }).expect(200);
    expect(merged.body).toMatchObject({ keptId: p.keptId, duplicateId: p.duplicateId });
    expect(
      Object.fromEntries(
        (merged.body.moved as { table: string; count: number }[]).map((m) => [m.table, m.count]),
      ),
    ).toEqual({
      contact: 2,
      referral: 1,
      da_notification_child: 1,
      encompass_notification: 1,
    });
    const rows = (await t.dataSource.query(
      `select (select count(*)::int from contact where child_id = $2) as dup_contacts,
              (select count(*)::int from referral where child_id = $2) as dup_referrals,
              (select count(*)::int from contact where child_id = $1) as kept_contacts,
              (select merged_into from child where id = $2) as merged_into,
              (select nhs_number from child where id = $1) as kept_nhs,
              (select nhs_number from child where id = $2) as dup_nhs`,
      [p.keptId, p.duplicateId],
    )) as Record<string, unknown>[];
    expect(rows[0]).toEqual({
      dup_contacts: 0,
      dup_referrals: 0,
      kept_contacts: 3,
      merged_into: p.keptId,
      kept_nhs: p.nhsNumber,
      dup_nhs: null,
    });

    // the tombstone leads to the kept record (its own names, nothing else); the kept record shows
    // both histories and the merge
    const tombstone = await t.http().get(`/api/children/${p.duplicateId}`).set(bearer(screener)).expect(200);
    expect(tombstone.body).toMatchObject({
      id: p.duplicateId,
      firstName: p.duplicateChild.firstName,
      mergedInto: p.keptId,
      history: [],
      household: [],
    });
    const record = await t.http().get(`/api/children/${p.keptId}`).set(bearer(screener)).expect(200);
    expect(record.body.nhsNumber).toBe(p.nhsNumber);
    expect((record.body.history as { kind: string }[]).map((e) => e.kind).sort()).toEqual([
      'CONTACT',
      'CONTACT',
      'CONTACT',
      'DA_NOTIFICATION',
      'REFERRAL',
    ]);
    expect(record.body.merges).toEqual([
      expect.objectContaining({
        duplicate: expect.objectContaining({ id: p.duplicateId, firstName: p.duplicateChild.firstName }),
        reason: REASON,
        mergedBy: expect.objectContaining({ name: expect.any(String) }),
        rowsMoved: 5,
      }),
    ]);

    const after = await unmerge(p.keptId, {
      duplicateId: p.duplicateId,
      reason: 'Not the same child after all: the health visitor knows both.',
    }).expect(200);
    expect(after.body.mergeId).toBe(merged.body.mergeId);
    // row by row, every column: as before the merge
    expect(await snapshot([p.keptId, p.duplicateId])).toEqual(before);
    const revived = await t.http().get(`/api/children/${p.duplicateId}`).set(bearer(screener)).expect(200);
    expect(revived.body.mergedInto).toBeUndefined();
    expect(revived.body.history).toHaveLength(4);
    const undone = await t.http().get(`/api/children/${p.keptId}`).set(bearer(screener)).expect(200);
    expect(undone.body.merges[0].undone).toMatchObject({
      reason: 'Not the same child after all: the health visitor knows both.',
    });
    expect(undone.body.nhsNumber).toBeUndefined();

    // both audited, by ids and counts only
    const audit = (await t.dataSource.query(
      `select action, details from audit_entry where entity_id = $1 and action in ('CHILD_MERGED', 'CHILD_UNMERGED')
        order by id`,
      [p.keptId],
    )) as { action: string; details: Record<string, unknown> }[];
    expect(audit).toEqual([
      {
        action: 'CHILD_MERGED',
        details: expect.objectContaining({ duplicateId: p.duplicateId, rowsMoved: 5 }),
      },
      {
        action: 'CHILD_UNMERGED',
        details: expect.objectContaining({ duplicateId: p.duplicateId, rowsMoved: 5 }),
      },
    ]);
    expect(JSON.stringify(audit)).not.toContain(p.duplicateChild.firstName);
  });

  it('should count both records’ history after a merge, never match or find the tombstone, and leave new rows on the kept record when undone', async () => {
    const p = await pair();
    await merge(p.keptId, { duplicateId: p.duplicateId, reason: REASON }).expect(200);

    // matching at intake finds the kept record: by the duplicate's names and NHS number (which
    // moved with the merge), and by the NHS number alone
    const byNames = await make({ ...p.duplicateChild, nhsNumber: p.nhsNumber });
    expect(byNames.child.id).toBe(p.keptId);
    // the three earlier contacts and the duplicate's referral count
    expect(byNames.history).toMatchObject({ contactsLast12Months: 3, referralsLast12Months: 1 });
    const byNhs = await make({ firstName: 'A', lastName: 'Smith', nhsNumber: p.nhsNumber });
    expect(byNhs.child.id).toBe(p.keptId);
    // and by the duplicate's names alone, when neither record has an NHS number: the tombstone
    // matches, and is followed to its live record
    const u = randomUUID().slice(0, 6);
    const aimee = { firstName: `Aimee${u}`, lastName: 'Smith', dateOfBirth: '2016-04-05' };
    const plainKept = await make({ firstName: `Amy${u}`, lastName: 'Smyth', dateOfBirth: '2016-05-04' });
    const plainDuplicate = await make(aimee);
    await merge(plainKept.child.id, { duplicateId: plainDuplicate.child.id, reason: REASON }).expect(200);
    const followed = await make(aimee);
    expect(followed.child.id).toBe(plainKept.child.id);
    expect(followed.history.contactsLast12Months).toBe(2);
    const decision = await decide(byNames.id, { level: 3, outcome: 'SOCIAL_CARE_ASSESSMENT' });
    // the repeat contacts counted across both records send it for authorisation
    expect(JSON.stringify(decision)).toContain('3 earlier contacts');
    const approved = await t
      .http()
      .post(`/api/contacts/${byNames.id}/decision/authorise`)
      .set(bearer(manager))
      .send({ approve: true })
      .expect(200);
    // the duplicate's referral makes this a re-referral
    expect(approved.body.referral).toMatchObject({ reReferral: true });

    // search never returns the tombstone
    const found = await t
      .http()
      .get('/api/children/search')
      .query({ name: `${p.duplicateChild.firstName} Smith`, dateOfBirth: '2016-04-05' })
      .set(bearer(screener))
      .expect(200);
    const ids = (found.body.items as { id: string }[]).map((i) => i.id);
    expect(ids).toContain(p.keptId);
    expect(ids).not.toContain(p.duplicateId);

    // a tombstone is not corrected, merged again or merged into
    await t
      .http()
      .patch(`/api/children/${p.duplicateId}`)
      .set(bearer(screener))
      .send({ reason: REASON, school: 'Acklam Primary School' })
      .expect(409);
    const other = await make({ firstName: `Other${randomUUID().slice(0, 6)}`, lastName: 'Child' });
    expect(
      (await merge(other.child.id, { duplicateId: p.duplicateId, reason: REASON }).expect(409)).body.error
        .code,
    ).toBe('STALE_STATE');
    await merge(p.duplicateId, { duplicateId: other.child.id, reason: REASON }).expect(409);

    await unmerge(p.keptId, { duplicateId: p.duplicateId, reason: REASON }).expect(200);
    const where = (await t.dataSource.query(
      `select child_id from contact where id = any($1::uuid[]) order by child_id`,
      [[byNames.id, byNhs.id, p.openContactId]],
    )) as { child_id: string }[];
    // the contacts made after the merge stay on the kept record; the moved one went back
    expect(where.map((r) => r.child_id).sort()).toEqual([p.keptId, p.keptId, p.duplicateId].sort());
    // undone once only
    await unmerge(p.keptId, { duplicateId: p.duplicateId, reason: REASON }).expect(409);
  });

  it('should refuse bad input with field details and store nothing', async () => {
    const p = await pair();
    const before = await count();
    const cases: [Body, string][] = [
      [{ duplicateId: p.duplicateId }, 'reason'],
      [{ duplicateId: p.duplicateId, reason: 'no' }, 'reason'],
      [{ reason: REASON }, 'duplicateId'],
      [{ duplicateId: 'not-a-uuid', reason: REASON }, 'duplicateId'],
      [{ duplicateId: randomUUID(), reason: REASON }, 'duplicateId'],
      [{ duplicateId: p.keptId, reason: REASON }, 'duplicateId'],
    ];
    for (const [body, field] of cases) {
      const res = await merge(p.keptId, body).expect(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    }
    // two NHS numbers are two children
    const withNhs = await make({
      firstName: 'Bea',
      lastName: 'Other',
      nhsNumber: nhsNumberFor(randomUUID().slice(0, 6)),
    });
    const twoNumbers = await merge(withNhs.child.id, { duplicateId: p.duplicateId, reason: REASON }).expect(
      400,
    );
    expect(twoNumbers.body.error.details[0].message).toContain('NHS number');
    await merge(randomUUID(), { duplicateId: p.duplicateId, reason: REASON }).expect(404);
    await unmerge(p.keptId, { duplicateId: p.duplicateId, reason: REASON }).expect(409);
    expect(await count()).toBe(before);
  });

  it('should let only a manager merge or unmerge', async () => {
    const p = await pair();
    const body = { duplicateId: p.duplicateId, reason: REASON };
    for (const email of [
      'screener@mach.example',
      'police@cleveland.example',
      'school@partner.example',
      'admin@mach.example',
    ]) {
      const token = await t.login(email);
      await merge(p.keptId, body, token).expect(403);
      await unmerge(p.keptId, body, token).expect(403);
    }
    await t.http().post(`/api/children/${p.keptId}/merge`).send(body).expect(401);
  });

  it('should settle two managers merging one pair each way at once: one merge, the other 409', async () => {
    const p = await pair();
    const before = await count();
    const results = await Promise.all([
      merge(p.keptId, { duplicateId: p.duplicateId, reason: REASON }),
      merge(p.duplicateId, { duplicateId: p.keptId, reason: REASON }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(await count()).toBe(before + 1);
  });

  it('should move the rows of every table that names a child (a new table must register its owner)', async () => {
    const referencing = (await t.dataSource.query(
      `select distinct cl.relname as table_name from pg_constraint k
         join pg_class cl on cl.oid = k.conrelid
         join pg_class ref on ref.oid = k.confrelid
        where k.contype = 'f' and ref.relname = 'child' order by 1`,
    )) as { table_name: string }[];
    const registered = t.app
      .get(ChildRowOwners)
      .all()
      .map((o) => o.table);
    // the child's own history and the merges' own records stay with the child they are about
    const own = ['child', 'child_change', 'child_merge'];
    expect(
      referencing
        .map((r) => r.table_name)
        .filter((n) => !own.includes(n))
        .sort(),
    ).toEqual([...registered].sort());
  });
});

// a valid NHS number (mod 11) made from a test's unique suffix
function nhsNumberFor(seed: string): string {
  let n = parseInt(seed.replace(/[^0-9a-f]/g, '').slice(0, 6), 16) % 1e9;
  for (;;) {
    const digits = String(n).padStart(9, '0').split('').map(Number);
    const sum = digits.reduce((s, d, i) => s + d * (10 - i), 0);
    const check = 11 - (sum % 11);
    if (check !== 10) return `${digits.join('')}${check === 11 ? 0 : check}`;
    n = (n + 1) % 1e9;
  }
}
