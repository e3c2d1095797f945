import type { SettableClock } from '@app/core';
import { upnCheckLetter } from '@app/contacts/policy/upn';
import { ALL_THREE, RATIONALE } from '../strategy/support';
import { contactBody, type Body } from '../support/contacts';
import type { TestApp } from '../support/test-app';

// a scripted year of the front door's work for the returns' tests (issue 19), through the real
// api: in the collection year 1 April 2025 to 31 March 2026

// Friday 9 May 2025 15:00 (BST)
export const FRIDAY = '2025-05-09T14:00:00.000Z';
export const DECIDED = 'Child disclosed being hit with a belt; marks seen by the class teacher this morning.';

// a valid UPN of LA 806 (check letter first), unique to a run by its serial
export const upnOf = (serial: string) => {
  const body = `806${serial.padStart(9, '0')}`.slice(0, 12);
  return `${upnCheckLetter(body)}${body}`;
};

export function scriptedYear(t: TestApp, clock: SettableClock, screener: string) {
  const as = { authorization: `Bearer ${screener}` };
  // a contact the screener has claimed
  const contact = async (over: Body = {}) => {
    const made = (await t.http().post('/api/contacts').set(as).send(contactBody(over)).expect(201)).body as {
      id: string;
    };
    await t.http().post(`/api/contacts/${made.id}/claim`).set(as).send({}).expect(200);
    return made;
  };
  const decide = (contactId: string, body: Body) =>
    t.http().post(`/api/contacts/${contactId}/decision`).set(as).send(body).expect(201);
  // the contact's child, by the front door's id and the returns' LAchildID
  const childOf = async (contactId: string) =>
    (
      (await t.dataSource.query(
        `select c.child_id, ch.la_child_id from contact c join child ch on ch.id = c.child_id where c.id = $1`,
        [contactId],
      )) as { child_id: string; la_child_id: string }[]
    )[0];
  // a claimed contact about `child`, decided as a referral for a social care assessment
  const referred = async (child: Body, primaryNeedCode: string) => {
    const made = await contact({ child });
    await decide(made.id, {
      level: 3,
      outcome: 'SOCIAL_CARE_ASSESSMENT',
      primaryNeedCode,
      rationale: DECIDED,
    });
    return made;
  };
  // a strategy discussion decided on Friday and held on Monday 12 May with `outcome`
  const discussion = async (outcome: string, first: string, lastName = 'Census') => {
    clock.set(FRIDAY);
    const c = await contact({
      immediateRisk: true,
      child: { firstName: first, lastName, dateOfBirth: '2016-06-01' },
    });
    const d = await decide(c.id, {
      level: 4,
      outcome: 'STRATEGY_DISCUSSION',
      primaryNeedCode: 'N1',
      rationale: DECIDED,
    });
    const id = d.body.strategyDiscussion.id as string;
    clock.set('2025-05-12T11:00:00Z');
    await t
      .http()
      .post(`/api/strategy-discussions/${id}/record`)
      .set(as)
      .send({
        heldAt: '2025-05-12T10:00:00Z',
        attendance: ALL_THREE.map((a) => ({ agency: a.agency, status: 'ATTENDED' })),
        outcome,
        rationale: RATIONALE,
        actions: [],
      })
      .expect(200);
    return { contactId: c.id, discussionId: id };
  };
  return { contact, decide, childOf, discussion, referred };
}
