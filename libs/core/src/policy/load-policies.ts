import { existsSync, readFileSync } from 'node:fs';
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
  InformationSharingPolicySchema,
  QualityPolicySchema,
  RAG_RATINGS,
  RagPolicySchema,
  ReturnsPolicySchema,
  ThresholdCatalogueSchema,
  TimelinessPolicySchema,
  TimescaleSchema,
  type DecisionOutcome,
  type LevelGuidance,
} from './policy-schema';

export interface Policies {
  calendar: CalendarPolicySchema;
  // dueSoonFraction here is timeliness.dueSoonFraction, kept for the readers not yet on the
  // TimelinessClock (the live layer's timed queues and metrics): read TimelinessClock instead
  rag: RagPolicySchema & { readonly dueSoonFraction: number };
  daTriage: DaTriagePolicySchema;
  thresholds: ThresholdCatalogueSchema;
  timeliness: TimelinessPolicySchema;
  informationSharing: InformationSharingPolicySchema;
  returns: ReturnsPolicySchema;
  quality: QualityPolicySchema;
}

export const POLICY_FILES = {
  calendar: 'calendar.yml',
  rag: 'rag-policy.yml',
  daTriage: 'da-triage-matrix.yml',
  thresholds: 'threshold-catalogue.yml',
  timeliness: 'timeliness.yml',
  informationSharing: 'information-sharing.yml',
  returns: 'returns.yml',
  quality: 'quality.yml',
} as const;

export class PolicyError extends Error {
  constructor(file: string, problems: string[]) {
    super(`Invalid policy file ${file}:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'PolicyError';
  }
}

function readMapping(path: string): Record<string, unknown> {
  let raw: unknown;
  try {
    raw = parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new PolicyError(path, [error instanceof Error ? error.message : String(error)]);
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new PolicyError(path, ['the file must hold a mapping of settings']);
  }
  return raw as Record<string, unknown>;
}

function readPolicy<T extends object>(dir: string, file: string, cls: ClassConstructor<T>): T {
  return validatePolicy(join(dir, file), readMapping(join(dir, file)), cls);
}

function validatePolicy<T extends object>(
  path: string,
  raw: Record<string, unknown>,
  cls: ClassConstructor<T>,
): T {
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
  for (const key of [...levels, ...Object.keys(t.consistentOutcomes), ...Object.keys(t.guidance)]) {
    if (!['1', '2', '3', '4'].includes(key)) problems.push(`${key}: levels are 1 to 4`);
  }
  for (const level of ['1', '2', '3', '4']) {
    if (!levels.includes(level)) problems.push(`levels.${level}: level ${level} must be named`);
    const guidance = t.guidance[level] as Partial<LevelGuidance> | undefined;
    if (typeof guidance?.means !== 'string' || guidance.means.trim() === '') {
      problems.push(`guidance.${level}.means: say what level ${level} means`);
    }
    if (
      !Array.isArray(guidance?.examples) ||
      guidance.examples.length === 0 ||
      guidance.examples.some((example) => typeof example !== 'string' || example.trim() === '')
    ) {
      problems.push(`guidance.${level}.examples: give at least one example of level ${level}, as text`);
    }
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

// each override a mapping of ratings to timescales (which kinds of agency there are is the
// information-sharing module's to check: core knows no agency)
function checkInformationSharing(path: string, policy: InformationSharingPolicySchema): void {
  const problems: string[] = [];
  for (const [kind, overrides] of Object.entries(policy.byAgencyKind ?? {})) {
    if (overrides === null || typeof overrides !== 'object' || Array.isArray(overrides)) {
      problems.push(`byAgencyKind.${kind}: give ratings (RED, AMBER, GREEN) and their timescales`);
      continue;
    }
    for (const [rating, timescale] of Object.entries(overrides)) {
      if (!(RAG_RATINGS as readonly string[]).includes(rating)) {
        problems.push(`byAgencyKind.${kind}.${rating}: ratings are RED, AMBER and GREEN`);
        continue;
      }
      const instance = plainToInstance(TimescaleSchema, timescale);
      const errors =
        timescale !== null && typeof timescale === 'object'
          ? validateSync(instance, { whitelist: true, forbidNonWhitelisted: true })
          : [];
      if (timescale === null || typeof timescale !== 'object')
        problems.push(`byAgencyKind.${kind}.${rating}: give { kind, amount }`);
      for (const e of flattenValidationErrors(errors))
        problems.push(`byAgencyKind.${kind}.${rating}.${e.field}: ${e.message}`);
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
    throw new PolicyError(join(root, POLICY_FILES.calendar), [
      error instanceof Error ? error.message : String(error),
    ]);
  }
  const thresholds = readPolicy(root, POLICY_FILES.thresholds, ThresholdCatalogueSchema);
  checkThresholds(join(root, POLICY_FILES.thresholds), thresholds);
  const { rag, timeliness } = readRagAndTimeliness(root);
  const informationSharing = readPolicy(
    root,
    POLICY_FILES.informationSharing,
    InformationSharingPolicySchema,
  );
  checkInformationSharing(join(root, POLICY_FILES.informationSharing), informationSharing);
  return {
    calendar,
    rag: Object.assign(rag, { dueSoonFraction: timeliness.dueSoonFraction }),
    daTriage: readPolicy(root, POLICY_FILES.daTriage, DaTriagePolicySchema),
    thresholds,
    timeliness,
    informationSharing,
    returns: readPolicy(root, POLICY_FILES.returns, ReturnsPolicySchema),
    quality: readPolicy(root, POLICY_FILES.quality, QualityPolicySchema),
  };
}

// dueSoonFraction moved from rag-policy.yml to timeliness.yml. A council's folder from before
// (rag-policy.yml sets it, no timeliness.yml) keeps working; with both files setting it, which
// one counts would be a guess, so the service refuses to start and says which to remove.
function readRagAndTimeliness(root: string): { rag: RagPolicySchema; timeliness: TimelinessPolicySchema } {
  const ragPath = join(root, POLICY_FILES.rag);
  const timelinessPath = join(root, POLICY_FILES.timeliness);
  const { dueSoonFraction: legacy, ...ragRaw } = readMapping(ragPath);
  const rag = validatePolicy(ragPath, ragRaw, RagPolicySchema);
  if (legacy === undefined)
    return { rag, timeliness: readPolicy(root, POLICY_FILES.timeliness, TimelinessPolicySchema) };
  if (existsSync(timelinessPath)) {
    throw new PolicyError(ragPath, [
      `dueSoonFraction: now set in ${POLICY_FILES.timeliness} (${timelinessPath}); move your value there and remove it from ${POLICY_FILES.rag}`,
    ]);
  }
  return { rag, timeliness: validatePolicy(ragPath, { dueSoonFraction: legacy }, TimelinessPolicySchema) };
}
