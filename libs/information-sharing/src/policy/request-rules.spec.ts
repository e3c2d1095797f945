import {
  lawfulBasisProblems,
  mayChase,
  mayRequest,
  requestTimescale,
  type Timescales,
} from './request-rules';

// DOMAIN.md "Information sharing", decision 0029
describe('lawfulBasisProblems', () => {
  it.each`
    consent         | basis                | reason                      | fields                       | rule
    ${'GIVEN'}      | ${'CONSENT'}         | ${undefined}                | ${[]}                        | ${'consent given is a basis'}
    ${'REFUSED'}    | ${'CONSENT'}         | ${undefined}                | ${['lawfulBasis']}           | ${'consent refused is no basis'}
    ${'NOT_SOUGHT'} | ${'CONSENT'}         | ${undefined}                | ${['lawfulBasis']}           | ${'consent not sought is no basis'}
    ${'OVERRIDDEN'} | ${'CONSENT'}         | ${'why'}                    | ${['lawfulBasis']}           | ${'consent overridden at intake is no basis'}
    ${'REFUSED'}    | ${'PUBLIC_TASK_S47'} | ${'Risk of harm: s47 open'} | ${[]}                        | ${'another basis with its reason'}
    ${'REFUSED'}    | ${'PUBLIC_TASK_S17'} | ${undefined}                | ${['consentOverrideReason']} | ${'another basis needs the reason'}
    ${'GIVEN'}      | ${'VITAL_INTERESTS'} | ${undefined}                | ${['consentOverrideReason']} | ${'any basis but consent is sharing without consent'}
  `('$rule', ({ consent, basis, reason, fields }) => {
    expect(lawfulBasisProblems(consent, basis, reason).map((p) => p.field)).toEqual(fields);
  });
});

describe('mayRequest and mayChase', () => {
  it.each`
    user                             | holder  | expected | rule
    ${{ id: 'a', role: 'SCREENER' }} | ${'a'}  | ${true}  | ${'the claim holder asks'}
    ${{ id: 'b', role: 'SCREENER' }} | ${'a'}  | ${false} | ${'another screener does not'}
    ${{ id: 'b', role: 'SCREENER' }} | ${null} | ${false} | ${'an unclaimed contact is claimed first'}
    ${{ id: 'm', role: 'MANAGER' }}  | ${'a'}  | ${true}  | ${'a manager may'}
  `('$rule', ({ user, holder, expected }) => {
    expect(mayRequest(user, holder)).toBe(expected);
  });

  it.each`
    user                             | requester | expected | rule
    ${{ id: 'a', role: 'SCREENER' }} | ${'a'}    | ${true}  | ${'who asked chases'}
    ${{ id: 'b', role: 'SCREENER' }} | ${'a'}    | ${false} | ${'another screener does not'}
    ${{ id: 'm', role: 'MANAGER' }}  | ${'a'}    | ${true}  | ${'a manager may'}
  `('$rule', ({ user, requester, expected }) => {
    expect(mayChase(user, requester)).toBe(expected);
  });
});

describe('requestTimescale', () => {
  const defaults: Timescales = {
    RED: { kind: 'elapsedHours', amount: 4 },
    AMBER: { kind: 'workingDays', amount: 1 },
    GREEN: { kind: 'workingDays', amount: 3 },
  };
  const byKind = { EDUCATION: { RED: { kind: 'elapsedHours' as const, amount: 6 } } };
  it.each`
    kind           | rag        | expected                               | rule
    ${'POLICE'}    | ${'RED'}   | ${{ kind: 'elapsedHours', amount: 4 }} | ${'RED: 4 hours elapsed'}
    ${'HEALTH'}    | ${'AMBER'} | ${{ kind: 'workingDays', amount: 1 }}  | ${'AMBER: 1 working day'}
    ${'HEALTH'}    | ${'GREEN'} | ${{ kind: 'workingDays', amount: 3 }}  | ${'GREEN: 3 working days'}
    ${'EDUCATION'} | ${'RED'}   | ${{ kind: 'elapsedHours', amount: 6 }} | ${'a kind’s own timescale'}
    ${'EDUCATION'} | ${'AMBER'} | ${{ kind: 'workingDays', amount: 1 }}  | ${'the default for a rating it does not set'}
  `('$rule', ({ kind, rag, expected }) => {
    expect(requestTimescale(defaults, byKind, kind, rag)).toEqual(expected);
  });
});
