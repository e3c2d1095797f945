import { randomUUID } from 'node:crypto';
import { createTestApp, type TestApp } from '../support/test-app';
import { contactBody, hoursAgo, type Body } from '../support/contacts';
import { notificationBody } from '../support/notifications';

// issue 17 item 2: GET /api/children/:id is everything the front door knows of a child: who,
// the household's other children, and its whole history in time order, each read audited
interface Entry {
  kind: string;
  id: string;
  at: string;
  reference?: string;
  rag?: string;
  status?: string;
  outcome?: string;
  referralDate?: string;
  reReferral?: boolean;
  contactId?: string;
  dueAt?: string;
}

const RATIONALE =
  'The school describes a pattern over weeks; the family has accepted support before and engaged.';
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('children: the child record (issue 17)', () => {
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

  const make = async (over: Body) =>
    (await t.http().post('/api/contacts').set(bearer(screener)).send(contactBody(over)).expect(201)).body as {
      id: string;
      reference: string;
      householdId: string;
      rag: string;
      child: { id: string; firstName: string; lastName: string; dateOfBirth: string };
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
    ).body as { referral?: { id: string }; strategyDiscussion?: { id: string } };
  };
  const view = (id: string, token = screener) => t.http().get(`/api/children/${id}`).set(bearer(token));

  it('should show the demographics, the household and the whole history in time order', async () => {
    const u = randomUUID().slice(0, 6);
    const child = {
      firstName: `Zara${u}`,
      lastName: 'Hughes',
      dateOfBirth: '2015-06-07',
      sex: 'F',
      postcode: 'TS1 2AB',
    };
    const first = await make({ child, receivedAt: hoursAgo(5) });
    const sibling = await make({
      householdId: first.householdId,
      child: { firstName: `Sam${u}`, lastName: 'Hughes', dateOfBirth: '2012-01-02' },
      receivedAt: hoursAgo(4),
    });
    const second = await make({ child, receivedAt: hoursAgo(3) });
    expect(second.child.id).toBe(first.child.id);
    const assessed = await decide(first.id, { level: 3, outcome: 'SOCIAL_CARE_ASSESSMENT' });
    const strategy = await decide(second.id, { level: 4, outcome: 'STRATEGY_DISCUSSION' });
    const notification = (
      await t
        .http()
        .post('/api/da-notifications')
        .set(bearer(police))
        .send(
          notificationBody({
            incidentAt: hoursAgo(1),
            children: [
              {
                ...child,
                sex: undefined,
                postcode: undefined,
                present: false,
                witnessed: false,
                injured: false,
              },
            ],
          }),
        )
        .expect(201)
    ).body as { id: string; policeReference?: string };
    await t
      .http()
      .post(`/api/da-notifications/${notification.id}/triage`)
      .set(bearer(screener))
      .send({
        outcome: 'INFORMATION_ONLY',
        rationale: 'Known to the front door already; the open work covers it.',
      })
      .expect(201);

    const res = await view(first.child.id).expect(200);
    expect(res.body).toMatchObject({
      id: first.child.id,
      firstName: child.firstName,
      lastName: 'Hughes',
      dateOfBirth: '2015-06-07',
      sex: 'F',
      postcode: 'TS1 2AB',
      household: [
        {
          id: sibling.child.id,
          firstName: sibling.child.firstName,
          lastName: 'Hughes',
          dateOfBirth: '2012-01-02',
        },
      ],
    });
    const history = res.body.history as Entry[];
    const ats = history.map((e) => e.at);
    expect(ats).toEqual([...ats].sort());
    expect(history.slice(0, 2)).toEqual([
      expect.objectContaining({
        kind: 'CONTACT',
        id: first.id,
        reference: first.reference,
        rag: first.rag,
        status: 'DECIDED',
        outcome: 'SOCIAL_CARE_ASSESSMENT',
      }),
      expect.objectContaining({
        kind: 'CONTACT',
        id: second.id,
        status: 'DECIDED',
        outcome: 'STRATEGY_DISCUSSION',
      }),
    ]);
    const of = (kind: string) => history.filter((e) => e.kind === kind);
    expect(of('REFERRAL')).toEqual([
      expect.objectContaining({
        id: assessed.referral!.id,
        contactId: first.id,
        reReferral: false,
        referralDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      }),
      expect.objectContaining({ contactId: second.id, reReferral: true }),
    ]);
    expect(of('STRATEGY_DISCUSSION')).toEqual([
      expect.objectContaining({
        id: strategy.strategyDiscussion!.id,
        contactId: second.id,
        status: 'DUE',
        dueAt: expect.any(String),
      }),
    ]);
    expect(of('DA_NOTIFICATION')).toEqual([
      expect.objectContaining({ id: notification.id, status: 'TRIAGED', outcome: 'INFORMATION_ONLY' }),
    ]);
    // the sibling's own history is theirs, not this child's
    expect(history.some((e) => e.id === sibling.id)).toBe(false);

    // the read, and the sibling shown, audited
    const audit = (await t.dataSource.query(
      `select action, entity_id, details from audit_entry
        where action in ('CHILD_RECORD_VIEWED', 'HOUSEHOLD_MEMBER_VIEWED') and entity_id in ($1, $2) order by id`,
      [first.child.id, sibling.child.id],
    )) as { action: string; entity_id: string; details: Record<string, unknown> | null }[];
    expect(audit).toEqual([
      { action: 'CHILD_RECORD_VIEWED', entity_id: first.child.id, details: {} },
      {
        action: 'HOUSEHOLD_MEMBER_VIEWED',
        entity_id: sibling.child.id,
        details: { childId: first.child.id },
      },
    ]);
  });

  it('should show a child with one contact and no household to a manager', async () => {
    const only = await make({});
    const res = await view(only.child.id, manager).expect(200);
    expect(res.body).toMatchObject({ id: only.child.id, household: [] });
    expect(res.body.history).toEqual([
      expect.objectContaining({ kind: 'CONTACT', id: only.id, status: 'RECEIVED' }),
    ]);
  });

  it.each([
    ['an unknown id', randomUUID()],
    ['an id that is no UUID', 'not-a-uuid'],
  ])('should answer 404 in the one error shape for %s, and audit no read', async (_, id) => {
    const before = await t.dataSource.query(
      `select count(*)::int as n from audit_entry where action = 'CHILD_RECORD_VIEWED'`,
    );
    const res = await view(id).expect(404);
    expect(res.body).toEqual({
      error: { code: 'NOT_FOUND', message: expect.any(String) },
      correlationId: expect.any(String),
    });
    expect(
      await t.dataSource.query(
        `select count(*)::int as n from audit_entry where action = 'CHILD_RECORD_VIEWED'`,
      ),
    ).toEqual(before);
  });

  it.each(['police@cleveland.example', 'school@partner.example', 'admin@mach.example'])(
    'should answer 403 to %s',
    async (email) => {
      const only = await make({});
      const res = await view(only.child.id, await t.login(email)).expect(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
    },
  );
});
