import {
  providerAssertedMfa,
  providerErrorCode,
  safeReturnTo,
  verifiedEmailOf,
  type OidcClaims,
} from './oidc-rules';

describe('safeReturnTo', () => {
  // oidc-rules.ts: a path on this site, kept as given
  it.each`
    value                                | expected
    ${'/'}                               | ${'/'}
    ${'/queues/screening'}               | ${'/queues/screening'}
    ${'/contacts/123?tab=history#notes'} | ${'/contacts/123?tab=history#notes'}
    ${'/a/../b'}                         | ${'/b'}
    ${'/%2F%2Fevil.example'}             | ${'/%2F%2Fevil.example'}
  `('should keep $value as $expected when it is a path on this site', ({ value, expected }) => {
    expect(safeReturnTo(value)).toBe(expected);
  });

  // oidc-rules.ts: anything that could leave the site, or is not a plain path, is '/' (no open redirect)
  it.each`
    value                      | why
    ${undefined}               | ${'none given'}
    ${''}                      | ${'empty'}
    ${['/a', '/b']}            | ${'given twice'}
    ${42}                      | ${'not a string'}
    ${'https://evil.example/'} | ${'another origin'}
    ${'//evil.example/path'}   | ${'protocol-relative'}
    ${'/\\evil.example'}       | ${'a backslash browsers read as a slash'}
    ${'\\\\evil.example'}      | ${'backslashes only'}
    ${'/\t/evil.example'}      | ${'a tab browsers drop'}
    ${'/\n/evil.example'}      | ${'a newline (header injection)'}
    ${'javascript:alert(1)'}   | ${'a script URL'}
    ${'queues'}                | ${'relative'}
    ${'/.//evil.example'}      | ${'a path that normalises to //'}
    ${`/${'a'.repeat(600)}`}   | ${'too long'}
  `('should give / when returnTo is $value ($why)', ({ value }: { value: unknown }) => {
    expect(safeReturnTo(value)).toBe('/');
  });
});

describe('verifiedEmailOf', () => {
  const DEFAULT = ['email_verified'];

  it.each`
    claims                                                        | verified                          | expected
    ${{ email: 'screener@mach.example', email_verified: true }}   | ${DEFAULT}                        | ${'screener@mach.example'}
    ${{ email: ' Screener@MACH.example ', email_verified: true }} | ${DEFAULT}                        | ${'screener@mach.example'}
    ${{ email: 'screener@mach.example', xms_edov: true }}         | ${['email_verified', 'xms_edov']} | ${'screener@mach.example'}
    ${{ email: 'screener@mach.example', email_verified: false }}  | ${DEFAULT}                        | ${undefined}
    ${{ email: 'screener@mach.example', email_verified: 'true' }} | ${DEFAULT}                        | ${undefined}
    ${{ email: 'screener@mach.example' }}                         | ${DEFAULT}                        | ${undefined}
    ${{ email: 'screener@mach.example', xms_edov: true }}         | ${DEFAULT}                        | ${undefined}
    ${{ email_verified: true }}                                   | ${DEFAULT}                        | ${undefined}
    ${{ email: ['screener@mach.example'], email_verified: true }} | ${DEFAULT}                        | ${undefined}
    ${{ email: 'not-an-address', email_verified: true }}          | ${DEFAULT}                        | ${undefined}
    ${{ email: '   ', email_verified: true }}                     | ${DEFAULT}                        | ${undefined}
  `(
    'should give $expected when the claims are $claims and $verified vouch',
    ({ claims, verified, expected }: { claims: OidcClaims; verified: string[]; expected?: string }) => {
      expect(verifiedEmailOf(claims, verified)).toBe(expected);
    },
  );
});

describe('providerAssertedMfa', () => {
  const POLICY = { mfaAmr: ['mfa', 'otp', 'hwk', 'swk', 'fido', 'sc'], mfaAcr: ['urn:council:loa:2'] };

  it.each`
    claims                                        | expected | rule
    ${{ amr: ['pwd', 'mfa'] }}                    | ${true}  | ${'RFC 8176 mfa'}
    ${{ amr: ['otp'] }}                           | ${true}  | ${'a one-time code'}
    ${{ amr: ['hwk', 'pwd'] }}                    | ${true}  | ${'a hardware key'}
    ${{ amr: ['pwd'] }}                           | ${false} | ${'a password alone'}
    ${{ amr: [] }}                                | ${false} | ${'no method'}
    ${{}}                                         | ${false} | ${'no amr, no acr'}
    ${{ amr: 'mfa' }}                             | ${false} | ${'amr must be an array'}
    ${{ amr: [['mfa']] }}                         | ${false} | ${'only string methods count'}
    ${{ amr: ['MFA'] }}                           | ${false} | ${'methods are case-sensitive'}
    ${{ acr: 'urn:council:loa:2' }}               | ${true}  | ${'an acr the council counts'}
    ${{ acr: 'urn:council:loa:1' }}               | ${false} | ${'an acr it does not'}
    ${{ amr: ['pwd'], acr: 'urn:council:loa:2' }} | ${true}  | ${'either is enough'}
    ${{ acr: ['urn:council:loa:2'] }}             | ${false} | ${'acr must be a string'}
  `('should say $expected when the claims are $claims ($rule)', ({ claims, expected }) => {
    expect(providerAssertedMfa(claims as OidcClaims, POLICY)).toBe(expected);
  });

  it('should count no acr when the council names none', () => {
    expect(providerAssertedMfa({ acr: '1' }, { mfaAmr: ['mfa'], mfaAcr: [] })).toBe(false);
  });
});

describe('providerErrorCode', () => {
  it.each`
    value                          | expected
    ${'access_denied'}             | ${'access_denied'}
    ${'temporarily_unavailable'}   | ${'temporarily_unavailable'}
    ${'<script>alert(1)</script>'} | ${'unrecognised'}
    ${'x'.repeat(65)}              | ${'unrecognised'}
    ${undefined}                   | ${'unrecognised'}
  `('should record $expected when the provider sends error=$value', ({ value, expected }) => {
    expect(providerErrorCode(value)).toBe(expected);
  });
});
