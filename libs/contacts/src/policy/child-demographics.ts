// CIN census 2025-26 disability codes (shared/reference/cin_census/cin_census_codelists.json,
// disabilitytype); NONE ("No disability") stands alone
export const DISABILITY_CODES = [
  'NONE',
  'MOB',
  'HAND',
  'PC',
  'INC',
  'COMM',
  'LD',
  'HEAR',
  'VIS',
  'BEH',
  'CON',
  'AUT',
  'DDA',
] as const;
export const NO_DISABILITY = 'NONE';

// a reason for a change to a child's record: at least this many characters after trim
export const CHANGE_REASON_MIN = 5;

// what is wrong with a list of disability codes, or null: each a CIN census code, once, and
// NONE only on its own
export function disabilitiesProblem(value: unknown): string | null {
  if (!Array.isArray(value)) return 'must be a list of CIN census disability codes';
  const unknown = value.filter((v) => !(DISABILITY_CODES as readonly unknown[]).includes(v));
  if (unknown.length > 0) return `must be CIN census disability codes (${DISABILITY_CODES.join(', ')})`;
  if (new Set(value).size !== value.length) return 'must not repeat a code';
  if (value.includes(NO_DISABILITY) && value.length > 1) return 'NONE (no disability) stands alone';
  return null;
}

// the fields PATCH /api/children/:id may change (decision 0027): who the child is and the
// demographics the returns need. Not the NHS number, date of birth or expected date of birth
// (they decide which record a contact matches: a wrong one is a merge, issue 17 item 4).
export const EDITABLE_CHILD_FIELDS = [
  'firstName',
  'lastName',
  'sex',
  'ethnicity',
  'disabilities',
  'upn',
  'firstLanguage',
  'interpreterNeeded',
  'openToSocialCareSince',
  'caseSystemId',
  'address',
  'postcode',
  'school',
] as const;
export type EditableChildField = (typeof EDITABLE_CHILD_FIELDS)[number];
export type ChildFieldValue = string | boolean | string[] | null;
export type ChildFields = Record<EditableChildField, ChildFieldValue>;

export interface FieldChange {
  field: EditableChildField;
  before: ChildFieldValue;
  after: ChildFieldValue;
}

const same = (a: ChildFieldValue, b: ChildFieldValue): boolean =>
  Array.isArray(a) && Array.isArray(b)
    ? a.length === b.length && [...a].sort().every((v, i) => v === [...b].sort()[i])
    : a === b;

// the changes a request makes: the fields it names whose value differs from the record's, in
// EDITABLE_CHILD_FIELDS order. An empty list is a request that changes nothing (a 400).
export function childChanges(current: ChildFields, requested: Partial<ChildFields>): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of EDITABLE_CHILD_FIELDS) {
    if (!(field in requested) || requested[field] === undefined) continue;
    const after = requested[field] as ChildFieldValue;
    if (!same(current[field], after)) changes.push({ field, before: current[field], after });
  }
  return changes;
}

// what is wrong with the date a child's case is open to children's social care from, or null:
// the case system's past, not a date to come (`today`: the front door's local date)
export function openToSocialCareProblem(value: ChildFieldValue | undefined, today: string): string | null {
  if (typeof value === 'string' && value > today) return 'must not be a date to come';
  return null;
}

// a name change shows on the open queues (the screening and authorisation queues name the child)
export function changesName(changes: FieldChange[]): boolean {
  return changes.some((c) => c.field === 'firstName' || c.field === 'lastName');
}
