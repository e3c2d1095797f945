import type { Schema } from '../api-client';
import { dateOnly } from '../ui';

type Update = Schema<'UpdateChildDto'>;
export type ChildField = Schema<'ChildChangeDto'>['field'];
export type FieldValue = Schema<'ChildChangeDto'>['before'] | undefined;

// the API's reason rule for a correction (libs/contacts policy/child-demographics.ts,
// CHANGE_REASON_MIN): checked here only to save a round trip
export const CHANGE_REASON_MIN = 5;
export const CHANGE_REASON_MAX = 2000;

// CIN census 2025-26 ethnicity codes in the census's own words
// (shared/reference/cin_census/cin_census_codelists.json, ethnicitytype): typed against the
// api's list, so a code it adds and this lacks fails the build
export const ETHNICITY_WORDS: Record<NonNullable<Update['ethnicity']>, string> = {
  WBRI: 'White British',
  WIRI: 'White Irish',
  WIRT: 'Traveller of Irish heritage',
  WOTH: 'Any other White background',
  WROM: 'Gypsy/Roma',
  MWBC: 'White and Black Caribbean',
  MWBA: 'White and Black African',
  MWAS: 'White and Asian',
  MOTH: 'Any other mixed background',
  AIND: 'Indian',
  APKN: 'Pakistani',
  ABAN: 'Bangladeshi',
  AOTH: 'Any other Asian background',
  BCRB: 'Caribbean',
  BAFR: 'African',
  BOTH: 'Any other Black background',
  CHNE: 'Chinese',
  OOTH: 'Any other ethnic group',
  REFU: 'Refused',
  NOBT: 'Information not yet obtained',
};

// CIN census 2025-26 disability codes (the same file, disabilitytype); NONE stands alone
export const NO_DISABILITY = 'NONE';
export const DISABILITY_WORDS: Record<NonNullable<Update['disabilities']>[number], string> = {
  NONE: 'No disability',
  MOB: 'Mobility',
  HAND: 'Hand function',
  PC: 'Personal care',
  INC: 'Incontinence',
  COMM: 'Communication',
  LD: 'Learning',
  HEAR: 'Hearing',
  VIS: 'Vision',
  BEH: 'Behaviour',
  CON: 'Consciousness',
  AUT: 'Autism',
  DDA: 'Other',
};

export const SEX_WORDS: Record<NonNullable<Update['sex']>, string> = {
  M: 'Male',
  F: 'Female',
  U: 'Not known',
};

// every field a correction may change, in words, in the order the form asks them
export const FIELD_WORDS: Record<ChildField, string> = {
  firstName: 'First name',
  lastName: 'Last name',
  sex: 'Sex',
  ethnicity: 'Ethnicity',
  disabilities: 'Disabilities',
  upn: 'Unique pupil number (UPN)',
  firstLanguage: 'First language',
  interpreterNeeded: 'Interpreter needed',
  openToSocialCareSince: 'Open to children’s social care since',
  caseSystemId: 'Case system ID',
  address: 'Address',
  postcode: 'Postcode',
  school: 'School',
};
export const CHILD_FIELDS = Object.keys(FIELD_WORDS) as ChildField[];

// "first name, disabilities" (for a sentence)
export const fieldsInWords = (fields: readonly string[]) =>
  fields
    .map((f) => FIELD_WORDS[f as ChildField] ?? f)
    .map((w) => (w.startsWith('Unique') ? 'UPN' : w.charAt(0).toLowerCase() + w.slice(1)))
    .join(', ');

export const ethnicityWords = (code: string | undefined) =>
  code ? (ETHNICITY_WORDS[code as keyof typeof ETHNICITY_WORDS] ?? code) : undefined;

// absent and [] are "not known"; NONE is "no disability"
export const disabilitiesWords = (codes: readonly string[] | undefined) =>
  codes && codes.length > 0
    ? codes.map((c) => DISABILITY_WORDS[c as keyof typeof DISABILITY_WORDS] ?? c).join(', ')
    : undefined;

// one field's value as the record page and the check page say it
export function valueWords(field: ChildField, value: FieldValue): string {
  if (value === null || value === undefined || value === '') return 'Not recorded';
  if (field === 'disabilities') return disabilitiesWords(value as string[]) ?? 'Not known';
  if (field === 'interpreterNeeded') return value ? 'Yes' : 'No';
  if (field === 'openToSocialCareSince') return dateOnly(String(value));
  if (field === 'sex') return SEX_WORDS[value as keyof typeof SEX_WORDS] ?? String(value);
  if (field === 'ethnicity') return ethnicityWords(String(value)) ?? 'Not recorded';
  return Array.isArray(value) ? value.join(', ') : String(value);
}
