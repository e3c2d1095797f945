import { randomUUID } from 'node:crypto';
import { createTestApp, type TestApp } from '../support/test-app';
import { contactBody, hoursAgo, type Body } from '../support/contacts';

// issue 15: the staff view of a contact lists the other contacts of its household (siblings
// share a householdId), newest first; the partner view does not change
interface Sibling {
  id: string;
  reference: string;
  status: string;
  rag: string;
  receivedAt: string;
  child: { firstName: string; lastName: string; dateOfBirth?: string };
}
interface Made {
  id: string;
  reference: string;
  householdId: string;
  status: string;
  rag: string;
  receivedAt: string;
  child: { id: string; firstName: string; lastName: string; dateOfBirth?: string };
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('contacts: a household’s siblings (issue 15)', () => {
  let t: TestApp;
  let screener: string;
  let partner: string;

  beforeAll(async () => {
    t = await createTestApp();
    [screener, partner] = await Promise.all([
      t.login('screener@mach.example'),
      t.login('school@partner.example'),
    ]);
  });
  afterAll(() => t.close());

  const child = (first: string, extra: Body = {}) => ({
    firstName: `${first}${randomUUID().slice(0, 6)}`,
    lastName: 'Okafor',
    dateOfBirth: '2014-02-02',
    ...extra,
  });
  // made by a screener, whose answer carries the child and the rating
  const make = async (over: Body): Promise<Made> =>
    (await t.http().post('/api/contacts').set(bearer(screener)).send(contactBody(over)).expect(201)).body;
  const view = async (id: string, token = screener) =>
    (await t.http().get(`/api/contacts/${id}`).set(bearer(token)).expect(200)).body as Record<
      string,
      unknown
    > & {
      household?: Sibling[];
    };
  const asSibling = (c: Made, dateOfBirth = true): Sibling => ({
    id: c.id,
    reference: c.reference,
    status: c.status,
    rag: c.rag,
    receivedAt: c.receivedAt,
    child: {
      firstName: c.child.firstName,
      lastName: c.child.lastName,
      ...(dateOfBirth ? { dateOfBirth: c.child.dateOfBirth } : {}),
    },
  });

  it('should list each sibling on the other’s contact, and neither on an unrelated one', async () => {
    const first = await make({ child: child('Chidi'), receivedAt: hoursAgo(2) });
    const second = await make({
      householdId: first.householdId,
      child: child('Ngozi'),
      receivedAt: hoursAgo(1),
    });
    const unrelated = await make({ child: child('Emeka') });
    expect(second.householdId).toBe(first.householdId);

    expect((await view(first.id)).household).toEqual([asSibling(second)]);
    expect((await view(second.id)).household).toEqual([asSibling(first)]);
    expect((await view(unrelated.id)).household).toEqual([]);
  });

  it('should list the household newest first, an unborn sibling without a date of birth', async () => {
    const oldest = await make({ child: child('Ada'), receivedAt: hoursAgo(5) });
    const unborn = await make({
      householdId: oldest.householdId,
      child: {
        firstName: `Baby${randomUUID().slice(0, 6)}`,
        lastName: 'Okafor',
        expectedDateOfBirth: '2027-01-01',
      },
      receivedAt: hoursAgo(3),
    });
    const newest = await make({
      householdId: oldest.householdId,
      child: child('Obi'),
      receivedAt: hoursAgo(1),
    });
    const viewed = await view(oldest.id);
    expect(viewed.household).toEqual([asSibling(newest), asSibling(unborn, false)]);
    expect(viewed.household?.[1].child).not.toHaveProperty('dateOfBirth');
    expect((await view(unborn.id)).household?.map((s) => s.id)).toEqual([newest.id, oldest.id]);
  });

  it('should show a sibling’s contact as it is now (status, rating)', async () => {
    const first = await make({ child: child('Tobi') });
    const second = await make({ householdId: first.householdId, child: child('Kemi') });
    await t.http().post(`/api/contacts/${second.id}/claim`).set(bearer(screener)).send({}).expect(200);
    await t
      .http()
      .post(`/api/contacts/${second.id}/rag`)
      .set(bearer(screener))
      .send({ rag: 'RED', reason: 'a younger sibling is at home alone' })
      .expect(200);
    expect((await view(first.id)).household).toEqual([
      { ...asSibling(second), status: 'IN_SCREENING', rag: 'RED' },
    ]);
  });

  it('should audit the read of each sibling child shown, beside the contact and its history', async () => {
    const first = await make({ child: child('Uche') });
    const second = await make({ householdId: first.householdId, child: child('Ifeoma') });
    // a second contact about the first child, in the same household: its child is read already
    await make({ householdId: first.householdId, child: { ...first.child, id: undefined } });
    await view(first.id);
    const rows = (await t.dataSource.query(
      `select action, entity_type, entity_id, details from audit_entry
        where details->>'contactId' = $1 or entity_id = $1 order by id`,
      [first.id],
    )) as { action: string; entity_type: string; entity_id: string; details: Record<string, unknown> }[];
    const reads = rows.filter((r) => r.action !== 'CONTACT_CREATED');
    expect(reads).toEqual([
      { action: 'CONTACT_VIEWED', entity_type: 'contact', entity_id: first.id, details: {} },
      {
        action: 'CHILD_HISTORY_VIEWED',
        entity_type: 'child',
        entity_id: first.child.id,
        details: { contactId: first.id },
      },
      {
        action: 'HOUSEHOLD_MEMBER_VIEWED',
        entity_type: 'child',
        entity_id: second.child.id,
        details: { contactId: first.id },
      },
    ]);
  });

  it('should leave the partner view as it was: no household', async () => {
    const sent = (
      await t
        .http()
        .post('/api/contacts')
        .set(bearer(partner))
        .send(contactBody({ child: child('Zara') }))
        .expect(201)
    ).body as { id: string; householdId: string };
    await t
      .http()
      .post('/api/contacts')
      .set(bearer(partner))
      .send(contactBody({ householdId: sent.householdId, child: child('Zaid') }))
      .expect(201);
    const partnerView = await view(sent.id, partner);
    expect(partnerView).not.toHaveProperty('household');
    expect(Object.keys(partnerView).sort()).toEqual([
      'householdId',
      'id',
      'receivedAt',
      'reference',
      'status',
    ]);
    // staff see the sibling
    expect((await view(sent.id)).household).toHaveLength(1);
  });

  it('should give the household on GET only: the intake answer is as it was', async () => {
    const first = await make({ child: child('Femi') });
    const second = await make({ householdId: first.householdId, child: child('Lola') });
    expect(second).not.toHaveProperty('household');
  });

  it('should describe the household on the staff view only in the OpenAPI document', async () => {
    const { schemas } = (await t.http().get('/api/docs-json').expect(200)).body.components;
    expect(schemas.ContactDto.properties.household).toMatchObject({
      type: 'array',
      items: { $ref: '#/components/schemas/HouseholdContactDto' },
    });
    expect(schemas.HouseholdContactDto.required).toEqual([
      'id',
      'reference',
      'status',
      'rag',
      'receivedAt',
      'child',
    ]);
    expect(schemas.HouseholdChildDto.required).toEqual(['firstName', 'lastName']);
    expect(schemas.PartnerContactDto.properties).not.toHaveProperty('household');
    // the view as served has no key the document does not describe
    const first = await make({ child: child('Bisi') });
    await make({ householdId: first.householdId, child: child('Dayo') });
    const served = await view(first.id);
    for (const key of Object.keys(served)) expect(schemas.ContactDto.properties).toHaveProperty(key);
    for (const key of Object.keys(served.household![0]))
      expect(schemas.HouseholdContactDto.properties).toHaveProperty(key);
  });
});
