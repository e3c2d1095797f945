import { qualityProblems } from './referral-quality';

// DOMAIN.md "Referral quality (feedback to referrers)"
describe('qualityProblems', () => {
  it.each`
    grade             | reasons                                            | fields                 | rule
    ${'COMPLETE'}     | ${[]}                                              | ${[]}                  | ${'complete, nothing lacking'}
    ${'COMPLETE'}     | ${undefined}                                       | ${[]}                  | ${'complete, reasons left out'}
    ${'COMPLETE'}     | ${['NO_CHILD_VIEW']}                               | ${['quality.reasons']} | ${'complete lacks nothing'}
    ${'PARTIAL'}      | ${['NO_CHILD_VIEW']}                               | ${[]}                  | ${'partial, with what it lacked'}
    ${'INSUFFICIENT'} | ${['NO_DETAIL_OF_CONCERN', 'NO_CONSENT_RECORDED']} | ${[]}                  | ${'insufficient, two reasons'}
    ${'PARTIAL'}      | ${[]}                                              | ${['quality.reasons']} | ${'partial says what it lacked'}
    ${'INSUFFICIENT'} | ${undefined}                                       | ${['quality.reasons']} | ${'insufficient says what it lacked'}
  `('$rule', ({ grade, reasons, fields }) => {
    expect(qualityProblems({ grade, reasons }).map((p) => p.field)).toEqual(fields);
  });
});
