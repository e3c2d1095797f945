import type { TestApp } from '../support/test-app';
import { contactBody } from '../support/contacts';

export const ALL_THREE = [
  { agency: 'LA_SOCIAL_CARE', name: 'Sam Screener' },
  { agency: 'POLICE', name: 'DS Holt' },
  { agency: 'HEALTH', name: 'Named nurse' },
];

export const RATIONALE = 'Injuries consistent with the account given by the school; joint enquiry needed.';

// a RED contact decided as a strategy discussion: the discussion the decision starts
export async function strategyDiscussionFor(
  t: TestApp,
  screener: string,
): Promise<{ id: string; dueAt: string; contactId: string }> {
  const auth = { authorization: `Bearer ${screener}` };
  const contact = await t
    .http()
    .post('/api/contacts')
    .set(auth)
    .send(contactBody({ immediateRisk: true }))
    .expect(201);
  await t.http().post(`/api/contacts/${contact.body.id}/claim`).set(auth).send({}).expect(200);
  const decision = await t
    .http()
    .post(`/api/contacts/${contact.body.id}/decision`)
    .set(auth)
    .send({
      level: 4,
      outcome: 'STRATEGY_DISCUSSION',
      primaryNeedCode: 'N1',
      rationale: 'Child disclosed being hit with a belt; marks seen by the class teacher this morning.',
    })
    .expect(201);
  return { ...decision.body.strategyDiscussion, contactId: contact.body.id };
}
