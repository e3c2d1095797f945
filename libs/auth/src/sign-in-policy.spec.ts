import { MAX_DELAY_SECONDS, retryAfterSeconds, signInDelaySeconds } from './sign-in-policy';

describe('signInDelaySeconds', () => {
  it.each`
    failures | seconds | rule
    ${0}     | ${0}    | ${'issue 14 item 8: no failure, no wait'}
    ${1}     | ${0}    | ${'sign-in-policy.ts: a mistyped password costs nothing'}
    ${2}     | ${0}    | ${'sign-in-policy.ts: two failures still cost nothing'}
    ${3}     | ${1}    | ${'issue 14 item 8: a growing delay starts at the third failure'}
    ${4}     | ${2}    | ${'issue 14 item 8: the delay grows'}
    ${5}     | ${4}    | ${'issue 14 item 8: the delay grows'}
    ${8}     | ${32}   | ${'issue 14 item 8: the delay grows'}
    ${9}     | ${60}   | ${'sign-in-policy.ts: the delay is capped'}
    ${50}    | ${60}   | ${'sign-in-policy.ts: the delay is capped'}
  `(
    'should wait $seconds s after $failures failures ($rule)',
    ({ failures, seconds }: { failures: number; seconds: number }) => {
      expect(signInDelaySeconds(failures)).toBe(seconds);
    },
  );

  it('should never wait longer than the cap', () => {
    for (let n = 0; n < 200; n += 1) expect(signInDelaySeconds(n)).toBeLessThanOrEqual(MAX_DELAY_SECONDS);
  });
});

describe('retryAfterSeconds', () => {
  const failedAt = new Date('2026-12-02T09:00:00Z');
  const at = (ms: number) => new Date(failedAt.getTime() + ms);

  it.each`
    failures | lastFailedAt | now           | seconds | rule
    ${0}     | ${null}      | ${at(0)}      | ${0}    | ${'issue 14 item 8: an account with no failure may try now'}
    ${2}     | ${failedAt}  | ${at(0)}      | ${0}    | ${'sign-in-policy.ts: within the free failures, no wait'}
    ${4}     | ${failedAt}  | ${at(0)}      | ${2}    | ${'issue 14 item 8: the fourth failure makes the next attempt wait 2 s'}
    ${4}     | ${failedAt}  | ${at(1500)}   | ${1}    | ${'sign-in-policy.ts: the wait left, rounded up'}
    ${4}     | ${failedAt}  | ${at(2000)}   | ${0}    | ${'sign-in-policy.ts: once the wait is over, try now'}
    ${9}     | ${failedAt}  | ${at(59_001)} | ${1}    | ${'sign-in-policy.ts: the capped wait'}
  `(
    'should ask to wait $seconds s ($rule)',
    ({
      failures,
      lastFailedAt,
      now,
      seconds,
    }: {
      failures: number;
      lastFailedAt: Date | null;
      now: Date;
      seconds: number;
    }) => {
      expect(retryAfterSeconds(failures, lastFailedAt, now)).toBe(seconds);
    },
  );
});
