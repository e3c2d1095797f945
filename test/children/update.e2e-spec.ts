import { randomUUID } from 'node:crypto';
import { createTestApp, type TestApp } from '../support/test-app';
import { contactBody, type Body } from '../support/contacts';
import { strategyDiscussionFor } from '../strategy/support';

// issue 17 item 3 (decision 0027): the demographics the returns need, on intake and editable on
// the child with a reason; each field's change kept with who, when and why, the journal naming
// the fields only, and a new name shown on the open queues
interface Change {
  id: string;
  field: string;
  before: unknown;
  after: unknown;
  reason: string;
  changedBy: { id: string; name: string };
  changedAt: string;
}
interface ChildView {
  id: string;
  firstName: string;
  lastName: string;
  sex?: string;
  ethnicity?: string;
  disabilities?: string[];
  upn?: string;
  firstLanguage?: string;
  interpreterNeeded?: boolean;
  address?: string;
  postcode?: string;
  changes: Change[];
}

const REASON = 'The school confirmed the details on the phone today.';
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('children: demographics and corrections (issue 17 item 3)', () => {
  let t: TestApp;
  let screener: string;
  let manager: string;
  let police: string;
  let partner: string;
  let admin: string;

  beforeAll(async () => {
    t = await createTestApp();
    [screener, manager, police, partner, admin] = await Promise.all([
      t.login('screener@mach.example'),
      t.login('manager@mach.example'),
      t.login('police@cleveland.example'),
      t.login('school@partner.example'),
      t.login('admin@mach.example'),
    ]);
  });
  afterAll(() => t.close());

  const intake = async (child: Body) =>
    (await t.http().post('/api/contacts').set(bearer(screener)).send(contactBody({ child })).expect(201))
      .body as { id: string; child: { id: string } & Body };
  const view = async (id: string) =>
    (await t.http().get(`/api/children/${id}`).set(bearer(screener)).expect(200)).body as ChildView;
  const patch = (id: string, body: Body, token = screener) =>
    t.http().patch(`/api/children/${id}`).set(bearer(token)).send(body);
  const newChild = () => ({
    firstName: `Ada${randomUUID().slice(0, 8)}`,
    lastName: 'Lowe',
    dateOfBirth: '2016-05-04',
  });

  it('should take the new fields on intake, and fill a matched child’s empty ones only', async () => {
    const child = newChild();
    const first = await intake({
      ...child,
      disabilities: ['HEAR'],
      upn: 'a123 4567 89012',
      interpreterNeeded: false,
    });
    expect(first.child).toMatchObject({
      disabilities: ['HEAR'],
      upn: 'A123456789012',
      interpreterNeeded: false,
    });
    const second = await intake({
      ...child,
      disabilities: ['VIS'],
      upn: 'B801204001011',
      firstLanguage: 'Polish',
      interpreterNeeded: true,
    });
    expect(second.child.id).toBe(first.child.id);
    const record = await view(first.child.id);
    expect(record).toMatchObject({
      disabilities: ['HEAR'],
      upn: 'A123456789012',
      interpreterNeeded: false,
      firstLanguage: 'Polish',
      changes: [],
    });
  });

  it.each`
    field                  | value
    ${'disabilities'}      | ${['NONE', 'HEAR']}
    ${'disabilities'}      | ${['XYZ']}
    ${'upn'}               | ${'B123456789012'}
    ${'upn'}               | ${'A12345678901'}
    ${'ethnicity'}         | ${'WHITE'}
    ${'interpreterNeeded'} | ${'yes'}
    ${'firstLanguage'}     | ${''}
  `('should refuse intake with $field $value (400 naming it, nothing stored)', async ({ field, value }) => {
    const child = newChild();
    const res = await t
      .http()
      .post('/api/contacts')
      .set(bearer(screener))
      .send(contactBody({ child: { ...child, [field]: value } }))
      .expect(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(JSON.stringify(res.body.error.details)).toContain(field);
    const [{ n }] = await t.dataSource.query(`select count(*)::int as n from child where first_name = $1`, [
      child.firstName,
    ]);
    expect(n).toBe(0);
  });

  it('should change the fields with a reason, keep each change with who and why, newest first', async () => {
    const { child } = await intake({ ...newChild(), address: '1 High Street', postcode: 'TS1 2AB' });
    const one = await patch(child.id, {
      reason: REASON,
      ethnicity: 'WBRI',
      disabilities: ['AUT', 'COMM'],
      upn: 'M80120400101A',
      firstLanguage: 'Welsh',
      interpreterNeeded: true,
      sex: 'U',
    }).expect(200);
    expect(one.body).toEqual({
      id: child.id,
      changed: ['sex', 'ethnicity', 'disabilities', 'upn', 'firstLanguage', 'interpreterNeeded'],
    });
    await patch(
      child.id,
      { reason: 'Moved house last week.', address: '2 Low Road', postcode: 'ts5 7aa' },
      manager,
    ).expect(200);
    const record = await view(child.id);
    expect(record).toMatchObject({
      sex: 'U',
      ethnicity: 'WBRI',
      disabilities: ['AUT', 'COMM'],
      upn: 'M80120400101A',
      firstLanguage: 'Welsh',
      interpreterNeeded: true,
      address: '2 Low Road',
      postcode: 'TS5 7AA',
    });
    expect(record.changes).toHaveLength(8);
    const [newest, ...rest] = [record.changes.slice(0, 2), record.changes.slice(2)];
    expect(newest.map((c) => c.field).sort()).toEqual(['address', 'postcode']);
    expect(newest.find((c) => c.field === 'address')).toMatchObject({
      before: '1 High Street',
      after: '2 Low Road',
      reason: 'Moved house last week.',
      changedBy: { name: expect.any(String) },
    });
    expect(newest.find((c) => c.field === 'postcode')).toMatchObject({ before: 'TS1 2AB', after: 'TS5 7AA' });
    expect(rest[0].find((c) => c.field === 'disabilities')).toMatchObject({
      before: [],
      after: ['AUT', 'COMM'],
    });
    expect(rest[0].find((c) => c.field === 'interpreterNeeded')).toMatchObject({ before: null, after: true });
    expect(rest[0].every((c) => c.reason === REASON)).toBe(true);
    const times = record.changes.map((c) => c.changedAt);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('should audit CHILD_UPDATED with the field names and no values', async () => {
    const { child } = await intake(newChild());
    await patch(child.id, { reason: REASON, upn: 'A123456789012', address: '9 Secret Lane' }).expect(200);
    const rows = await t.dataSource.query(
      `select action, entity_type, details from audit_entry where action = 'CHILD_UPDATED' and entity_id = $1`,
      [child.id],
    );
    expect(rows).toEqual([
      { action: 'CHILD_UPDATED', entity_type: 'child', details: { fields: ['upn', 'address'] } },
    ]);
    expect(JSON.stringify(rows)).not.toContain('Secret');
    expect(JSON.stringify(rows)).not.toContain('A123456789012');
  });

  it('should show a new name on the screening queue and publish the contact’s change', async () => {
    const made = await intake(newChild());
    const lastName = `Renamed${randomUUID().slice(0, 6)}`;
    await patch(made.child.id, { reason: REASON, lastName }).expect(200);
    const queue = (await t.http().get('/api/queues/screening').set(bearer(screener)).expect(200)).body as {
      items: { id: string; childName: string }[];
    };
    expect(queue.items.find((i) => i.id === made.id)?.childName).toBe(
      `${String(made.child.firstName)} ${lastName}`,
    );
    await t.sequenced();
    const events = await t.dataSource.query(
      `select type from live_event where payload->>'id' = $1 order by seq`,
      [made.id],
    );
    expect(events.map((e: { type: string }) => e.type)).toContain('child.updated');
    // the new name is the match key: the next contact for the renamed child matches it
    const again = await intake({ firstName: made.child.firstName, lastName, dateOfBirth: '2016-05-04' });
    expect(again.child.id).toBe(made.child.id);
  });

  it('should show a new name on the strategy queue too, publishing the discussion’s change', async () => {
    const discussion = await strategyDiscussionFor(t, screener);
    const contact = (
      await t.http().get(`/api/contacts/${discussion.contactId}`).set(bearer(screener)).expect(200)
    ).body as { child: { id: string; firstName: string } };
    const lastName = `Renamed${randomUUID().slice(0, 6)}`;
    await patch(contact.child.id, { reason: REASON, lastName }).expect(200);
    const queue = (await t.http().get('/api/queues/strategy').set(bearer(screener)).expect(200)).body as {
      items: { id: string; childName: string }[];
    };
    expect(queue.items.find((i) => i.id === discussion.id)?.childName).toBe(
      `${contact.child.firstName} ${lastName}`,
    );
    await t.sequenced();
    const events = (await t.dataSource.query(
      `select type from live_event where payload->>'id' = $1 order by seq`,
      [discussion.id],
    )) as { type: string }[];
    expect(events.map((e) => e.type)).toContain('child.updated');
  });

  it.each`
    body                                                 | rule
    ${{ upn: 'A123456789012' }}                          | ${'no reason'}
    ${{ reason: 'abc', upn: 'A123456789012' }}           | ${'a reason too short'}
    ${{ reason: '    ', upn: 'A123456789012' }}          | ${'a reason of spaces'}
    ${{ reason: REASON }}                                | ${'no field'}
    ${{ reason: REASON, firstName: 'Ada' }}              | ${'a field with the value the record has'}
    ${{ reason: REASON, ethnicity: 'XXXX' }}             | ${'an ethnicity outside the list'}
    ${{ reason: REASON, disabilities: ['BAD'] }}         | ${'a disability outside the list'}
    ${{ reason: REASON, disabilities: ['NONE', 'VIS'] }} | ${'NONE with another code'}
    ${{ reason: REASON, upn: 'B123456789012' }}          | ${'a UPN with the wrong check letter'}
    ${{ reason: REASON, sex: 'X' }}                      | ${'a sex outside M, F, U'}
    ${{ reason: REASON, postcode: 'NOPE' }}              | ${'not a postcode'}
    ${{ reason: REASON, firstName: '' }}                 | ${'an empty name'}
    ${{ reason: REASON, nhsNumber: '9434765919' }}       | ${'a field that may not change'}
  `('should answer 400 and change nothing for $rule', async ({ body }) => {
    const { child } = await intake({
      ...newChild(),
      firstName: 'Ada',
      lastName: `Q${randomUUID().slice(0, 8)}`,
    });
    const res = await patch(child.id, body as Body).expect(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.details.length).toBeGreaterThan(0);
    const record = await view(child.id);
    expect(record.changes).toEqual([]);
    expect(record.upn).toBeUndefined();
  });

  it('should refuse other roles (403) and answer 404 for an unknown child', async () => {
    const { child } = await intake(newChild());
    for (const token of [police, partner, admin]) {
      await patch(child.id, { reason: REASON, upn: 'A123456789012' }, token).expect(403);
    }
    await patch(randomUUID(), { reason: REASON, upn: 'A123456789012' }).expect(404);
    await patch('not-a-uuid', { reason: REASON, upn: 'A123456789012' }).expect(404);
    expect((await view(child.id)).changes).toEqual([]);
  });
});
