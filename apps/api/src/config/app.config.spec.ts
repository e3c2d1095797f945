import { resolve } from 'node:path';
import { appConfig } from './app.config';
import { captureError, isolateEnv } from '@app/core/testing/unit-helpers';

const KEYS = [
  'NODE_ENV',
  'PORT',
  'LOG_LEVEL',
  'TRUST_PROXY',
  'THROTTLE_TTL_SECONDS',
  'THROTTLE_LIMIT',
  'LOGIN_THROTTLE_LIMIT',
  'HTTP_HEADERS_TIMEOUT_SECONDS',
  'HTTP_REQUEST_TIMEOUT_SECONDS',
  'CONSOLE_DIR',
] as const;

isolateEnv(KEYS);

describe('appConfig', () => {
  it('should return the defaults when no setting is given', () => {
    expect(appConfig()).toEqual({
      env: 'development',
      port: 3000,
      logLevel: 'info',
      trustProxy: false,
      throttle: { ttlSeconds: 60, limit: 600, loginLimit: 300 },
      http: { headersTimeoutMs: 20_000, requestTimeoutMs: 60_000 },
      // issue 15: the built console, from where the service is started
      consoleDir: resolve('dist/console'),
    });
  });

  it('should return the defaults when every setting is an empty string', () => {
    for (const key of KEYS) process.env[key] = '';
    expect(appConfig()).toEqual({
      env: 'development',
      port: 3000,
      logLevel: 'info',
      trustProxy: false,
      throttle: { ttlSeconds: 60, limit: 600, loginLimit: 300 },
      http: { headersTimeoutMs: 20_000, requestTimeoutMs: 60_000 },
      // issue 15: the built console, from where the service is started
      consoleDir: resolve('dist/console'),
    });
  });

  // app.config.ts: env strings become typed settings
  it.each`
    name                              | value             | read                                         | expected
    ${'PORT'}                         | ${'4000'}         | ${(c: AppConfig) => c.port}                  | ${4000}
    ${'CONSOLE_DIR'}                  | ${'/srv/console'} | ${(c: AppConfig) => c.consoleDir}            | ${'/srv/console'}
    ${'PORT'}                         | ${'0'}            | ${(c: AppConfig) => c.port}                  | ${0}
    ${'PORT'}                         | ${'65535'}        | ${(c: AppConfig) => c.port}                  | ${65535}
    ${'TRUST_PROXY'}                  | ${'true'}         | ${(c: AppConfig) => c.trustProxy}            | ${true}
    ${'TRUST_PROXY'}                  | ${'1'}            | ${(c: AppConfig) => c.trustProxy}            | ${true}
    ${'TRUST_PROXY'}                  | ${'false'}        | ${(c: AppConfig) => c.trustProxy}            | ${false}
    ${'TRUST_PROXY'}                  | ${'0'}            | ${(c: AppConfig) => c.trustProxy}            | ${false}
    ${'THROTTLE_LIMIT'}               | ${'5'}            | ${(c: AppConfig) => c.throttle.limit}        | ${5}
    ${'THROTTLE_TTL_SECONDS'}         | ${'3600'}         | ${(c: AppConfig) => c.throttle.ttlSeconds}   | ${3600}
    ${'LOGIN_THROTTLE_LIMIT'}         | ${'3'}            | ${(c: AppConfig) => c.throttle.loginLimit}   | ${3}
    ${'LOG_LEVEL'}                    | ${'silent'}       | ${(c: AppConfig) => c.logLevel}              | ${'silent'}
    ${'NODE_ENV'}                     | ${'production'}   | ${(c: AppConfig) => c.env}                   | ${'production'}
    ${'NODE_ENV'}                     | ${'test'}         | ${(c: AppConfig) => c.env}                   | ${'test'}
    ${'HTTP_HEADERS_TIMEOUT_SECONDS'} | ${'5'}            | ${(c: AppConfig) => c.http.headersTimeoutMs} | ${5000}
    ${'HTTP_REQUEST_TIMEOUT_SECONDS'} | ${'30'}           | ${(c: AppConfig) => c.http.requestTimeoutMs} | ${30_000}
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
      read: (c: AppConfig) => unknown;
      expected: unknown;
    }) => {
      process.env[name] = value;
      const setting = read(appConfig());
      expect(setting).toBe(expected);
      expect(typeof setting).toBe(typeof expected);
    },
  );

  // app.config.ts: a bad setting stops boot with a message naming the setting
  it.each`
    name                              | value
    ${'PORT'}                         | ${'abc'}
    ${'PORT'}                         | ${'65536'}
    ${'PORT'}                         | ${'-1'}
    ${'PORT'}                         | ${'80.5'}
    ${'PORT'}                         | ${'0x10'}
    ${'PORT'}                         | ${'1e3'}
    ${'LOG_LEVEL'}                    | ${'loud'}
    ${'LOG_LEVEL'}                    | ${'INFO'}
    ${'TRUST_PROXY'}                  | ${'yes'}
    ${'THROTTLE_TTL_SECONDS'}         | ${'0'}
    ${'THROTTLE_TTL_SECONDS'}         | ${'3601'}
    ${'THROTTLE_LIMIT'}               | ${'0'}
    ${'THROTTLE_LIMIT'}               | ${'many'}
    ${'LOGIN_THROTTLE_LIMIT'}         | ${'0'}
    ${'NODE_ENV'}                     | ${'staging'}
    ${'HTTP_HEADERS_TIMEOUT_SECONDS'} | ${'0'}
    ${'HTTP_REQUEST_TIMEOUT_SECONDS'} | ${'3601'}
  `('should throw naming $name when $name is $value', ({ name, value }: { name: string; value: string }) => {
    process.env[name] = value;
    const error = captureError(() => appConfig());
    expect(error.message).toMatch(/^Invalid app configuration:\n/);
    expect(error.message).toContain(`\n  ${name}: `);
  });

  // a request cannot time out before its headers have had their time
  it('should refuse a headers timeout longer than the request timeout', () => {
    process.env.HTTP_HEADERS_TIMEOUT_SECONDS = '90';
    process.env.HTTP_REQUEST_TIMEOUT_SECONDS = '60';
    expect(captureError(() => appConfig()).message).toMatch(
      /HTTP_HEADERS_TIMEOUT_SECONDS must not exceed HTTP_REQUEST_TIMEOUT_SECONDS/,
    );
  });

  // validate-config.ts readEnv: blank and padded settings read as unset / trimmed
  it('should read a blank PORT as unset and trim a padded one', () => {
    process.env.PORT = '   ';
    expect(appConfig().port).toBe(3000);
    process.env.PORT = ' 4000 ';
    expect(appConfig().port).toBe(4000);
  });

  // validate-config.ts: the message names the setting, never its value
  it.each`
    name             | value
    ${'PORT'}        | ${'abc'}
    ${'LOG_LEVEL'}   | ${'loud'}
    ${'TRUST_PROXY'} | ${'maybe'}
  `('should not quote the value when $name is $value', ({ name, value }: { name: string; value: string }) => {
    process.env[name] = value;
    expect(captureError(() => appConfig()).message).not.toContain(value);
  });
});

type AppConfig = ReturnType<typeof appConfig>;
