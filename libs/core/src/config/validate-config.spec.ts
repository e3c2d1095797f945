import 'reflect-metadata';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, Min, MinLength } from 'class-validator';
import { parseBooleanSetting, validateConfig } from './validate-config';
import { captureError } from '../testing/unit-helpers';

class SampleEnv {
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: string = 'development';

  @IsInt()
  @Min(0)
  @Max(65535)
  PORT: number = 3000;

  @Transform(({ obj }: { obj: Record<string, unknown> }) => parseBooleanSetting(obj.FLAG))
  @IsBoolean({ message: 'must be true or false' })
  FLAG: boolean = false;

  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'must be at least 32 characters' })
  SECRET?: string;
}

describe('validateConfig', () => {
  it('should return the class defaults when no setting is given', () => {
    const env = validateConfig('sample', SampleEnv, {});
    expect(env).toBeInstanceOf(SampleEnv);
    expect(env).toEqual(expect.objectContaining({ NODE_ENV: 'development', PORT: 3000, FLAG: false }));
    expect(env.SECRET).toBeUndefined();
  });

  it('should return the class defaults when the settings are explicitly undefined', () => {
    const env = validateConfig('sample', SampleEnv, {
      NODE_ENV: undefined,
      PORT: undefined,
      FLAG: undefined,
    });
    expect(env).toEqual(expect.objectContaining({ NODE_ENV: 'development', PORT: 3000, FLAG: false }));
  });

  // validate-config.ts: env strings become the annotated types
  it.each`
    raw                           | key           | expected
    ${{ PORT: '4000' }}           | ${'PORT'}     | ${4000}
    ${{ PORT: '0' }}              | ${'PORT'}     | ${0}
    ${{ FLAG: 'true' }}           | ${'FLAG'}     | ${true}
    ${{ FLAG: 'false' }}          | ${'FLAG'}     | ${false}
    ${{ FLAG: '1' }}              | ${'FLAG'}     | ${true}
    ${{ FLAG: '0' }}              | ${'FLAG'}     | ${false}
    ${{ NODE_ENV: 'test' }}       | ${'NODE_ENV'} | ${'test'}
    ${{ SECRET: 's'.repeat(32) }} | ${'SECRET'}   | ${'s'.repeat(32)}
  `(
    'should set $key to $expected when the raw setting is given as a string',
    ({ raw, key, expected }: { raw: Record<string, unknown>; key: keyof SampleEnv; expected: unknown }) => {
      const env = validateConfig('sample', SampleEnv, raw);
      expect(env[key]).toBe(expected);
      expect(typeof env[key]).toBe(typeof expected);
    },
  );

  it('should drop settings no field names when the raw object has extras', () => {
    const env = validateConfig('sample', SampleEnv, { PORT: '4000', UNRELATED: 'x' });
    expect(Object.keys(env)).not.toContain('UNRELATED');
  });

  // validate-config.ts: a bad setting stops boot naming the namespace and the setting, never its value
  it.each`
    raw                                         | setting       | value
    ${{ PORT: 'abc' }}                          | ${'PORT'}     | ${'abc'}
    ${{ PORT: '70000' }}                        | ${'PORT'}     | ${'70000'}
    ${{ PORT: '40.5' }}                         | ${'PORT'}     | ${'40.5'}
    ${{ NODE_ENV: 'staging' }}                  | ${'NODE_ENV'} | ${'staging'}
    ${{ FLAG: 'yes' }}                          | ${'FLAG'}     | ${'yes'}
    ${{ SECRET: 'hunter2-is-my-short-secret' }} | ${'SECRET'}   | ${'hunter2-is-my-short-secret'}
  `(
    'should throw naming sample and $setting without its value when $setting is invalid',
    ({ raw, setting, value }: { raw: Record<string, unknown>; setting: string; value: string }) => {
      const error = captureError(() => validateConfig('sample', SampleEnv, raw));
      expect(error.message).toMatch(/^Invalid sample configuration:\n/);
      expect(error.message).toContain(`  ${setting}: `);
      expect(error.message).not.toContain(value);
    },
  );

  it('should list every bad setting on its own line when several are invalid', () => {
    const error = captureError(() => validateConfig('sample', SampleEnv, { PORT: 'abc', FLAG: 'yes' }));
    const lines = error.message.split('\n').slice(1);
    expect(lines.some((l) => l.startsWith('  PORT: '))).toBe(true);
    expect(lines.some((l) => l.startsWith('  FLAG: '))).toBe(true);
    expect(lines.every((l) => /^ {2}(PORT|FLAG): /.test(l))).toBe(true);
  });
});

describe('parseBooleanSetting', () => {
  it.each`
    value        | expected     | rule
    ${'true'}    | ${true}      | ${'the obvious spelling of true'}
    ${'1'}       | ${true}      | ${'the obvious spelling of true'}
    ${true}      | ${true}      | ${'already a boolean'}
    ${'false'}   | ${false}     | ${'the obvious spelling of false'}
    ${'0'}       | ${false}     | ${'the obvious spelling of false'}
    ${false}     | ${false}     | ${'already a boolean'}
    ${''}        | ${undefined} | ${'an empty env var is unset'}
    ${undefined} | ${undefined} | ${'unset'}
    ${'yes'}     | ${'yes'}     | ${'anything else is left for the validator to reject'}
    ${'TRUE'}    | ${'TRUE'}    | ${'only the two obvious spellings count'}
    ${'on'}      | ${'on'}      | ${'only the two obvious spellings count'}
    ${2}         | ${2}         | ${'only the two obvious spellings count'}
  `('should return $expected when the value is $value ($rule)', ({ value, expected }) => {
    expect(parseBooleanSetting(value)).toBe(expected);
  });
});
