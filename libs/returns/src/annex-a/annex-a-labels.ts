// issue 19 item 1: the Ofsted Annex A lists write coded values in the template's labelled form,
// the `code` values of Annex_A_schema.yml (reference/): a letter, then the code or the label
// ('a) Male', 'e) 2A: Schools', 's) NOBT'). Every code -> label table of the lists is here, pure;
// annex-a-labels.spec.ts checks each label is one the schema allows for its column.

// child.sex (M, F, U); U or nothing recorded is "not stated/recorded". The schema's
// 'd) Neither' has no code of ours: the CIN census sex is M, F or U.
export const SEX_LABELS: Readonly<Record<string, string>> = {
  M: 'a) Male',
  F: 'b) Female',
  U: 'c) Not stated/recorded',
};
const SEX_UNKNOWN = SEX_LABELS.U;

// child.ethnicity, the CIN census codes (the same twenty the template lists, in its order);
// nothing recorded is the census's own "information not yet obtained"
export const ETHNICITY_LABELS: Readonly<Record<string, string>> = {
  WBRI: 'a) WBRI',
  WIRI: 'b) WIRI',
  WIRT: 'c) WIRT',
  WOTH: 'd) WOTH',
  WROM: 'e) WROM',
  MWBC: 'f) MWBC',
  MWBA: 'g) MWBA',
  MWAS: 'h) MWAS',
  MOTH: 'i) MOTH',
  AIND: 'j) AIND',
  APKN: 'k) APKN',
  ABAN: 'l) ABAN',
  AOTH: 'm) AOTH',
  BCRB: 'n) BCRB',
  BAFR: 'o) BAFR',
  BOTH: 'p) BOTH',
  CHNE: 'q) CHNE',
  OOTH: 'r) OOTH',
  // the template gives both the letter s (a known quirk of its list)
  REFU: 's) REFU',
  NOBT: 's) NOBT',
};
const ETHNICITY_UNKNOWN = ETHNICITY_LABELS.NOBT;

// contact.source and referral.source, the CIN census referral source codes; the contact and
// referral source columns share one list in the template
export const SOURCE_LABELS: Readonly<Record<string, string>> = {
  '1A': 'a) 1A: Individual',
  '1B': 'b) 1B: Individual',
  '1C': 'c) 1C: Individual',
  '1D': 'd) 1D: Individual',
  '2A': 'e) 2A: Schools',
  '2B': 'f) 2B: Education services',
  '3A': 'g) 3A: Health services',
  '3B': 'h) 3B: Health services',
  '3C': 'i) 3C: Health services',
  '3D': 'j) 3D: Health services',
  '3E': 'k) 3E: Health services',
  '3F': 'l) 3F: Health services',
  '4': 'm) 4: Housing',
  '5A': 'n) 5A: LA services',
  '5B': 'o) 5B: LA services',
  '5C': 'p) 5C: LA services',
  '5D': 'p1) 5D: LA services',
  '6': 'q) 6: Police',
  '7': 'r) 7: Other legal agency',
  '8': 's) 8: Other',
  '9': 't) 9: Anonymous',
  '10': 'u) 10: Unknown',
};
const SOURCE_UNKNOWN = SOURCE_LABELS['10'];
// a police DA notification: its children are contacts from the police when counted as such
export const POLICE_SOURCE = '6';

// the template's yes/no columns (Referral NFA?, the ICPC questions) and its yes/no/unknown
// (Does the Child have a Disability)
export const YES = 'a) Yes';
export const NO = 'b) No';
export const UNKNOWN = 'c) Unknown';

export const sexLabel = (sex: string | null): string => (sex && SEX_LABELS[sex]) || SEX_UNKNOWN;

export const ethnicityLabel = (ethnicity: string | null): string =>
  (ethnicity && ETHNICITY_LABELS[ethnicity]) || ETHNICITY_UNKNOWN;

export const sourceLabel = (source: string | null): string =>
  (source && SOURCE_LABELS[source]) || SOURCE_UNKNOWN;

export const yesNo = (value: boolean): string => (value ? YES : NO);

// child.disabilities holds the CIN census disability codes: NONE says the child has none; no
// code at all is not yet known
export const NO_DISABILITY = 'NONE';
export function disabilityLabel(disabilities: readonly string[] | null): string {
  const codes = disabilities ?? [];
  if (codes.length === 0) return UNKNOWN;
  return codes.some((code) => code !== NO_DISABILITY) ? YES : NO;
}
