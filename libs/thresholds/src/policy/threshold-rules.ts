import type { DecisionOutcome, FieldError, RagRating, ThresholdCatalogueSchema } from '@app/core';

// CIN census 2025-26 (shared/reference/cin_census/cin_census_codelists.json): the codes the
// DfE return accepts, so a decision never holds a code the census would reject
export const PRIMARY_NEED_CODES = ['N0', 'N1', 'N2', 'N3', 'N4', 'N5', 'N6', 'N7', 'N8', 'N9'] as const;
export type PrimaryNeedCode = (typeof PRIMARY_NEED_CODES)[number];

export const ASSESSMENT_FACTOR_CODES = [
  '1A',
  '1B',
  '1C',
  '2A',
  '2B',
  '2C',
  '3A',
  '3B',
  '3C',
  '4A',
  '4B',
  '4C',
  '5A',
  '5B',
  '5C',
  '6A',
  '6B',
  '6C',
  '7A',
  '8B',
  '8C',
  '8D',
  '8E',
  '8F',
  '9A',
  '10A',
  '11A',
  '12A',
  '13A',
  '14A',
  '15A',
  '16A',
  '17A',
  '18A',
  '18B',
  '18C',
  '19A',
  '19B',
  '19C',
  '20',
  '21',
  '22A',
  '23A',
  '24A',
] as const;
export type AssessmentFactorCode = (typeof ASSESSMENT_FACTOR_CODES)[number];

// CIN census rule 8869: '21' means "no factors identified", so it cannot sit beside another
export const NO_FACTORS_IDENTIFIED = '21';

// an override is what a manager reads first, so a word or two is not enough
export const OVERRIDE_REASON_MIN_LENGTH = 10;

export interface DecisionInput {
  // 1..4 (the DTO has checked it is an integer in range)
  level: number;
  outcome: DecisionOutcome;
  rationale: string;
  primaryNeedCode?: string;
  factors?: string[];
  overrideReason?: string;
}

export interface AuthorisationFacts {
  rag: RagRating;
  outcome: DecisionOutcome;
  // the level/outcome pair is not a consistent one
  overridden: boolean;
  // the child's earlier contacts in the 12 months before this one
  priorContactsInLast12Months: number;
}

export const AUTHORISATION_REASON_CODES = ['RED_CONTACT_CLOSED', 'OVERRIDE', 'REPEAT_CONTACTS'] as const;

export interface AuthorisationReason {
  code: (typeof AUTHORISATION_REASON_CODES)[number];
  text: string;
}

// what a referring partner is told (no detail of child protection enquiries)
export const REFERRER_OUTCOMES = [
  'NO_FURTHER_ACTION',
  'INFORMATION_AND_ADVICE',
  'EARLY_HELP',
  'SOCIAL_CARE',
] as const;
export type ReferrerOutcome = (typeof REFERRER_OUTCOMES)[number];

// characters as a person counts them (an emoji is one), after the padding a form adds
function trimmedLength(value: string | undefined): number {
  return typeof value === 'string' ? Array.from(value.trim()).length : 0;
}

// DOMAIN.md Threshold decisions: the pairs come from config/threshold-catalogue.yml
export function isConsistentPair(
  level: number,
  outcome: DecisionOutcome,
  catalogue: ThresholdCatalogueSchema,
): boolean {
  const outcomes = catalogue.consistentOutcomes[String(level)];
  return Array.isArray(outcomes) && outcomes.includes(outcome);
}

// DfE CIN census: these outcomes turn the contact into a referral
export function makesReferral(outcome: DecisionOutcome, catalogue: ThresholdCatalogueSchema): boolean {
  return catalogue.referralOutcomes.includes(outcome);
}

// DOMAIN.md Threshold decisions: the rules across fields a DTO cannot say; every problem is
// returned at once, in the order of the request body, so the screener fixes them in one go
export function checkDecision(input: DecisionInput, catalogue: ThresholdCatalogueSchema): FieldError[] {
  const errors: FieldError[] = [];

  if (trimmedLength(input.rationale) < catalogue.rationaleMinLength) {
    errors.push({
      field: 'rationale',
      message: `must be at least ${catalogue.rationaleMinLength} characters`,
    });
  }

  const need = input.primaryNeedCode;
  if (need === undefined || need === null) {
    if (makesReferral(input.outcome, catalogue)) {
      errors.push({
        field: 'primaryNeedCode',
        message: `required when the outcome is ${input.outcome} (a referral)`,
      });
    }
  } else if (!(PRIMARY_NEED_CODES as readonly string[]).includes(need)) {
    errors.push({ field: 'primaryNeedCode', message: 'must be a CIN primary need code, N0 to N9' });
  }

  errors.push(...checkFactors(input.factors));

  if (!isConsistentPair(input.level, input.outcome, catalogue)) {
    const pair = `level ${input.level} with ${input.outcome} is not a usual pair`;
    const length = trimmedLength(input.overrideReason);
    if (length === 0) {
      errors.push({ field: 'overrideReason', message: `required: ${pair}` });
    } else if (length < OVERRIDE_REASON_MIN_LENGTH) {
      errors.push({
        field: 'overrideReason',
        message: `must be at least ${OVERRIDE_REASON_MIN_LENGTH} characters: ${pair}`,
      });
    }
  }
  // a reason on a usual pair is harmless, so it is not an error

  return errors;
}

// CIN census rules 8869 ('21' alone) and 8898 (no code twice)
function checkFactors(factors: string[] | undefined): FieldError[] {
  if (factors === undefined || factors === null) return [];
  const errors: FieldError[] = [];
  const unknown = [
    ...new Set(factors.filter((code) => !(ASSESSMENT_FACTOR_CODES as readonly string[]).includes(code))),
  ];
  if (unknown.length > 0) {
    errors.push({ field: 'factors', message: `not CIN assessment factor codes: ${unknown.join(', ')}` });
  }
  const repeated = [...new Set(factors.filter((code, index) => factors.indexOf(code) !== index))];
  if (repeated.length > 0) {
    errors.push({
      field: 'factors',
      message: `each code once; listed more than once: ${repeated.join(', ')}`,
    });
  }
  const distinct = new Set(factors);
  if (distinct.has(NO_FACTORS_IDENTIFIED) && distinct.size > 1) {
    errors.push({
      field: 'factors',
      message: '21 (no factors identified) cannot be used with other factors',
    });
  }
  return errors;
}

// DOMAIN.md Threshold decisions: manager authorisation; every reason that applies, so the
// manager sees all of them, in a fixed order (red contact, override, repeat contacts)
export function authorisationReasons(
  facts: AuthorisationFacts,
  catalogue: ThresholdCatalogueSchema,
): AuthorisationReason[] {
  const prior = facts.priorContactsInLast12Months;
  // a miscounted history must fail loudly, never quietly skip the manager
  if (!Number.isInteger(prior) || prior < 0) {
    throw new Error(`priorContactsInLast12Months must be a whole number >= 0, got ${prior}`);
  }
  const rule = catalogue.authorisation;
  const reasons: AuthorisationReason[] = [];
  if (facts.rag === 'RED' && rule.redContactOutcomes.includes(facts.outcome)) {
    reasons.push({ code: 'RED_CONTACT_CLOSED', text: `a RED contact closed with ${facts.outcome}` });
  }
  if (facts.overridden && rule.whenOverridden) {
    reasons.push({ code: 'OVERRIDE', text: 'the level and outcome are not a usual pair' });
  }
  if (prior >= rule.priorContactsInLast12MonthsAtLeast) {
    reasons.push({
      code: 'REPEAT_CONTACTS',
      text: `${prior} earlier ${prior === 1 ? 'contact' : 'contacts'} about this child in 12 months`,
    });
  }
  return reasons;
}

// a Record, so a new outcome fails to compile until someone decides what partners are told
const TOLD_TO_REFERRER: Record<DecisionOutcome, ReferrerOutcome> = {
  NFA: 'NO_FURTHER_ACTION',
  INFORMATION_AND_ADVICE: 'INFORMATION_AND_ADVICE',
  EARLY_HELP: 'EARLY_HELP',
  // a strategy discussion is not disclosed to the referrer: both read as social care
  SOCIAL_CARE_ASSESSMENT: 'SOCIAL_CARE',
  STRATEGY_DISCUSSION: 'SOCIAL_CARE',
};

export function referrerOutcome(outcome: DecisionOutcome): ReferrerOutcome {
  return TOLD_TO_REFERRER[outcome];
}
