import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ETHNICITY_CODES, REFERRAL_SOURCES } from '@app/contacts/dto/validators';
import {
  disabilityLabel,
  ETHNICITY_LABELS,
  ethnicityLabel,
  NO,
  SEX_LABELS,
  sexLabel,
  SOURCE_LABELS,
  sourceLabel,
  UNKNOWN,
  YES,
  yesNo,
} from './annex-a-labels';
import {
  ageAt,
  annexALists,
  annexAPeriod,
  csvDate,
  list1Cells,
  list3Cells,
  list5Cells,
  type ListName,
} from './annex-a-lists';
import type { List5Row } from './annex-a-projection';

// the copies in reference/ (CI runs from a fresh clone without shared/)
const REFERENCE = join(__dirname, 'reference');
interface SchemaColumn {
  category?: { code: string; name: string }[];
}
const SCHEMA = (
  parse(readFileSync(join(REFERENCE, 'Annex_A_schema.yml'), 'utf8'), { merge: true }) as {
    column_map: Record<ListName, Record<string, SchemaColumn>>;
  }
).column_map;
const DERIVED = (
  JSON.parse(readFileSync(join(REFERENCE, 'annex_a_list1_list3.json'), 'utf8')) as {
    lists: Record<string, { column: string; allowed?: { code: string }[] }[]>;
  }
).lists;
const allowed = (list: ListName, column: string): string[] =>
  (SCHEMA[list][column].category ?? []).map((c) => c.code);

// issue 19 item 1: every code of ours maps to a label the template allows in its column
describe('Annex A labels', () => {
  const LISTS: ListName[] = ['List 1', 'List 3', 'List 5'];

  it.each`
    table          | codes                   | column
    ${'sex'}       | ${['M', 'F', 'U']}      | ${'Gender'}
    ${'ethnicity'} | ${[...ETHNICITY_CODES]} | ${'Ethnicity'}
  `(
    'should map each $table code to a label the schema allows in $column of every list',
    ({ table, codes, column }: { table: string; codes: string[]; column: string }) => {
      const labels = table === 'sex' ? SEX_LABELS : ETHNICITY_LABELS;
      expect(Object.keys(labels).sort()).toEqual([...codes].sort());
      for (const list of LISTS) {
        for (const code of codes)
          expect({ code, list, ok: allowed(list, column).includes(labels[code]) }).toEqual({
            code,
            list,
            ok: true,
          });
      }
    },
  );

  it('should map each CIN referral source to a label the schema allows for contact and referral sources', () => {
    expect(Object.keys(SOURCE_LABELS).sort()).toEqual([...REFERRAL_SOURCES].sort());
    for (const code of REFERRAL_SOURCES) {
      expect(allowed('List 1', 'Contact Source')).toContain(SOURCE_LABELS[code]);
      expect(allowed('List 3', 'Referral Source')).toContain(SOURCE_LABELS[code]);
      // the code is the one the label names (e) 2A: Schools)
      expect(SOURCE_LABELS[code]).toMatch(new RegExp(`^[a-z]1?\\) ${code}: `));
    }
    // and the derived copy agrees with the schema
    const contactSource = DERIVED['List 1'].find((c) => c.column === 'Contact Source')!;
    expect(contactSource.allowed!.map((a) => a.code).sort()).toEqual(
      allowed('List 1', 'Contact Source').sort(),
    );
  });

  it.each`
    list        | column
    ${'List 3'} | ${'Referral NFA?'}
    ${'List 5'} | ${'Was an Initial Child Protection Conference deemed unnecessary?'}
    ${'List 5'} | ${'Did the Initial Child Protection Conference Result in a Child Protection Plan'}
  `(
    'should write yes and no as the schema allows in $column',
    ({ list, column }: { list: ListName; column: string }) => {
      expect(allowed(list, column)).toEqual(expect.arrayContaining([yesNo(true), yesNo(false)]));
    },
  );

  it('should write the disability answer as the schema allows', () => {
    expect(allowed('List 5', 'Does the Child have a Disability')).toEqual(
      expect.arrayContaining([YES, NO, UNKNOWN]),
    );
  });

  it.each`
    input              | read               | label
    ${'M'}             | ${sexLabel}        | ${'a) Male'}
    ${'F'}             | ${sexLabel}        | ${'b) Female'}
    ${'U'}             | ${sexLabel}        | ${'c) Not stated/recorded'}
    ${null}            | ${sexLabel}        | ${'c) Not stated/recorded'}
    ${'WBRI'}          | ${ethnicityLabel}  | ${'a) WBRI'}
    ${'REFU'}          | ${ethnicityLabel}  | ${'s) REFU'}
    ${null}            | ${ethnicityLabel}  | ${'s) NOBT'}
    ${'2A'}            | ${sourceLabel}     | ${'e) 2A: Schools'}
    ${'6'}             | ${sourceLabel}     | ${'q) 6: Police'}
    ${'5D'}            | ${sourceLabel}     | ${'p1) 5D: LA services'}
    ${'10'}            | ${sourceLabel}     | ${'u) 10: Unknown'}
    ${['AUT', 'COMM']} | ${disabilityLabel} | ${'a) Yes'}
    ${['NONE']}        | ${disabilityLabel} | ${'b) No'}
    ${[]}              | ${disabilityLabel} | ${'c) Unknown'}
  `(
    'should label $input as $label',
    ({ input, read, label }: { input: never; read: (v: never) => string; label: string }) => {
      expect(read(input)).toBe(label);
    },
  );

  it.each(LISTS)('should have the schema’s columns of %s, in its order', (name) => {
    const list = annexALists().find((l) => l.name === name)!;
    expect(list.columns.map((c) => c.schemaColumn ?? c.heading)).toEqual(Object.keys(SCHEMA[name]));
  });

  it('should head the sheets as the template workbook does, Sex for Gender with heading=sex', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(join(REFERENCE, 'Annex_A_2024_Jan_sample.xlsx'));
    for (const list of annexALists()) {
      const headings = (workbook.getWorksheet(list.name)!.getRow(1).values as unknown[]).slice(1);
      expect(list.columns.map((c) => c.heading)).toEqual(headings);
      const sex = annexALists('sex').find((l) => l.name === list.name)!;
      expect(sex.columns.map((c) => c.heading)).toEqual(headings.map((h) => (h === 'Gender' ? 'Sex' : h)));
    }
  });
});

describe('Annex A period, ages and rows', () => {
  // the six months to asOf, both days included
  it.each`
    asOf            | from
    ${'2026-03-31'} | ${'2025-10-01'}
    ${'2026-08-31'} | ${'2026-03-01'}
    ${'2024-08-30'} | ${'2024-03-01'}
    ${'2026-01-15'} | ${'2025-07-16'}
    ${'2026-07-01'} | ${'2026-01-02'}
  `(
    'should start the lists on $from when asOf is $asOf',
    ({ asOf, from }: { asOf: string; from: string }) => {
      expect(annexAPeriod(asOf)).toEqual({ from, asOf });
    },
  );

  it.each`
    dateOfBirth     | on              | age
    ${'2016-06-01'} | ${'2025-05-31'} | ${8}
    ${'2016-06-01'} | ${'2025-06-01'} | ${9}
    ${'2016-02-29'} | ${'2025-02-28'} | ${8}
    ${'2016-02-29'} | ${'2025-03-01'} | ${9}
    ${null}         | ${'2025-06-01'} | ${null}
  `(
    'should give age $age on $on for a child born $dateOfBirth',
    ({ dateOfBirth, on, age }: { dateOfBirth: string | null; on: string; age: number | null }) => {
      expect(ageAt(dateOfBirth, on)).toBe(age);
    },
  );

  it('should write a contact row with the labels, dates and age at the contact', () => {
    expect(
      list1Cells({
        la_child_id: 'FD0000000001',
        sex: 'F',
        ethnicity: null,
        date_of_birth: '2016-06-01',
        contact_date: '2025-11-03',
        source: '2A',
      }),
    ).toEqual(['FD0000000001', 'b) Female', 's) NOBT', '2016-06-01', 9, '2025-11-03', 'e) 2A: Schools']);
  });

  it('should write a referral row with NFA, the count, no team and the worker who decided', () => {
    expect(
      list3Cells({
        la_child_id: 'FD0000000002',
        sex: 'M',
        ethnicity: 'WBRI',
        date_of_birth: null,
        referral_date: '2025-11-03',
        source: '6',
        referral_nfa: true,
        referrals_12m: 2,
        worker: 'Sam Screener',
      }),
    ).toEqual([
      'FD0000000002',
      'a) Male',
      'a) WBRI',
      null,
      null,
      '2025-11-03',
      'q) 6: Police',
      'a) Yes',
      2,
      null,
      'Sam Screener',
    ]);
  });

  const enquiry = (over: Partial<List5Row>): List5Row => ({
    la_child_id: 'FD0000000003',
    sex: 'U',
    ethnicity: 'AIND',
    date_of_birth: '2012-01-10',
    disabilities: ['NONE'],
    s47_start_date: '2025-11-03',
    enquiry_outcome: null,
    icpc_date: null,
    child_protection_plan: null,
    enquiries_12m: 1,
    icpcs_12m: 0,
    worker: 'Sam Screener',
    ...over,
  });

  // the ICPC columns: deemed unnecessary, the date, a plan
  it.each`
    over                                                                                                        | icpc
    ${{}}                                                                                                       | ${[null, null, null]}
    ${{ enquiry_outcome: 'NOT_SUBSTANTIATED' }}                                                                 | ${['a) Yes', null, null]}
    ${{ enquiry_outcome: 'CONCERNS_SUBSTANTIATED_NO_ICPC' }}                                                    | ${['a) Yes', null, null]}
    ${{ enquiry_outcome: 'CONCERNS_SUBSTANTIATED_ICPC' }}                                                       | ${['b) No', null, null]}
    ${{ enquiry_outcome: 'CONCERNS_SUBSTANTIATED_ICPC', icpc_date: '2025-11-20', child_protection_plan: true }} | ${['b) No', '2025-11-20', 'a) Yes']}
    ${{ icpc_date: '2025-11-20', child_protection_plan: false }}                                                | ${['b) No', '2025-11-20', 'b) No']}
  `(
    'should write the conference columns $icpc when the enquiry is $over',
    ({ over, icpc }: { over: Partial<List5Row>; icpc: unknown[] }) => {
      const cells = list5Cells(enquiry(over));
      expect(cells.slice(0, 7)).toEqual([
        'FD0000000003',
        'c) Not stated/recorded',
        'j) AIND',
        '2012-01-10',
        13,
        'b) No',
        '2025-11-03',
      ]);
      expect(cells.slice(7, 10)).toEqual(icpc);
      expect(cells.slice(10)).toEqual([1, 0, null, 'Sam Screener']);
    },
  );

  it('should write csv dates as dd/mm/yyyy', () => {
    expect(csvDate('2025-11-03')).toBe('03/11/2025');
  });
});
