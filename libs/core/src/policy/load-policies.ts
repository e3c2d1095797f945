import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validateSync } from 'class-validator';
import { parse } from 'yaml';
import { WorkingCalendar } from '../calendar';
import { flattenValidationErrors } from '../validation/flatten-validation-errors';
import {
  CalendarPolicySchema,
  DaTriagePolicySchema,
  DECISION_OUTCOMES,
  RagPolicySchema,
  ThresholdCatalogueSchema,
  type DecisionOutcome,
} from './policy-schema';

export interface Policies {
  calendar: CalendarPolicySchema;
  rag: RagPolicySchema;
  daTriage: DaTriagePolicySchema;
  thresholds: ThresholdCatalogueSchema;
}

export const POLICY_FILES = {
  calendar: 'calendar.yml',
  rag: 'rag-policy.yml',
  daTriage: 'da-triage-matrix.yml',
  thresholds: 'threshold-catalogue.yml',
} as const;

export class PolicyError extends Error {
  constructor(file: string, problems: string[]) {
    super(`Invalid policy file ${file}:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'PolicyError';
  }
}

function readPolicy<T extends object>(dir: string, file: string, cls: ClassConstructor<T>): T {
  const path = join(dir, file);
  let raw: unknown;
  try {
    raw = parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new PolicyError(path, [error instanceof Error ? error.message : String(error)]);
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new PolicyError(path, ['the file must hold a mapping of settings']);
  }
  const instance = plainToInstance(cls, raw);
  const errors = validateSync(instance, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length > 0) {
    throw new PolicyError(
      path,
      flattenValidationErrors(errors).map((e) => `${e.field}: ${e.message}`),
    );
  }
  return instance;
}

// rules across fields that decorators cannot say
function checkThresholds(path: string, t: ThresholdCatalogueSchema): void {
  const problems: string[] = [];
  const levels = Object.keys(t.levels);
  for (const key of [...levels, ...Object.keys(t.consistentOutcomes)]) {
    if (!['1', '2', '3', '4'].includes(key)) problems.push(`${key}: levels are 1 to 4`);
  }
  for (const level of ['1', '2', '3', '4']) {
    if (!levels.includes(level)) problems.push(`levels.${level}: level ${level} must be named`);
    const outcomes = t.consistentOutcomes[level];
    if (!Array.isArray(outcomes) || outcomes.length === 0) {
      problems.push(`consistentOutcomes.${level}: list the outcomes consistent with level ${level}`);
    } else {
      for (const outcome of outcomes) {
        if (!DECISION_OUTCOMES.includes(outcome as DecisionOutcome)) {
          problems.push(`consistentOutcomes.${level}: unknown outcome ${String(outcome)}`);
        }
      }
    }
  }
  if (problems.length) throw new PolicyError(path, problems);
}

export function loadPolicies(dir: string): Policies {
  const root = resolve(dir);
  const calendar = readPolicy(root, POLICY_FILES.calendar, CalendarPolicySchema);
  try {
    // the calendar checks what decorators cannot: a real time zone, real dates, hours in order
    new WorkingCalendar(calendar);
  } catch (error) {
    throw new PolicyError(join(root, POLICY_FILES.calendar), [error instanceof Error ? error.message : String(error)]);
  }
  const thresholds = readPolicy(root, POLICY_FILES.thresholds, ThresholdCatalogueSchema);
  checkThresholds(join(root, POLICY_FILES.thresholds), thresholds);
  return {
    calendar,
    rag: readPolicy(root, POLICY_FILES.rag, RagPolicySchema),
    daTriage: readPolicy(root, POLICY_FILES.daTriage, DaTriagePolicySchema),
    thresholds,
  };
}
