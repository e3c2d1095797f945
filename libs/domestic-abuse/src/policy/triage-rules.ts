import type {
  DaTriagePolicySchema,
  FieldError,
  RiskLevel,
  TimescaleSchema as Timescale,
  WorkingCalendar,
} from '@app/core';
import { normaliseName } from '@app/contacts/policy/child-match';

// DOMAIN.md DA notification triage: what the service suggests; a human always confirms
export const TRIAGE_OUTCOMES = ['INFORMATION_ONLY', 'CONTACT', 'URGENT_CONTACT'] as const;
export type TriageOutcome = (typeof TRIAGE_OUTCOMES)[number];

// the facts about a notification and the victim's history that the suggestion depends on
export interface TriageFacts {
  riskTool: 'DASH' | 'DARA';
  riskLevel: RiskLevel;
  // 0..27, only with DASH (a DARA notification's score is ignored)
  dashScore?: number;
  victimPregnant: boolean;
  weaponUsed: boolean;
  children: { present: boolean; witnessed: boolean; injured: boolean }[];
  // police notifications for the same victim in the 12 months before this incident, not counting this one
  earlierVictimNotificationsInLast12Months: number;
  // the children of this notification the front door already knows: their contacts and
  // referrals in the 12 months before the notification was received
  childrenKnownInLast12Months: KnownChild[];
  // a notification for this victim within marac.monthsSincePreviousMaracFlag months before
  // this incident ended with a MARAC flag
  earlierMaracFlagInLast12Months: boolean;
}

export interface KnownChild {
  name: string;
  contacts: number;
  referrals: number;
}

function counted(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

// "Kai Adams: 1 contact and 1 referral in the last 12 months": who, and what was found
export function knownChildReason(child: KnownChild): string {
  const found = [
    ...(child.contacts > 0 ? [counted(child.contacts, 'contact', 'contacts')] : []),
    ...(child.referrals > 0 ? [counted(child.referrals, 'referral', 'referrals')] : []),
  ];
  return `${child.name}: ${found.join(' and ')} in the last 12 months`;
}

export interface TriageSuggestion {
  outcome: TriageOutcome;
  marac: boolean;
  // why this outcome, in words a social worker and a police integrator both read
  reasons: string[];
  // why MARAC is flagged ([] when not)
  maracReasons: string[];
}

// the screener's triage (API.md POST /api/da-notifications/:id/triage)
export interface TriageDecisionInput {
  outcome: TriageOutcome;
  rationale?: string;
  marac?: boolean;
}

// DASH has 27 questions, each ticked or not
const DASH_MAX_SCORE = 27;
// an override is what a manager and the police read first, so a word or two is not enough
const TRIAGE_RATIONALE_MIN_LENGTH = 10;

// the notification being triaged counts towards the "in 12 months" totals
function totalInLast12Months(facts: TriageFacts): number {
  const earlier = facts.earlierVictimNotificationsInLast12Months;
  // a miscounted history must fail loudly, never quietly hide a pattern of incidents
  if (!Number.isInteger(earlier) || earlier < 0) {
    throw new Error(`earlierVictimNotificationsInLast12Months must be a whole number >= 0, got ${earlier}`);
  }
  return earlier + 1;
}

// the DASH score the rules may use: none with DARA (the DTO refuses it, but the rule must not rely on that)
function usableDashScore(facts: TriageFacts): number | undefined {
  if (facts.riskTool !== 'DASH') return undefined;
  const score = facts.dashScore;
  // the api may send null for a score it leaves out
  if (score === undefined || score === null) return undefined;
  if (!Number.isInteger(score) || score < 0 || score > DASH_MAX_SCORE) {
    throw new Error(`dashScore must be a whole number from 0 to ${DASH_MAX_SCORE}, got ${score}`);
  }
  return score;
}

function dashReason(score: number, atLeast: number): string {
  return `DASH score ${score} (${atLeast} or more)`;
}

// DOMAIN.md DA notification triage: URGENT_CONTACT, then CONTACT, else INFORMATION_ONLY (first
// match wins); the reasons are every rule of the winning level that matched, in matrix order,
// and MARAC (SafeLives) is judged on its own criteria whatever the outcome
export function suggestTriage(facts: TriageFacts, matrix: DaTriagePolicySchema): TriageSuggestion {
  const total = totalInLast12Months(facts);
  const score = usableDashScore(facts);
  const children = facts.children ?? [];
  const { urgentContact: urgent, contact, marac } = matrix;

  const urgentReasons: string[] = [];
  if (urgent.riskLevels.includes(facts.riskLevel)) urgentReasons.push(`risk level ${facts.riskLevel}`);
  if (score !== undefined && score >= urgent.dashScoreAtLeast) {
    urgentReasons.push(dashReason(score, urgent.dashScoreAtLeast));
  }
  if (urgent.anyChildInjured && children.some((child) => child.injured)) {
    urgentReasons.push('a child was injured');
  }
  // a child who witnessed or was injured was there, whatever the present box says
  const anyChildPresent = children.some((child) => child.present || child.witnessed || child.injured);
  if (urgent.weaponUsedWithChildPresent && facts.weaponUsed && anyChildPresent) {
    urgentReasons.push('a weapon was used with a child present');
  }

  const contactReasons: string[] = [];
  if (contact.riskLevels.includes(facts.riskLevel)) contactReasons.push(`risk level ${facts.riskLevel}`);
  if (score !== undefined && score >= contact.dashScoreAtLeast) {
    contactReasons.push(dashReason(score, contact.dashScoreAtLeast));
  }
  if (contact.anyChildWitnessed && children.some((child) => child.witnessed)) {
    contactReasons.push('a child witnessed the incident');
  }
  if (contact.victimPregnant && facts.victimPregnant) contactReasons.push('the victim is pregnant');
  if (total >= contact.victimNotificationsInLast12MonthsAtLeast) {
    contactReasons.push(`${total} notifications for this victim in 12 months`);
  }
  if (contact.childContactOrReferralInLast12Months) {
    for (const known of facts.childrenKnownInLast12Months ?? []) {
      if (known.contacts + known.referrals > 0) contactReasons.push(knownChildReason(known));
    }
  }

  const maracReasons: string[] = [];
  if (score !== undefined && score >= marac.dashScoreAtLeast) {
    maracReasons.push(dashReason(score, marac.dashScoreAtLeast));
  }
  if (marac.riskLevels.includes(facts.riskLevel)) maracReasons.push(`risk level ${facts.riskLevel}`);
  if (total >= marac.policeIncidentsInLast12MonthsAtLeast) {
    maracReasons.push(
      `${total} police-reported incidents for this victim in 12 months (potential escalation)`,
    );
  }
  if (facts.earlierMaracFlagInLast12Months) {
    maracReasons.push(
      `an incident within ${marac.monthsSincePreviousMaracFlag} months of a previous MARAC flag`,
    );
  }
  const maracPart = { marac: maracReasons.length > 0, maracReasons };

  if (urgentReasons.length > 0) return { outcome: 'URGENT_CONTACT', reasons: urgentReasons, ...maracPart };
  if (contactReasons.length > 0) return { outcome: 'CONTACT', reasons: contactReasons, ...maracPart };
  return {
    outcome: 'INFORMATION_ONLY',
    // true whatever the council puts in its matrix
    reasons: [`risk level ${facts.riskLevel} and no criterion for a contact met`],
    ...maracPart,
  };
}

// DOMAIN.md DA notification triage: 4 hours elapsed when the suggestion is URGENT_CONTACT,
// else 1 working day by default; the timescales come from config/da-triage-matrix.yml
export function triageDueAt(
  receivedAt: Date,
  suggestion: TriageOutcome,
  calendar: WorkingCalendar,
  matrix: DaTriagePolicySchema,
): Date {
  return calendar.deadline(receivedAt, triageTimescale(suggestion, matrix));
}

// how soon a notification so suggested is due for triage
export function triageTimescale(suggestion: TriageOutcome, matrix: DaTriagePolicySchema): Timescale {
  return suggestion === 'URGENT_CONTACT' ? matrix.triageDue.URGENT_CONTACT : matrix.triageDue.otherwise;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

// a real calendar date YYYY-MM-DD, so 2026-02-30 is refused, not rolled over to March
function assertRealDate(value: string, field: string): void {
  const match = typeof value === 'string' ? ISO_DATE.exec(value) : null;
  const [year, month, day] = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [0, 0, 0];
  const real = new Date(Date.UTC(year, month - 1, day));
  if (
    !match ||
    real.getUTCFullYear() !== year ||
    real.getUTCMonth() !== month - 1 ||
    real.getUTCDate() !== day
  ) {
    throw new Error(`${field} must be a real date YYYY-MM-DD, got ${JSON.stringify(value)}`);
  }
}

// whole years on a date; compared as month-day strings, so a 29 February birthday is reached
// on 1 March in a common year (the usual reading of an age in England and Wales)
export function ageOn(dateOfBirth: string, onDate: string): number {
  assertRealDate(dateOfBirth, 'dateOfBirth');
  assertRealDate(onDate, 'onDate');
  // a child born after the incident is a data error, not an age of -1
  if (dateOfBirth > onDate) {
    throw new Error(`dateOfBirth ${dateOfBirth} is after ${onDate}`);
  }
  const years = Number(onDate.slice(0, 4)) - Number(dateOfBirth.slice(0, 4));
  return onDate.slice(5) < dateOfBirth.slice(5) ? years - 1 : years;
}

// Operation Encompass (Victims and Prisoners Act 2024): the school is told for every child of
// school age on the incident's London date, or with a school named, whatever the triage outcome
export function needsEncompass(
  child: { dateOfBirth: string; school?: string | null },
  incidentDate: string,
  matrix: DaTriagePolicySchema,
): boolean {
  // a named school is told even for a child outside the ages (a nursery class, a sixth former of 18)
  if (typeof child.school === 'string' && child.school.trim().length > 0) return true;
  const age = ageOn(child.dateOfBirth, incidentDate);
  return age >= matrix.encompass.schoolAgeFrom && age <= matrix.encompass.schoolAgeTo;
}

// characters as a person counts them (an emoji is one), after the padding a form adds
function trimmedLength(value: string | undefined): number {
  return typeof value === 'string' ? Array.from(value.trim()).length : 0;
}

// DOMAIN.md DA notification triage: overriding the suggestion needs a rationale; MARAC may be
// raised by judgement, never lowered below the rule's result. every problem at once, in the
// order of the request body
export function checkTriage(input: TriageDecisionInput, suggestion: TriageSuggestion): FieldError[] {
  const errors: FieldError[] = [];

  if (input.outcome !== suggestion.outcome) {
    const why = `the outcome differs from the suggested ${suggestion.outcome}`;
    const length = trimmedLength(input.rationale);
    if (length === 0) {
      errors.push({ field: 'rationale', message: `required: ${why}` });
    } else if (length < TRIAGE_RATIONALE_MIN_LENGTH) {
      errors.push({
        field: 'rationale',
        message: `must be at least ${TRIAGE_RATIONALE_MIN_LENGTH} characters: ${why}`,
      });
    }
  }
  // a rationale on the suggested outcome is welcome, so it is not an error

  if (suggestion.marac && input.marac === false) {
    errors.push({
      field: 'marac',
      message: `cannot be lowered: the MARAC criteria are met (${suggestion.maracReasons.join('; ')})`,
    });
  }

  return errors;
}

// SafeLives: the final flag is the rule's result, raised by judgement, never lowered
export function finalMarac(input: TriageDecisionInput, suggestion: TriageSuggestion): boolean {
  return suggestion.marac || input.marac === true;
}

// DOMAIN.md: the triage queue rates an URGENT_CONTACT suggestion RED, anything else AMBER; the
// contacts a triage makes are rated the same way from the screener's outcome
export function ragForTriage(outcome: TriageOutcome): 'RED' | 'AMBER' {
  return outcome === 'URGENT_CONTACT' ? 'RED' : 'AMBER';
}

// the same victim across notifications (DOMAIN.md: "3+ notifications for the same victim in
// 12 months"): names, case and spaces ignored, and date of birth
export function victimKey(victim: { firstName: string; lastName: string; dateOfBirth?: string }): string {
  return `${normaliseName(victim.firstName)}|${normaliseName(victim.lastName)}|${victim.dateOfBirth ?? ''}`;
}

// one criterion of the matrix as config/da-triage-matrix.yml writes it and as a person reads it
export interface MatrixCriterion {
  // the setting, e.g. "urgentContact.dashScoreAtLeast", and its value as the file has it
  setting: string;
  value: string;
  text: string;
}

export interface MatrixRow {
  outcome: TriageOutcome;
  criteria: MatrixCriterion[];
}

function criterion(setting: string, value: unknown, text: string): MatrixCriterion {
  return { setting, value: Array.isArray(value) ? `[${value.join(', ')}]` : String(value), text };
}

// the transparent matrix (issue 16): the rows suggestTriage applies, first match wins, each
// criterion that is switched on with its words; a criterion switched off (false, no levels) is
// left out because it cannot fire. MARAC is judged on its own criteria.
export function matrixRows(matrix: DaTriagePolicySchema): { rows: MatrixRow[]; marac: MatrixCriterion[] } {
  const { urgentContact: urgent, contact, marac } = matrix;
  const levels = (row: string, risk: RiskLevel[]) =>
    risk.length > 0 ? [criterion(`${row}.riskLevels`, risk, `risk level ${risk.join(' or ')}`)] : [];
  const dash = (row: string, atLeast: number) =>
    criterion(`${row}.dashScoreAtLeast`, atLeast, `DASH score ${atLeast} or more (DASH only)`);
  const on = (row: string, key: string, value: boolean, text: string) =>
    value ? [criterion(`${row}.${key}`, value, text)] : [];
  return {
    rows: [
      {
        outcome: 'URGENT_CONTACT',
        criteria: [
          ...levels('urgentContact', urgent.riskLevels),
          dash('urgentContact', urgent.dashScoreAtLeast),
          ...on('urgentContact', 'anyChildInjured', urgent.anyChildInjured, 'a child was injured'),
          ...on(
            'urgentContact',
            'weaponUsedWithChildPresent',
            urgent.weaponUsedWithChildPresent,
            'a weapon was used with a child present',
          ),
        ],
      },
      {
        outcome: 'CONTACT',
        criteria: [
          ...levels('contact', contact.riskLevels),
          dash('contact', contact.dashScoreAtLeast),
          ...on('contact', 'anyChildWitnessed', contact.anyChildWitnessed, 'a child witnessed the incident'),
          ...on('contact', 'victimPregnant', contact.victimPregnant, 'the victim is pregnant'),
          criterion(
            'contact.victimNotificationsInLast12MonthsAtLeast',
            contact.victimNotificationsInLast12MonthsAtLeast,
            `${contact.victimNotificationsInLast12MonthsAtLeast} or more notifications for this victim in 12 months, counting this one`,
          ),
          ...on(
            'contact',
            'childContactOrReferralInLast12Months',
            contact.childContactOrReferralInLast12Months,
            'a child had a contact or referral in the last 12 months',
          ),
        ],
      },
      { outcome: 'INFORMATION_ONLY', criteria: [] },
    ],
    marac: [
      ...levels('marac', marac.riskLevels),
      dash('marac', marac.dashScoreAtLeast),
      criterion(
        'marac.policeIncidentsInLast12MonthsAtLeast',
        marac.policeIncidentsInLast12MonthsAtLeast,
        `${marac.policeIncidentsInLast12MonthsAtLeast} or more police-reported incidents for this victim in 12 months, counting this one (potential escalation)`,
      ),
      criterion(
        'marac.monthsSincePreviousMaracFlag',
        marac.monthsSincePreviousMaracFlag,
        `an incident within ${marac.monthsSincePreviousMaracFlag} months of a previous MARAC flag`,
      ),
    ],
  };
}
