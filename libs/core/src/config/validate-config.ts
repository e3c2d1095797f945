import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validateSync } from 'class-validator';
import { flattenValidationErrors } from '../validation/flatten-validation-errors';

// a bad setting stops boot with a message naming the setting (and never its value,
// which may be a secret)
export function validateConfig<T extends object>(
  namespace: string,
  cls: ClassConstructor<T>,
  raw: Record<string, unknown>,
): T {
  const instance = plainToInstance(cls, raw, { enableImplicitConversion: true, exposeDefaultValues: true });
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
