import {
  changesName,
  childChanges,
  disabilitiesProblem,
  openToSocialCareProblem,
  type ChildFields,
} from './child-demographics';

describe('disabilitiesProblem', () => {
  it.each`
    value               | expected                                 | rule
    ${[]}               | ${null}                                  | ${'an empty list: not known'}
    ${['NONE']}         | ${null}                                  | ${'no disability, alone'}
    ${['HEAR', 'VIS']}  | ${null}                                  | ${'two codes of the list'}
    ${['NONE', 'HEAR']} | ${'NONE (no disability) stands alone'}   | ${'NONE is exclusive'}
    ${['HEAR', 'HEAR']} | ${'must not repeat a code'}              | ${'each code once'}
    ${['XYZ']}          | ${expect.stringContaining('CIN census')} | ${'a code outside the list'}
    ${['hear']}         | ${expect.stringContaining('CIN census')} | ${'codes are upper case'}
    ${'HEAR'}           | ${expect.stringContaining('a list')}     | ${'a string, not a list'}
    ${[1]}              | ${expect.stringContaining('CIN census')} | ${'not a string'}
  `('should give $expected for $value ($rule)', ({ value, expected }) => {
    expect(disabilitiesProblem(value)).toEqual(expected);
  });
});

const CURRENT: ChildFields = {
  firstName: 'Amy',
  lastName: 'Smyth',
  sex: null,
  ethnicity: 'WBRI',
  disabilities: ['HEAR', 'VIS'],
  upn: null,
  firstLanguage: null,
  interpreterNeeded: null,
  openToSocialCareSince: null,
  caseSystemId: null,
  address: '1 High Street',
  postcode: 'TS1 2AB',
  school: null,
};

describe('childChanges', () => {
  it.each`
    requested                                         | expected                                                                                                                            | rule
    ${{}}                                             | ${[]}                                                                                                                               | ${'nothing named: nothing to change'}
    ${{ firstName: 'Amy' }}                           | ${[]}                                                                                                                               | ${'the value the record has'}
    ${{ disabilities: ['VIS', 'HEAR'] }}              | ${[]}                                                                                                                               | ${'the same codes in another order'}
    ${{ firstName: undefined }}                       | ${[]}                                                                                                                               | ${'undefined is left out'}
    ${{ firstName: 'Aimee' }}                         | ${[{ field: 'firstName', before: 'Amy', after: 'Aimee' }]}                                                                          | ${'a new name'}
    ${{ interpreterNeeded: false }}                   | ${[{ field: 'interpreterNeeded', before: null, after: false }]}                                                                     | ${'false is an answer'}
    ${{ disabilities: ['NONE'] }}                     | ${[{ field: 'disabilities', before: ['HEAR', 'VIS'], after: ['NONE'] }]}                                                            | ${'a new list'}
    ${{ postcode: 'TS5 7AA', address: '2 Low Road' }} | ${[{ field: 'address', before: '1 High Street', after: '2 Low Road' }, { field: 'postcode', before: 'TS1 2AB', after: 'TS5 7AA' }]} | ${'in field order'}
    ${{ ethnicity: 'WBRI', upn: 'A123456789012' }}    | ${[{ field: 'upn', before: null, after: 'A123456789012' }]}                                                                         | ${'only the fields that differ'}
  `('should give $expected for $requested ($rule)', ({ requested, expected }) => {
    expect(childChanges(CURRENT, requested)).toEqual(expected);
  });
});

describe('changesName', () => {
  it.each`
    fields                      | expected
    ${['firstName']}            | ${true}
    ${['lastName', 'postcode']} | ${true}
    ${['postcode', 'upn']}      | ${false}
    ${[]}                       | ${false}
  `('should be $expected for $fields', ({ fields, expected }) => {
    expect(
      changesName((fields as string[]).map((field) => ({ field, before: null, after: null }) as never)),
    ).toBe(expected);
  });
});

// issue 19 (decision 0030): the date a case is open to children's social care from is the case
// system's past; null clears it
describe('openToSocialCareProblem', () => {
  it.each`
    value           | today           | expected                        | rule
    ${'2026-03-31'} | ${'2026-04-01'} | ${null}                         | ${'a date before today'}
    ${'2026-04-01'} | ${'2026-04-01'} | ${null}                         | ${'today'}
    ${'2026-04-02'} | ${'2026-04-01'} | ${'must not be a date to come'} | ${'tomorrow is to come'}
    ${null}         | ${'2026-04-01'} | ${null}                         | ${'null: no longer open'}
    ${undefined}    | ${'2026-04-01'} | ${null}                         | ${'not asked to change'}
  `('should give $expected for $value ($rule)', ({ value, today, expected }) => {
    expect(openToSocialCareProblem(value, today)).toEqual(expected);
  });
});
