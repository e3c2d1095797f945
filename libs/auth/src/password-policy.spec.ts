import {
  blocklistSize,
  checkPassword,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MESSAGES,
  PASSWORD_MIN_LENGTH,
  type PasswordContext,
  type PasswordProblemCode,
} from './password-policy';

const USER: PasswordContext = { email: 'Jane.Smith.Hub@Example.org', name: 'Jane Smith-Hubbard' };
// é written as e + a combining acute accent (two code points, one after NFKC)
const E_ACUTE = 'e\u0301';
// password1234 in full-width forms (NFKC makes them plain ASCII)
const FULL_WIDTH = '\uFF50\uFF41\uFF53\uFF53\uFF57\uFF4F\uFF52\uFF44\uFF11\uFF12\uFF13\uFF14';

describe('password policy', () => {
  it.each`
    password                               | context                  | codes                      | rule
    ${'tuesday-kit'}                       | ${{}}                    | ${['TOO_SHORT']}           | ${'at least 12 characters: 11 is too short'}
    ${'tuesday-kite'}                      | ${{}}                    | ${[]}                      | ${'at least 12 characters: 12 is enough'}
    ${E_ACUTE.repeat(11)}                  | ${{}}                    | ${['TOO_SHORT']}           | ${'at least 12 characters: 11 é written with combining accents count as 11 (NFKC), not 22'}
    ${E_ACUTE.repeat(12)}                  | ${{}}                    | ${[]}                      | ${'at least 12 characters: 12 é written with combining accents count as 12 (NFKC)'}
    ${'tuesdayki\uFB03'}                   | ${{}}                    | ${[]}                      | ${'at least 12 characters: the ligature ﬃ counts as the 3 letters NFKC makes of it'}
    ${'x'.repeat(PASSWORD_MAX_LENGTH)}     | ${{}}                    | ${[]}                      | ${'at most 200 characters: 200 is allowed'}
    ${'x'.repeat(PASSWORD_MAX_LENGTH + 1)} | ${{}}                    | ${['TOO_LONG']}            | ${'at most 200 characters: 201 is too long'}
    ${'password1234'}                      | ${{}}                    | ${['COMMON']}              | ${'not a common password: on the list'}
    ${'Password1234'}                      | ${{}}                    | ${['COMMON']}              | ${'not a common password: compared case-insensitively'}
    ${'QWERTYUIOP123'}                     | ${{}}                    | ${['COMMON']}              | ${'not a common password: another entry, in upper case'}
    ${'123456789012'}                      | ${{}}                    | ${['COMMON']}              | ${'not a common password: digits only'}
    ${FULL_WIDTH}                          | ${{}}                    | ${['COMMON']}              | ${'not a common password: full-width letters are the same password after NFKC'}
    ${'password'}                          | ${{}}                    | ${['TOO_SHORT', 'COMMON']} | ${'every problem is reported, not just the first'}
    ${'jane.smith.hub@example.org'}        | ${USER}                  | ${['PERSONAL']}            | ${'not the email address (case-insensitively)'}
    ${'JANE.SMITH.HUB'}                    | ${USER}                  | ${['PERSONAL']}            | ${'not the local part of the email address'}
    ${'jane smith-hubbard'}                | ${USER}                  | ${['PERSONAL']}            | ${'not the name (case-insensitively)'}
    ${'jane.smith.hub@example.org'}        | ${{}}                    | ${[]}                      | ${'the personal rule needs the details: none given'}
    ${'jane smith-hubbard'}                | ${{ email: USER.email }} | ${[]}                      | ${'the personal rule needs the details: only the email given'}
    ${'correct horse battery staple'}      | ${USER}                  | ${[]}                      | ${'a strong passphrase passes'}
    ${'Tr0ub4dor&3xyz'}                    | ${USER}                  | ${[]}                      | ${'no composition rules: none are required, none are penalised'}
    ${'tuesdaykettleorbitlantern'}         | ${USER}                  | ${[]}                      | ${'no composition rules: lower-case letters only are fine'}
  `(
    'issue 14 item 8: $rule',
    ({
      password,
      context,
      codes,
    }: {
      password: string;
      context: PasswordContext;
      codes: PasswordProblemCode[];
    }) => {
      const problems = checkPassword(password, context);
      expect(problems.map((problem) => problem.code)).toEqual(codes);
      for (const problem of problems) expect(problem.message).toBe(PASSWORD_MESSAGES[problem.code]);
    },
  );

  it('issue 14 item 8: the messages say what to do', () => {
    expect(checkPassword('short')[0].message).toBe(
      `Password must be at least ${PASSWORD_MIN_LENGTH} characters`,
    );
    expect(checkPassword('password1234')[0].message).toBe(
      'Password is one of the most common passwords: choose another',
    );
    expect(checkPassword('jane.smith.hub', USER)[0].message).toBe(
      'Password must not be your email address or name',
    );
  });

  it('issue 14 item 8: the blocklist is a shipped list of at least 10,000 common passwords', () => {
    expect(blocklistSize()).toBeGreaterThanOrEqual(10_000);
  });
});
