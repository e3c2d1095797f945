import { AUTH_ENV_KEYS, authConfig, type AuthConfig } from './auth.config';
import { captureError, isolateEnv } from '@app/core/testing/unit-helpers';

const GOOD_SECRET = 'a-production-secret-that-is-long-enough-0123456789';

isolateEnv(AUTH_ENV_KEYS);

function setEnv(vars: Record<string, string>): void {
  Object.assign(process.env, vars);
}

type Read = (c: AuthConfig) => unknown;

describe('authConfig', () => {
  it('should return the defaults with a development secret when no setting is given', () => {
    const config = authConfig();
    expect(config).toEqual({
      jwtSecret: expect.any(String),
      sessionLifetimeSeconds: 36000,
      sessionIdleSeconds: 1800,
      sessionRecheckSeconds: 30,
      clientTokenTtlSeconds: 900,
      mfaRequired: false,
      signInLockAfter: 10,
      signInLockSeconds: 1800,
      cookieSecure: false,
      passwordHashCost: 15,
    });
    // auth.config.ts: the development secret must itself pass the 32-character rule
    expect(config.jwtSecret.length).toBeGreaterThanOrEqual(32);
  });

  // auth.config.ts: outside production a fixed development secret keeps two local instances interoperable
  it.each(['development', 'test'])('should use the same development secret when NODE_ENV is %s', (env) => {
    const first = authConfig().jwtSecret;
    setEnv({ NODE_ENV: env });
    expect(authConfig().jwtSecret).toBe(first);
  });

  // auth.config.ts: MFA is required in production only, the session cookie is Secure everywhere but
  // development, unless MFA_REQUIRED or SESSION_COOKIE_SECURE says otherwise
  it.each`
    env              | mfa          | secure       | mfaRequired | cookieSecure | rule
    ${undefined}     | ${undefined} | ${undefined} | ${false}    | ${false}     | ${'auth.config.ts: NODE_ENV defaults to development'}
    ${'development'} | ${undefined} | ${undefined} | ${false}    | ${false}     | ${'auth.config.ts: the demo stays two commands, over plain HTTP'}
    ${'test'}        | ${undefined} | ${undefined} | ${false}    | ${true}      | ${'auth.config.ts: no MFA outside production; Secure everywhere but development'}
    ${'production'}  | ${undefined} | ${undefined} | ${true}     | ${true}      | ${'issue 14: staff must have a second factor in production'}
    ${'development'} | ${'true'}    | ${undefined} | ${true}     | ${false}     | ${'auth.config.ts: MFA_REQUIRED turns MFA on in development'}
    ${'test'}        | ${'true'}    | ${undefined} | ${true}     | ${true}      | ${'auth.config.ts: MFA_REQUIRED turns MFA on in test'}
    ${'development'} | ${undefined} | ${'true'}    | ${false}    | ${true}      | ${'auth.config.ts: SESSION_COOKIE_SECURE makes the cookie Secure in development'}
    ${'production'}  | ${'true'}    | ${'true'}    | ${true}     | ${true}      | ${'auth.config.ts: saying the default changes nothing'}
  `(
    'should read mfaRequired $mfaRequired and cookieSecure $cookieSecure when NODE_ENV is $env, MFA_REQUIRED $mfa and SESSION_COOKIE_SECURE $secure ($rule)',
    ({
      env,
      mfa,
      secure,
      mfaRequired,
      cookieSecure,
    }: {
      env?: string;
      mfa?: string;
      secure?: string;
      mfaRequired: boolean;
      cookieSecure: boolean;
    }) => {
      setEnv({ JWT_SECRET: GOOD_SECRET });
      if (env !== undefined) setEnv({ NODE_ENV: env });
      if (mfa !== undefined) setEnv({ MFA_REQUIRED: mfa });
      if (secure !== undefined) setEnv({ SESSION_COOKIE_SECURE: secure });
      const config = authConfig();
      expect(config.mfaRequired).toBe(mfaRequired);
      expect(config.cookieSecure).toBe(cookieSecure);
    },
  );

  it.each`
    env             | mfa          | secure       | mfaRequired | cookieSecure | rule
    ${'production'} | ${'false'}   | ${undefined} | ${false}    | ${true}      | ${'auth.config.ts: MFA_REQUIRED=false turns MFA off in production'}
    ${'test'}       | ${'false'}   | ${'false'}   | ${false}    | ${false}     | ${'auth.config.ts: both said false in test'}
    ${'production'} | ${undefined} | ${'false'}   | ${true}     | ${false}     | ${'auth.config.ts: SESSION_COOKIE_SECURE=false behind a TLS-terminating proxy'}
  `(
    'should read mfaRequired $mfaRequired and cookieSecure $cookieSecure when NODE_ENV is $env, MFA_REQUIRED $mfa and SESSION_COOKIE_SECURE $secure ($rule)',
    ({
      env,
      mfa,
      secure,
      mfaRequired,
      cookieSecure,
    }: {
      env: string;
      mfa?: string;
      secure?: string;
      mfaRequired: boolean;
      cookieSecure: boolean;
    }) => {
      setEnv({ JWT_SECRET: GOOD_SECRET, NODE_ENV: env });
      if (mfa !== undefined) setEnv({ MFA_REQUIRED: mfa });
      if (secure !== undefined) setEnv({ SESSION_COOKIE_SECURE: secure });
      const config = authConfig();
      expect(config.mfaRequired).toBe(mfaRequired);
      expect(config.cookieSecure).toBe(cookieSecure);
    },
  );

  // auth.config.ts: env strings become typed settings, each at the ends of its range
  it.each`
    name                          | value          | read                                           | expected
    ${'JWT_SECRET'}               | ${GOOD_SECRET} | ${(c: AuthConfig) => c.jwtSecret}              | ${GOOD_SECRET}
    ${'SESSION_LIFETIME_SECONDS'} | ${'60'}        | ${(c: AuthConfig) => c.sessionLifetimeSeconds} | ${60}
    ${'SESSION_LIFETIME_SECONDS'} | ${'604800'}    | ${(c: AuthConfig) => c.sessionLifetimeSeconds} | ${604800}
    ${'SESSION_LIFETIME_SECONDS'} | ${' 3600 '}    | ${(c: AuthConfig) => c.sessionLifetimeSeconds} | ${3600}
    ${'SESSION_IDLE_SECONDS'}     | ${'60'}        | ${(c: AuthConfig) => c.sessionIdleSeconds}     | ${60}
    ${'SESSION_IDLE_SECONDS'}     | ${'86400'}     | ${(c: AuthConfig) => c.sessionIdleSeconds}     | ${86400}
    ${'SESSION_RECHECK_SECONDS'}  | ${'1'}         | ${(c: AuthConfig) => c.sessionRecheckSeconds}  | ${1}
    ${'SESSION_RECHECK_SECONDS'}  | ${'300'}       | ${(c: AuthConfig) => c.sessionRecheckSeconds}  | ${300}
    ${'CLIENT_TOKEN_TTL_SECONDS'} | ${'60'}        | ${(c: AuthConfig) => c.clientTokenTtlSeconds}  | ${60}
    ${'CLIENT_TOKEN_TTL_SECONDS'} | ${'86400'}     | ${(c: AuthConfig) => c.clientTokenTtlSeconds}  | ${86400}
    ${'SIGN_IN_LOCK_AFTER'}       | ${'3'}         | ${(c: AuthConfig) => c.signInLockAfter}        | ${3}
    ${'SIGN_IN_LOCK_AFTER'}       | ${'100'}       | ${(c: AuthConfig) => c.signInLockAfter}        | ${100}
    ${'SIGN_IN_LOCK_SECONDS'}     | ${'60'}        | ${(c: AuthConfig) => c.signInLockSeconds}      | ${60}
    ${'SIGN_IN_LOCK_SECONDS'}     | ${'604800'}    | ${(c: AuthConfig) => c.signInLockSeconds}      | ${604800}
    ${'MFA_REQUIRED'}             | ${'true'}      | ${(c: AuthConfig) => c.mfaRequired}            | ${true}
    ${'SESSION_COOKIE_SECURE'}    | ${'true'}      | ${(c: AuthConfig) => c.cookieSecure}           | ${true}
    ${'PASSWORD_HASH_COST'}       | ${'10'}        | ${(c: AuthConfig) => c.passwordHashCost}       | ${10}
    ${'PASSWORD_HASH_COST'}       | ${'20'}        | ${(c: AuthConfig) => c.passwordHashCost}       | ${20}
  `(
    'should read $expected when $name is $value',
    ({ name, value, read, expected }: { name: string; value: string; read: Read; expected: unknown }) => {
      setEnv({ [name]: value });
      const setting = read(authConfig());
      expect(setting).toBe(expected);
      expect(typeof setting).toBe(typeof expected);
    },
  );

  // auth.config.ts: a blank setting counts as unset (readEnv), so the default holds
  it.each`
    name                          | read                                           | expected
    ${'SESSION_LIFETIME_SECONDS'} | ${(c: AuthConfig) => c.sessionLifetimeSeconds} | ${36000}
    ${'SESSION_IDLE_SECONDS'}     | ${(c: AuthConfig) => c.sessionIdleSeconds}     | ${1800}
    ${'MFA_REQUIRED'}             | ${(c: AuthConfig) => c.mfaRequired}            | ${false}
    ${'SESSION_COOKIE_SECURE'}    | ${(c: AuthConfig) => c.cookieSecure}           | ${false}
  `(
    'should read the default $expected when $name is blank',
    ({ name, read, expected }: { name: string; read: Read; expected: unknown }) => {
      setEnv({ [name]: '  ' });
      expect(read(authConfig())).toBe(expected);
    },
  );

  // auth.config.ts: a bad setting stops boot with a message naming the setting
  it.each`
    name                          | value
    ${'SESSION_LIFETIME_SECONDS'} | ${'59'}
    ${'SESSION_LIFETIME_SECONDS'} | ${'604801'}
    ${'SESSION_LIFETIME_SECONDS'} | ${'10h'}
    ${'SESSION_LIFETIME_SECONDS'} | ${'3600.5'}
    ${'SESSION_LIFETIME_SECONDS'} | ${'0x3c'}
    ${'SESSION_IDLE_SECONDS'}     | ${'59'}
    ${'SESSION_IDLE_SECONDS'}     | ${'86401'}
    ${'SESSION_IDLE_SECONDS'}     | ${'30m'}
    ${'SESSION_RECHECK_SECONDS'}  | ${'0'}
    ${'SESSION_RECHECK_SECONDS'}  | ${'301'}
    ${'SESSION_RECHECK_SECONDS'}  | ${'-1'}
    ${'CLIENT_TOKEN_TTL_SECONDS'} | ${'59'}
    ${'CLIENT_TOKEN_TTL_SECONDS'} | ${'86401'}
    ${'CLIENT_TOKEN_TTL_SECONDS'} | ${'forever'}
    ${'SIGN_IN_LOCK_AFTER'}       | ${'2'}
    ${'SIGN_IN_LOCK_AFTER'}       | ${'101'}
    ${'SIGN_IN_LOCK_AFTER'}       | ${'ten'}
    ${'SIGN_IN_LOCK_SECONDS'}     | ${'59'}
    ${'SIGN_IN_LOCK_SECONDS'}     | ${'604801'}
    ${'SIGN_IN_LOCK_SECONDS'}     | ${'1d'}
    ${'PASSWORD_HASH_COST'}       | ${'9'}
    ${'PASSWORD_HASH_COST'}       | ${'21'}
    ${'PASSWORD_HASH_COST'}       | ${'high'}
    ${'NODE_ENV'}                 | ${'live'}
  `('should throw naming $name when $name is $value', ({ name, value }: { name: string; value: string }) => {
    setEnv({ [name]: value });
    const error = captureError(() => authConfig());
    expect(error.message).toMatch(/^Invalid auth configuration:\n/);
    expect(error.message).toContain(`\n  ${name}: `);
  });

  it.each`
    name                       | value
    ${'MFA_REQUIRED'}          | ${'banana'}
    ${'SESSION_COOKIE_SECURE'} | ${'banana'}
  `('should throw naming $name when $name is $value', ({ name, value }: { name: string; value: string }) => {
    setEnv({ [name]: value });
    const error = captureError(() => authConfig());
    expect(error.message).toMatch(/^Invalid auth configuration:\n/);
    expect(error.message).toContain(`\n  ${name}: `);
  });

  // auth.config.ts: JWT_SECRET must be at least 32 characters in any environment, and is never quoted
  it.each`
    env              | secret
    ${undefined}     | ${'short-secret'}
    ${'development'} | ${'s'.repeat(31)}
    ${'test'}        | ${'short-secret'}
    ${'production'}  | ${'short-secret'}
  `(
    'should throw naming JWT_SECRET without quoting it when NODE_ENV is $env and the secret is too short',
    ({ env, secret }: { env: string | undefined; secret: string }) => {
      if (env !== undefined) setEnv({ NODE_ENV: env });
      setEnv({ JWT_SECRET: secret });
      const message = captureError(() => authConfig()).message;
      expect(message).toMatch(/^Invalid auth configuration:\n {2}JWT_SECRET: /);
      expect(message).not.toContain(secret);
    },
  );

  it('should accept a secret of exactly 32 characters when JWT_SECRET is at the limit', () => {
    setEnv({ JWT_SECRET: 's'.repeat(32) });
    expect(authConfig().jwtSecret).toBe('s'.repeat(32));
  });

  // auth.config.ts: production has no fallback secret
  it.each`
    secret
    ${undefined}
    ${''}
  `(
    'should throw naming JWT_SECRET when NODE_ENV is production and JWT_SECRET is "$secret"',
    ({ secret }) => {
      setEnv({ NODE_ENV: 'production' });
      if (secret !== undefined) setEnv({ JWT_SECRET: secret as string });
      expect(() => authConfig()).toThrow(/^Invalid auth configuration:\n {2}JWT_SECRET: /);
    },
  );

  it('should use the given secret when NODE_ENV is production and JWT_SECRET is set', () => {
    setEnv({ NODE_ENV: 'production', JWT_SECRET: GOOD_SECRET });
    expect(authConfig().jwtSecret).toBe(GOOD_SECRET);
  });

  it('should not use the development secret when NODE_ENV is development and JWT_SECRET is set', () => {
    const development = authConfig().jwtSecret;
    setEnv({ JWT_SECRET: GOOD_SECRET });
    expect(authConfig().jwtSecret).not.toBe(development);
  });
});
