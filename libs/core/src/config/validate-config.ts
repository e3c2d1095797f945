// decorators below read and write design-time metadata, whoever imports this first
import 'reflect-metadata';
import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validateSync } from 'class-validator';
import { flattenValidationErrors } from '../validation/flatten-validation-errors';

// a bad setting stops boot with a message naming the setting (and never its value,
// which may be a secret)
// the named settings from the environment, trimmed; blank counts as unset
export function readEnv(names: readonly string[]): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const name of names) {
    const value = process.env[name]?.trim();
    out[name] = value ? value : undefined;
  }
  return out;
}

const DECIMAL = /^-?\d+(\.\d+)?$/;

export function validateConfig<T extends object>(
  namespace: string,
  cls: ClassConstructor<T>,
  raw: Record<string, unknown>,
): T {
  // Number() would read '0x10' as 16 and ' ' as 0: numeric settings must be plain decimals
  const checked = Object.fromEntries(
    Object.entries(raw).map(([key, value]) =>
      Reflect.getMetadata('design:type', cls.prototype, key) === Number &&
      typeof value === 'string' &&
      !DECIMAL.test(value)
        ? [key, Number.NaN]
        : [key, value],
    ),
  );
  const instance = plainToInstance(cls, checked, {
    enableImplicitConversion: true,
    exposeDefaultValues: true,
  });
  const errors = validateSync(instance, { skipMissingProperties: false, whitelist: true });
  if (errors.length > 0) {
    const lines = flattenValidationErrors(errors).map((e) => `  ${e.field}: ${e.message}`);
    throw new Error(`Invalid ${namespace} configuration:\n${lines.join('\n')}`);
  }
  return instance;
}

// env booleans: only the two obvious spellings count; anything else is a mistake worth stopping for
export function parseBooleanSetting(value: unknown): unknown {
  if (value === undefined || value === '') return undefined;
  if (value === true || value === 'true' || value === '1') return true;
  if (value === false || value === 'false' || value === '0') return false;
  return value;
}
