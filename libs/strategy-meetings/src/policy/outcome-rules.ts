import type { FieldError } from '@app/core';
import { HELD_AT_SKEW_MS } from './record-checks';
import type { StrategyOutcome } from './strategy-rules';

// DOMAIN.md "After the strategy discussion": how the s47 enquiry ended
export const S47_ENQUIRY_OUTCOMES = [
  'CONCERNS_SUBSTANTIATED_ICPC',
  'CONCERNS_SUBSTANTIATED_NO_ICPC',
  'NOT_SUBSTANTIATED',
] as const;
export type S47EnquiryOutcome = (typeof S47_ENQUIRY_OUTCOMES)[number];

// CIN census categoryofabusetype (InitialCategoryOfAbuse)
export const ABUSE_CATEGORIES = ['NEG', 'PHY', 'SAB', 'EMO', 'MUL'] as const;
export type AbuseCategory = (typeof ABUSE_CATEGORIES)[number];

// the discussion outcomes that start an s47 enquiry (decision 0009)
export function startsS47(outcome: StrategyOutcome): boolean {
  return outcome === 'S47_SINGLE_AGENCY' || outcome === 'S47_JOINT';
}

// a YYYY-MM-DD date is a Saturday or a Sunday
function isWeekend(date: string): boolean {
  const day = new Date(`${date}T12:00:00Z`).getUTCDay();
  return day === 0 || day === 6;
}

export interface S47OutcomeEntry {
  concludedAt: Date;
  // the London date it concluded
  concludedDate: string;
  // CIN census S47ActualStartDate of the current record
  s47StartDate: string;
}

// decision 0023: the enquiry concludes no earlier than it started, and not in the future
export function checkS47Outcome(entry: S47OutcomeEntry, now: Date): FieldError[] {
  const errors: FieldError[] = [];
  if (entry.concludedAt.getTime() > now.getTime() + HELD_AT_SKEW_MS)
    errors.push({ field: 'concludedAt', message: 'must not be in the future' });
  else if (entry.concludedDate < entry.s47StartDate)
    errors.push({
      field: 'concludedAt',
      message: `must not be before the s47 start date (${entry.s47StartDate})`,
    });
  return errors;
}

export interface IcpcEntry {
  heldAt: Date;
  // the London date it was held (CIN census DateOfInitialCPC)
  heldDate: string;
  childProtectionPlan: boolean;
  category?: string;
  s47StartDate: string;
  // the London date the s47 enquiry concluded that an ICPC is needed
  concludedDate: string;
}

// the CIN census rules checked at entry, so the return never fails on them
export function checkIcpc(entry: IcpcEntry, now: Date): FieldError[] {
  const errors: FieldError[] = [];
  if (entry.heldAt.getTime() > now.getTime() + HELD_AT_SKEW_MS) {
    errors.push({ field: 'heldAt', message: 'must not be in the future' });
  } else if (entry.heldDate < entry.s47StartDate) {
    // CIN census 8615: the s47 start cannot be later than the initial child protection conference
    errors.push({
      field: 'heldAt',
      message: `must not be before the s47 start date (${entry.s47StartDate})`,
    });
  } else if (entry.heldDate < entry.concludedDate) {
    // decision 0023: the conference follows the enquiry's conclusion that one is needed
    errors.push({
      field: 'heldAt',
      message: `must not be before the s47 enquiry concluded (${entry.concludedDate})`,
    });
  } else if (isWeekend(entry.heldDate)) {
    // CIN census 8875: the date of the initial child protection conference cannot be a weekend
    errors.push({ field: 'heldAt', message: 'must not be on a weekend (CIN census 8875)' });
  }
  // CIN census 8905: a child protection plan has a category of abuse; without a plan there is none
  if (entry.childProtectionPlan && !entry.category)
    errors.push({ field: 'category', message: 'required when the conference made a child protection plan' });
  if (!entry.childProtectionPlan && entry.category)
    errors.push({ field: 'category', message: 'only with a child protection plan' });
  return errors;
}

// CIN census InitialCPCtarget: held on or before the target date (15 working days from the s47 start)
export function icpcHeldWithinTarget(heldDate: string, icpcDueDate: string): boolean {
  return heldDate <= icpcDueDate;
}

// decision 0023: the ICPC is awaited while the record starts an s47 enquiry, no ICPC is held and
// the enquiry has not concluded without one
export function icpcAwaited(state: {
  outcome: StrategyOutcome;
  s47Outcome?: S47EnquiryOutcome;
  icpcHeld: boolean;
}): boolean {
  if (!startsS47(state.outcome) || state.icpcHeld) return false;
  return state.s47Outcome === undefined || state.s47Outcome === 'CONCERNS_SUBSTANTIATED_ICPC';
}

// decision 0023: once the enquiry has an outcome, an amendment keeps the s47 enquiry it concluded:
// still an s47 outcome, started no later than the conclusion (and the ICPC, when held)
export function checkAmendmentAfterOutcome(
  amendment: { outcome: StrategyOutcome; s47StartDate: string | null },
  recorded: { concludedDate?: string; icpcHeldDate?: string },
): string | null {
  if (recorded.concludedDate === undefined) return null;
  if (!startsS47(amendment.outcome) || !amendment.s47StartDate)
    return 'The s47 enquiry has an outcome recorded; an amendment must keep an s47 outcome.';
  if (amendment.s47StartDate > recorded.concludedDate)
    return `The s47 enquiry concluded on ${recorded.concludedDate}; the discussion cannot be moved after it.`;
  if (recorded.icpcHeldDate !== undefined && amendment.s47StartDate > recorded.icpcHeldDate)
    return `The ICPC was held on ${recorded.icpcHeldDate}; the discussion cannot be moved after it.`;
  return null;
}

export interface ActionKey {
  id: string;
  description: string;
  ownerAgency: string;
}

const sameWords = (a: string, b: string) =>
  a.trim().replace(/\s+/g, ' ').toLowerCase() === b.trim().replace(/\s+/g, ' ').toLowerCase();

// decision 0023: an amended record's action keeps the id of the current action it names (`id`),
// or, naming none, of an unclaimed current action with the same description and owner agency;
// anything else is a new action with a new id (null here)
export function carryActionIds(
  current: readonly ActionKey[],
  incoming: readonly { id?: string; description: string; ownerAgency: string }[],
): { ids: (string | null)[]; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const claimed = new Set<string>();
  const ids: (string | null)[] = incoming.map((a, i) => {
    if (a.id === undefined) return null;
    if (!current.some((c) => c.id === a.id)) {
      errors.push({ field: `actions.${i}.id`, message: 'is not an action of the current record' });
      return null;
    }
    if (claimed.has(a.id)) {
      errors.push({ field: `actions.${i}.id`, message: 'names an action already listed' });
      return null;
    }
    claimed.add(a.id);
    return a.id;
  });
  incoming.forEach((a, i) => {
    if (a.id !== undefined) return;
    const same = current.find(
      (c) => !claimed.has(c.id) && c.ownerAgency === a.ownerAgency && sameWords(c.description, a.description),
    );
    if (same) {
      claimed.add(same.id);
      ids[i] = same.id;
    }
  });
  return { ids, errors };
}
