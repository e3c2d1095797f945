import { mergeRefusal, movesNhsNumber, unmergeRefusal, type MergeSide } from './child-merge';

const side = (id: string, nhsNumber: string | null = null, mergedInto: string | null = null): MergeSide => ({
  id,
  nhsNumber,
  mergedInto,
});

// DOMAIN.md "The child's record", decision 0028
describe('mergeRefusal', () => {
  it.each`
    kept                       | duplicate                  | expected                                                                                  | rule
    ${side('a')}               | ${side('b')}               | ${null}                                                                                   | ${'two live records, no NHS numbers'}
    ${side('a', '9434765919')} | ${side('b')}               | ${null}                                                                                   | ${'only the kept record has an NHS number'}
    ${side('a')}               | ${side('b', '9434765919')} | ${null}                                                                                   | ${'only the duplicate has one'}
    ${side('a')}               | ${side('a')}               | ${{ kind: 'invalid', field: 'duplicateId', message: expect.stringContaining('another') }} | ${'not into itself'}
    ${side('a', null, 'c')}    | ${side('b')}               | ${{ kind: 'stale', message: expect.stringContaining('merge into that one') }}             | ${'never into a tombstone'}
    ${side('a')}               | ${side('b', null, 'c')}    | ${{ kind: 'stale', message: expect.stringContaining('already') }}                         | ${'a tombstone is not merged again'}
    ${side('a', '9434765919')} | ${side('b', '4010232137')} | ${{ kind: 'invalid', field: 'duplicateId', message: expect.stringContaining('NHS') }}     | ${'two NHS numbers are two children'}
  `('$rule', ({ kept, duplicate, expected }) => {
    expect(mergeRefusal(kept, duplicate)).toEqual(expected);
  });
});

describe('unmergeRefusal', () => {
  it.each`
    kept                    | duplicate               | inForce  | expected                                                                                  | rule
    ${side('a')}            | ${side('b', null, 'a')} | ${true}  | ${null}                                                                                   | ${'a merge in force into this record'}
    ${side('a')}            | ${side('b')}            | ${false} | ${{ kind: 'stale', message: expect.stringContaining('not merged') }}                      | ${'never merged, or undone already'}
    ${side('a')}            | ${side('b', null, 'c')} | ${false} | ${{ kind: 'stale', message: expect.stringContaining('not merged') }}                      | ${'merged into another record'}
    ${side('a', null, 'c')} | ${side('b', null, 'a')} | ${true}  | ${{ kind: 'stale', message: expect.stringContaining('undo that merge first') }}           | ${'the kept record was merged on since'}
    ${side('a')}            | ${side('a')}            | ${false} | ${{ kind: 'invalid', field: 'duplicateId', message: expect.stringContaining('another') }} | ${'not itself'}
  `('$rule', ({ kept, duplicate, inForce, expected }) => {
    expect(unmergeRefusal(kept, duplicate, inForce)).toEqual(expected);
  });
});

describe('movesNhsNumber', () => {
  it.each`
    kept                       | duplicate                  | expected | rule
    ${side('a')}               | ${side('b', '9434765919')} | ${true}  | ${'only the duplicate has one: it moves'}
    ${side('a', '9434765919')} | ${side('b')}               | ${false} | ${'the kept record has one'}
    ${side('a')}               | ${side('b')}               | ${false} | ${'neither has one'}
  `('$rule', ({ kept, duplicate, expected }) => {
    expect(movesNhsNumber(kept, duplicate)).toBe(expected);
  });
});
