import { disabilityLabel, ethnicityLabel, NO, sexLabel, sourceLabel, YES, yesNo } from './annex-a-labels';
import type { List1Row, List3Row, List5Row } from './annex-a-projection';

// issue 19 item 1: Ofsted's Annex A lists 1 (contacts), 3 (referrals) and 5 (section 47
// enquiries and ICPCs), column by column as the template has them, pure. A cell is text, a whole
// number, a date (YYYY-MM-DD here; a date cell in xlsx, dd/mm/yyyy in csv) or blank.

export type CellKind = 'text' | 'integer' | 'date';
export type Cell = string | number | null;

export interface AnnexAColumn {
  // the heading in the template workbook (reference/Annex_A_2024_Jan_sample.xlsx)
  heading: string;
  // the column's name in Annex_A_schema.yml, where it differs from the heading
  schemaColumn?: string;
  kind: CellKind;
}

export type ListName = 'List 1' | 'List 3' | 'List 5';
export type Heading = 'gender' | 'sex';

export interface AnnexAList {
  name: ListName;
  // the file's name in the csv zip
  file: string;
  columns: AnnexAColumn[];
}

// the 2026 template renames Gender to Sex in every list (Annex_A_schema_2026.diff.yml)
const childColumns = (heading: Heading): AnnexAColumn[] => [
  { heading: 'Child Unique ID', kind: 'text' },
  { heading: heading === 'sex' ? 'Sex' : 'Gender', schemaColumn: 'Gender', kind: 'text' },
  { heading: 'Ethnicity', kind: 'text' },
  { heading: 'Date of Birth', kind: 'date' },
  { heading: 'Age', schemaColumn: 'Age of Child (Years)', kind: 'integer' },
];

export function annexALists(heading: Heading = 'gender'): AnnexAList[] {
  return [
    {
      name: 'List 1',
      file: 'list1.csv',
      columns: [
        ...childColumns(heading),
        { heading: 'Date of Contact', kind: 'date' },
        { heading: 'Contact Source', kind: 'text' },
      ],
    },
    {
      name: 'List 3',
      file: 'list3.csv',
      columns: [
        ...childColumns(heading),
        { heading: 'Date of Referral', schemaColumn: 'Date of referral', kind: 'date' },
        { heading: 'Referral Source', kind: 'text' },
        { heading: 'Referral NFA?', kind: 'text' },
        { heading: 'Number of Referrals in Last 12 Months', kind: 'integer' },
        { heading: 'Allocated Team', kind: 'text' },
        { heading: 'Allocated Worker', kind: 'text' },
      ],
    },
    {
      name: 'List 5',
      file: 'list5.csv',
      columns: [
        ...childColumns(heading),
        { heading: 'Does the Child have a Disability', kind: 'text' },
        { heading: 'Strategy discussion initiating Section 47 Enquiry Start Date', kind: 'date' },
        { heading: 'Was an Initial Child Protection Conference deemed unnecessary?', kind: 'text' },
        { heading: 'Date of Initial Child Protection Conference', kind: 'date' },
        {
          heading: 'Did the Initial Child Protection Conference Result in a Child Protection Plan',
          kind: 'text',
        },
        { heading: 'Number of Section 47 Enquiries in the last 12 months', kind: 'integer' },
        { heading: 'Number of ICPCs in the last 12 months', kind: 'integer' },
        { heading: 'Allocated Team', kind: 'text' },
        { heading: 'Allocated Worker', kind: 'text' },
      ],
    },
  ];
}

// Ofsted asks for the six months before the inspection: asOf is the last day of the lists and
// the period runs from the day after the same date six months earlier (31 March -> 1 October;
// 31 August -> 1 March), both days included. Lists 1, 3 and 5 share it.
export function annexAPeriod(asOf: string): { from: string; asOf: string } {
  const [y, m, d] = asOf.split('-').map(Number);
  const monthsBack = new Date(Date.UTC(y, m - 1 - 6, 1));
  const lastDay = new Date(
    Date.UTC(monthsBack.getUTCFullYear(), monthsBack.getUTCMonth() + 1, 0),
  ).getUTCDate();
  monthsBack.setUTCDate(Math.min(d, lastDay) + 1);
  return { from: monthsBack.toISOString().slice(0, 10), asOf };
}

// whole years from a date of birth to the day of the row's event; blank for an unborn child
export function ageAt(dateOfBirth: string | null, on: string): number | null {
  if (!dateOfBirth) return null;
  const [by, bm, bd] = dateOfBirth.split('-').map(Number);
  const [y, m, d] = on.split('-').map(Number);
  const age = y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
  return age < 0 ? null : age;
}

interface ChildRow {
  la_child_id: string;
  sex: string | null;
  ethnicity: string | null;
  date_of_birth: string | null;
}

const child = (row: ChildRow, on: string): Cell[] => [
  row.la_child_id,
  sexLabel(row.sex),
  ethnicityLabel(row.ethnicity),
  row.date_of_birth,
  ageAt(row.date_of_birth, on),
];

// the front door does not know the team a case is allocated to after the referral: the team is
// left blank (the template asks for one; the council's case system fills it in). The worker is
// free text in the template: the name of the front-door worker who decided (list 3) or recorded
// the strategy discussion (list 5)
const NO_TEAM = null;

export const list1Cells = (row: List1Row): Cell[] => [
  ...child(row, row.contact_date),
  row.contact_date,
  sourceLabel(row.source),
];

export const list3Cells = (row: List3Row): Cell[] => [
  ...child(row, row.referral_date),
  row.referral_date,
  sourceLabel(row.source),
  yesNo(row.referral_nfa),
  row.referrals_12m,
  NO_TEAM,
  row.worker,
];

// the enquiry's outcomes that need no conference (DOMAIN.md "After the strategy discussion")
const NO_ICPC_OUTCOMES = new Set(['CONCERNS_SUBSTANTIATED_NO_ICPC', 'NOT_SUBSTANTIATED']);

// deemed unnecessary: yes when the enquiry concluded without a need for one; no when one was
// held or the enquiry found one was needed; blank while the enquiry is open
function icpcUnnecessary(row: List5Row): string | null {
  if (row.icpc_date) return NO;
  if (!row.enquiry_outcome) return null;
  return NO_ICPC_OUTCOMES.has(row.enquiry_outcome) ? YES : NO;
}

export const list5Cells = (row: List5Row): Cell[] => [
  ...child(row, row.s47_start_date),
  disabilityLabel(row.disabilities),
  row.s47_start_date,
  icpcUnnecessary(row),
  row.icpc_date,
  row.icpc_date ? yesNo(!!row.child_protection_plan) : null,
  row.enquiries_12m,
  row.icpcs_12m,
  NO_TEAM,
  row.worker,
];

// a date cell for csv: dd/mm/yyyy (the schema's %d/%m/%Y)
export const csvDate = (iso: string): string => {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
};
