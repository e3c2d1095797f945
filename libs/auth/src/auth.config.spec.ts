import { authConfig } from './auth.config';
import { captureError, isolateEnv } from '@app/core/testing/unit-helpers';

const KEYS = ['NODE_ENV', 'JWT_SECRET', 'JWT_TTL_SECONDS', 'PASSWORD_HASH_COST'] as const;
const GOOD_SECRET = 'a-production-secret-that-is-long-enough-0123456789';

isolateEnv(KEYS);

function setEnv(vars: Record<string, string>): void {
  Object.assign(process.env, vars);
}

type AuthConfig = ReturnType<typeof authConfig>;

describe('authConfig', () => {
  it('should return the defaults with a development secret when no setting is given', () => {
    const config = authConfig();
    expect(config).toEqual({ jwtSecret: expect.any(String), jwtTtlSeconds: 36000, passwordHashCost: 15 });
    // auth.config.ts: the development secret must itself pass the 32-character rule
    expect(config.jwtSecret.length).toBeGreaterThanOrEqual(32);
  });

  // auth.config.ts: outside production a fixed development secret keeps two local instances interoperable
  it.each(['development', 'test'])('should use the same development secret when NODE_ENV is %s', (env) => {
    const first = authConfig().jwtSecret;
    setEnv({ NODE_ENV: env });
    expect(authConfig().jwtSecret).toBe(first);
  });

  // auth.config.ts: env strings become typed settings
  it.each`
    name                    | value          | read                                     | expected
    ${'JWT_SECRET'}         | ${GOOD_SECRET} | ${(c: AuthConfig) => c.jwtSecret}        | ${GOOD_SECRET}
    ${'JWT_TTL_SECONDS'}    | ${'60'}        | ${(c: AuthConfig) => c.jwtTtlSeconds}    | ${60}
    ${'JWT_TTL_SECONDS'}    | ${'604800'}    | ${(c: AuthConfig) => c.jwtTtlSeconds}    | ${604800}
    ${'PASSWORD_HASH_COST'} | ${'10'}        | ${(c: AuthConfig) => c.passwordHashCost} | ${10}
    ${'PASSWORD_HASH_COST'} | ${'20'}        | ${(c: AuthConfig) => c.passwordHashCost} | ${20}
  `(
    'should read $expected when $name is $value',
    ({
      name,
      value,
      read,
      expected,
    }: {
      name: string;
      value: string;
      read: (c: AuthConfig) => unknown;
      expected: unknown;
    }) => {
      setEnv({ [name]: value });
      const setting = read(authConfig());
      expect(setting).toBe(expected);
      expect(typeof setting).toBe(typeof expected);
    },
  );

  // auth.config.ts: a bad setting stops boot with a message naming the setting
  it.each`
    name                    | value
    ${'JWT_TTL_SECONDS'}    | ${'59'}
    ${'JWT_TTL_SECONDS'}    | ${'604801'}
    ${'JWT_TTL_SECONDS'}    | ${'1h'}
    ${'PASSWORD_HASH_COST'} | ${'9'}
    ${'PASSWORD_HASH_COST'} | ${'21'}
    ${'PASSWORD_HASH_COST'} | ${'high'}
    ${'NODE_ENV'}           | ${'live'}
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
