import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { databaseConfig, type DatabaseConfig } from './database.config';
import { captureError, isolateEnv } from '@app/core/testing/unit-helpers';

const KEYS = [
  'NODE_ENV',
  'DATABASE_URL',
  'DATABASE_POOL_SIZE',
  'DATABASE_SSL',
  'DATABASE_SSL_CA',
  'EMBEDDED_PG_DIR',
  'EMBEDDED_PG_PORT',
  'SEED_DEMO',
  'DEMO_PASSWORD',
] as const;

const PRODUCTION_URL = 'postgres://front-door:pw@db.internal:5432/front_door';

isolateEnv(KEYS);

function setEnv(vars: Record<string, string>): void {
  Object.assign(process.env, vars);
}

describe('databaseConfig', () => {
  it('should return the defaults when no setting is given', () => {
    const config = databaseConfig();
    expect(config).toEqual({
      url: undefined,
      poolSize: 10,
      ssl: false,
      embeddedDir: '.data',
      embeddedPort: 5433,
      seedDemo: expect.any(Function),
      demoPassword: 'demo-password',
    });
  });

  // database.config.ts: env strings become typed settings
  it.each`
    name                    | value                                                 | read                                     | expected
    ${'DATABASE_URL'}       | ${'postgres://x'}                                     | ${(c: DatabaseConfig) => c.url}          | ${'postgres://x'}
    ${'DATABASE_URL'}       | ${PRODUCTION_URL.replace('postgres:', 'postgresql:')} | ${(c: DatabaseConfig) => c.url}          | ${PRODUCTION_URL.replace('postgres:', 'postgresql:')}
    ${'DATABASE_POOL_SIZE'} | ${'25'}                                               | ${(c: DatabaseConfig) => c.poolSize}     | ${25}
    ${'DATABASE_SSL'}       | ${'true'}                                             | ${(c: DatabaseConfig) => c.ssl}          | ${true}
    ${'DATABASE_SSL'}       | ${'false'}                                            | ${(c: DatabaseConfig) => c.ssl}          | ${false}
    ${'DATABASE_SSL'}       | ${'1'}                                                | ${(c: DatabaseConfig) => c.ssl}          | ${true}
    ${'EMBEDDED_PG_DIR'}    | ${'/tmp/pg'}                                          | ${(c: DatabaseConfig) => c.embeddedDir}  | ${'/tmp/pg'}
    ${'EMBEDDED_PG_PORT'}   | ${'6543'}                                             | ${(c: DatabaseConfig) => c.embeddedPort} | ${6543}
    ${'DEMO_PASSWORD'}      | ${'longer-secret'}                                    | ${(c: DatabaseConfig) => c.demoPassword} | ${'longer-secret'}
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
      read: (c: DatabaseConfig) => unknown;
      expected: unknown;
    }) => {
      setEnv({ [name]: value });
      const setting = read(databaseConfig());
      expect(setting).toBe(expected);
      expect(typeof setting).toBe(typeof expected);
    },
  );

  // database.config.ts: a bad setting stops boot with a message naming the setting
  it.each`
    name                    | value
    ${'DATABASE_URL'}       | ${'mysql://x'}
    ${'DATABASE_URL'}       | ${'postgres://'}
    ${'DATABASE_URL'}       | ${'db.internal:5432'}
    ${'DATABASE_POOL_SIZE'} | ${'0'}
    ${'DATABASE_POOL_SIZE'} | ${'201'}
    ${'DATABASE_POOL_SIZE'} | ${'ten'}
    ${'DATABASE_SSL'}       | ${'yes'}
    ${'DATABASE_SSL_CA'}    | ${'/nonexistent/ca.pem'}
    ${'EMBEDDED_PG_PORT'}   | ${'80'}
    ${'EMBEDDED_PG_PORT'}   | ${'65536'}
    ${'SEED_DEMO'}          | ${'yes'}
    ${'SEED_DEMO'}          | ${'on'}
    ${'DEMO_PASSWORD'}      | ${'short'}
    ${'NODE_ENV'}           | ${'prod'}
  `('should throw naming $name when $name is $value', ({ name, value }: { name: string; value: string }) => {
    setEnv({ [name]: value });
    const error = captureError(() => databaseConfig());
    expect(error.message).toMatch(/^Invalid database configuration:\n/);
    expect(error.message).toContain(`\n  ${name}: `);
  });

  // database.config.ts: the authority's certificate is read at boot, its text handed to every connection
  it('should read the PEM text of the file DATABASE_SSL_CA names', () => {
    const dir = mkdtempSync(join(tmpdir(), 'frontdoor-ca-'));
    try {
      writeFileSync(join(dir, 'ca.pem'), '-----BEGIN CERTIFICATE-----\n');
      setEnv({ DATABASE_SSL: 'true', DATABASE_SSL_CA: join(dir, 'ca.pem') });
      expect(databaseConfig().sslCa).toBe('-----BEGIN CERTIFICATE-----\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  // validate-config.ts: never the value, which may hold a password
  it('should not quote the value when DATABASE_URL is invalid', () => {
    setEnv({ DATABASE_URL: 'mysql://admin:s3cret-pw@db.internal/front_door' });
    const message = captureError(() => databaseConfig()).message;
    expect(message).toContain('DATABASE_URL');
    expect(message).not.toContain('s3cret-pw');
  });

  // API.md: production never seeds; asking it to is a mistake that must stop boot
  it('should throw naming SEED_DEMO when NODE_ENV is production and SEED_DEMO is true', () => {
    setEnv({ NODE_ENV: 'production', DATABASE_URL: PRODUCTION_URL, SEED_DEMO: 'true' });
    expect(() => databaseConfig()).toThrow(/^Invalid database configuration:\n {2}SEED_DEMO: /);
  });

  // database.config.ts: production never runs the embedded demo database
  it('should throw naming DATABASE_URL when NODE_ENV is production and DATABASE_URL is unset', () => {
    setEnv({ NODE_ENV: 'production' });
    expect(() => databaseConfig()).toThrow(/^Invalid database configuration:\n {2}DATABASE_URL: /);
  });

  it('should throw naming DATABASE_URL when NODE_ENV is production and DATABASE_URL is empty', () => {
    setEnv({ NODE_ENV: 'production', DATABASE_URL: '' });
    expect(() => databaseConfig()).toThrow(/DATABASE_URL: /);
  });

  it('should load when NODE_ENV is production with a DATABASE_URL and SEED_DEMO false', () => {
    setEnv({ NODE_ENV: 'production', DATABASE_URL: PRODUCTION_URL, SEED_DEMO: 'false' });
    expect(databaseConfig().url).toBe(PRODUCTION_URL);
  });

  describe('seedDemo', () => {
    // database.config.ts: the embedded database is a demo, seeded unless told otherwise; production never seeds
    it.each`
      env              | seed         | mode          | expected
      ${undefined}     | ${undefined} | ${'embedded'} | ${true}
      ${undefined}     | ${undefined} | ${'external'} | ${false}
      ${'development'} | ${undefined} | ${'embedded'} | ${true}
      ${'development'} | ${undefined} | ${'external'} | ${false}
      ${'test'}        | ${undefined} | ${'embedded'} | ${true}
      ${'development'} | ${'true'}    | ${'external'} | ${true}
      ${'development'} | ${'1'}       | ${'external'} | ${true}
      ${'development'} | ${'false'}   | ${'external'} | ${false}
      ${'development'} | ${'false'}   | ${'embedded'} | ${false}
      ${'development'} | ${'0'}       | ${'embedded'} | ${false}
      ${'development'} | ${'true'}    | ${'embedded'} | ${true}
      ${'development'} | ${''}        | ${'embedded'} | ${true}
      ${'production'}  | ${undefined} | ${'embedded'} | ${false}
      ${'production'}  | ${undefined} | ${'external'} | ${false}
      ${'production'}  | ${'false'}   | ${'embedded'} | ${false}
    `(
      'should return $expected when NODE_ENV is $env, SEED_DEMO is $seed and the database is $mode',
      ({
        env,
        seed,
        mode,
        expected,
      }: {
        env: string | undefined;
        seed: string | undefined;
        mode: 'embedded' | 'external';
        expected: boolean;
      }) => {
        if (env !== undefined) setEnv({ NODE_ENV: env });
        if (seed !== undefined) setEnv({ SEED_DEMO: seed });
        if (env === 'production') setEnv({ DATABASE_URL: PRODUCTION_URL });
        expect(databaseConfig().seedDemo(mode)).toBe(expected);
      },
    );
  });
});
