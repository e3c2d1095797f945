import { captureError, isolateEnv } from '@app/core/testing/unit-helpers';
import { OIDC_ENV_KEYS, oidcConfig, type OidcConfig } from './oidc.config';

isolateEnv(OIDC_ENV_KEYS);

const PROVIDER = {
  OIDC_ISSUER_URL: 'https://login.microsoftonline.com/tenant-id/v2.0',
  OIDC_CLIENT_ID: 'front-door',
  OIDC_CLIENT_SECRET: 'a-client-secret',
  OIDC_REDIRECT_URL: 'https://frontdoor.council.example/api/auth/oidc/callback',
};

function setEnv(vars: Record<string, string>): void {
  Object.assign(process.env, vars);
}

type Read = (c: OidcConfig) => unknown;

describe('oidcConfig', () => {
  it('should leave single sign-on off with the default claims policy when no setting is given', () => {
    expect(oidcConfig()).toEqual({
      enabled: false,
      provider: undefined,
      scopes: 'openid email profile',
      mfaAmr: ['mfa', 'otp', 'hwk', 'swk', 'fido', 'sc'],
      mfaAcr: [],
      emailVerifiedClaims: ['email_verified'],
      allowHttp: false,
    });
  });

  it('should turn single sign-on on with the provider when the issuer, client and redirect URL are set', () => {
    setEnv(PROVIDER);
    expect(oidcConfig()).toMatchObject({
      enabled: true,
      provider: {
        issuerUrl: PROVIDER.OIDC_ISSUER_URL,
        clientId: PROVIDER.OIDC_CLIENT_ID,
        clientSecret: PROVIDER.OIDC_CLIENT_SECRET,
        redirectUrl: PROVIDER.OIDC_REDIRECT_URL,
      },
    });
  });

  // oidc.config.ts: the settings as typed values, lists trimmed and empty items dropped
  it.each`
    name                            | value                               | read                                        | expected
    ${'OIDC_MFA_AMR'}               | ${'mfa'}                            | ${(c: OidcConfig) => c.mfaAmr}              | ${['mfa']}
    ${'OIDC_MFA_AMR'}               | ${' mfa , otp ,, hwk '}             | ${(c: OidcConfig) => c.mfaAmr}              | ${['mfa', 'otp', 'hwk']}
    ${'OIDC_MFA_ACR'}               | ${'urn:council:mfa,http://x/acr/2'} | ${(c: OidcConfig) => c.mfaAcr}              | ${['urn:council:mfa', 'http://x/acr/2']}
    ${'OIDC_EMAIL_VERIFIED_CLAIMS'} | ${'email_verified, xms_edov'}       | ${(c: OidcConfig) => c.emailVerifiedClaims} | ${['email_verified', 'xms_edov']}
    ${'OIDC_SCOPES'}                | ${'openid  email'}                  | ${(c: OidcConfig) => c.scopes}              | ${'openid email'}
    ${'OIDC_SCOPES'}                | ${'openid email profile offline'}   | ${(c: OidcConfig) => c.scopes}              | ${'openid email profile offline'}
    ${'OIDC_ALLOW_HTTP'}            | ${'true'}                           | ${(c: OidcConfig) => c.allowHttp}           | ${true}
    ${'OIDC_ALLOW_HTTP'}            | ${'false'}                          | ${(c: OidcConfig) => c.allowHttp}           | ${false}
    ${'OIDC_ALLOW_HTTP'}            | ${'1'}                              | ${(c: OidcConfig) => c.allowHttp}           | ${true}
  `(
    'should read $expected when $name is $value',
    ({ name, value, read, expected }: { name: string; value: string; read: Read; expected: unknown }) => {
      setEnv({ [name]: value });
      expect(read(oidcConfig())).toEqual(expected);
    },
  );

  // readEnv: a blank setting counts as unset, so the default holds
  it.each`
    name                            | read                                        | expected
    ${'OIDC_MFA_AMR'}               | ${(c: OidcConfig) => c.mfaAmr}              | ${['mfa', 'otp', 'hwk', 'swk', 'fido', 'sc']}
    ${'OIDC_SCOPES'}                | ${(c: OidcConfig) => c.scopes}              | ${'openid email profile'}
    ${'OIDC_EMAIL_VERIFIED_CLAIMS'} | ${(c: OidcConfig) => c.emailVerifiedClaims} | ${['email_verified']}
    ${'OIDC_ALLOW_HTTP'}            | ${(c: OidcConfig) => c.allowHttp}           | ${false}
    ${'OIDC_ISSUER_URL'}            | ${(c: OidcConfig) => c.enabled}             | ${false}
  `(
    'should read the default $expected when $name is blank',
    ({ name, read, expected }: { name: string; read: Read; expected: unknown }) => {
      setEnv({ [name]: '  ' });
      expect(read(oidcConfig())).toEqual(expected);
    },
  );

  it.each`
    env              | allow        | issuer                              | redirect                                           | rule
    ${'development'} | ${'true'}    | ${'http://127.0.0.1:4000'}          | ${'http://localhost:3000/api/auth/oidc/callback'}  | ${'oidc.config.ts: OIDC_ALLOW_HTTP lets a local provider work'}
    ${'test'}        | ${'true'}    | ${'http://127.0.0.1:4000'}          | ${'https://frontdoor.test/api/auth/oidc/callback'} | ${'oidc.config.ts: the tests run their provider over http'}
    ${'production'}  | ${undefined} | ${'https://idp.council.example'}    | ${'https://frontdoor.council.example/cb'}          | ${'oidc.config.ts: https everywhere in production'}
    ${'production'}  | ${'false'}   | ${'https://idp.council.example/t/'} | ${'https://frontdoor.council.example/cb'}          | ${'oidc.config.ts: saying the default changes nothing'}
  `(
    'should accept issuer $issuer when NODE_ENV is $env and OIDC_ALLOW_HTTP is $allow ($rule)',
    ({ env, allow, issuer, redirect }: { env: string; allow?: string; issuer: string; redirect: string }) => {
      setEnv({ ...PROVIDER, NODE_ENV: env, OIDC_ISSUER_URL: issuer, OIDC_REDIRECT_URL: redirect });
      if (allow !== undefined) setEnv({ OIDC_ALLOW_HTTP: allow });
      expect(oidcConfig().provider?.issuerUrl).toBe(issuer);
    },
  );

  // oidc.config.ts: a bad setting stops boot with a message naming it (and never a secret's value)
  it.each`
    vars                                                                                      | named                           | rule
    ${{ OIDC_ISSUER_URL: PROVIDER.OIDC_ISSUER_URL }}                                          | ${'OIDC_CLIENT_ID'}             | ${'all three, or none'}
    ${{ OIDC_ISSUER_URL: PROVIDER.OIDC_ISSUER_URL }}                                          | ${'OIDC_CLIENT_SECRET'}         | ${'all three, or none'}
    ${{ OIDC_CLIENT_ID: 'x', OIDC_CLIENT_SECRET: 'y' }}                                       | ${'OIDC_ISSUER_URL'}            | ${'all three, or none'}
    ${{ OIDC_CLIENT_SECRET: 'y' }}                                                            | ${'OIDC_CLIENT_ID'}             | ${'all three, or none'}
    ${{ ...PROVIDER, OIDC_REDIRECT_URL: '' }}                                                 | ${'OIDC_REDIRECT_URL'}          | ${'no public URL setting: the callback must be given'}
    ${{ ...PROVIDER, OIDC_REDIRECT_URL: '/api/auth/oidc/callback' }}                          | ${'OIDC_REDIRECT_URL'}          | ${'an absolute URL'}
    ${{ ...PROVIDER, OIDC_REDIRECT_URL: 'http://frontdoor.example/api/auth/oidc/callback' }}  | ${'OIDC_REDIRECT_URL'}          | ${'https unless OIDC_ALLOW_HTTP'}
    ${{ ...PROVIDER, OIDC_REDIRECT_URL: 'https://frontdoor.example/cb?x=1' }}                 | ${'OIDC_REDIRECT_URL'}          | ${'no query'}
    ${{ ...PROVIDER, OIDC_REDIRECT_URL: 'https://frontdoor.example/cb#x' }}                   | ${'OIDC_REDIRECT_URL'}          | ${'no fragment'}
    ${{ ...PROVIDER, OIDC_ISSUER_URL: 'http://idp.council.example' }}                         | ${'OIDC_ISSUER_URL'}            | ${'https unless OIDC_ALLOW_HTTP'}
    ${{ ...PROVIDER, OIDC_ISSUER_URL: 'idp.council.example' }}                                | ${'OIDC_ISSUER_URL'}            | ${'an absolute URL'}
    ${{ ...PROVIDER, OIDC_ISSUER_URL: 'ftp://idp.council.example', OIDC_ALLOW_HTTP: 'true' }} | ${'OIDC_ISSUER_URL'}            | ${'http or https only'}
    ${{ ...PROVIDER, OIDC_ISSUER_URL: 'https://u:p@idp.council.example' }}                    | ${'OIDC_ISSUER_URL'}            | ${'no credentials in the URL'}
    ${{ OIDC_ALLOW_HTTP: 'true', NODE_ENV: 'production' }}                                    | ${'OIDC_ALLOW_HTTP'}            | ${'never plain http in production'}
    ${{ OIDC_ALLOW_HTTP: 'banana' }}                                                          | ${'OIDC_ALLOW_HTTP'}            | ${'true or false'}
    ${{ OIDC_SCOPES: 'openid profile' }}                                                      | ${'OIDC_SCOPES'}                | ${'users are matched by email'}
    ${{ OIDC_SCOPES: 'email profile' }}                                                       | ${'OIDC_SCOPES'}                | ${'OpenID Connect needs openid'}
    ${{ OIDC_EMAIL_VERIFIED_CLAIMS: ' , ' }}                                                  | ${'OIDC_EMAIL_VERIFIED_CLAIMS'} | ${'at least one claim'}
    ${{ NODE_ENV: 'live' }}                                                                   | ${'NODE_ENV'}                   | ${'the three environments'}
  `(
    'should throw naming $named when the settings break the rule: $rule',
    ({ vars, named }: { vars: Record<string, string>; named: string }) => {
      setEnv(vars);
      const message = captureError(() => oidcConfig()).message;
      expect(message).toMatch(/^Invalid oidc configuration:\n/);
      expect(message).toContain(`\n  ${named}: `);
    },
  );

  it('should not quote the client secret when the configuration is refused', () => {
    setEnv({ OIDC_CLIENT_SECRET: 'the-very-secret-value' });
    expect(captureError(() => oidcConfig()).message).not.toContain('the-very-secret-value');
  });
});
