import {
  criteriaGiven,
  dateOfBirthVariants,
  dateRelation,
  nameQuery,
  rankCandidates,
  scoreCandidate,
  SEARCH_LIMIT,
  type Candidate,
  type NamePartFacts,
} from './child-search';

// DOMAIN.md "The child's record": search is fuzzy (similar names, phonetic codes, day and
// month swapped) and always shows why it matched; issue 17 item 1
const unlike: NamePartFacts = { similarity: 0, soundsLike: false };
const sounds: NamePartFacts = { similarity: 0.2, soundsLike: true };
const spelt = (similarity: number): NamePartFacts => ({ similarity, soundsLike: false });

const candidate = (over: Partial<Candidate> = {}): Candidate => ({
  id: '00000000-0000-4000-8000-000000000001',
  firstName: 'Amy',
  lastName: 'Smyth',
  dateOfBirth: '2016-05-04',
  postcode: 'TS5 7AA',
  nhsNumber: null,
  first: unlike,
  last: unlike,
  ...over,
});

describe('dateRelation', () => {
  it.each`
    searched        | recorded        | expected               | rule
    ${'2016-04-05'} | ${'2016-04-05'} | ${'SAME'}              | ${'the same date'}
    ${'2016-04-05'} | ${'2016-05-04'} | ${'DAY_MONTH_SWAPPED'} | ${'DOMAIN.md: day and month swapped (UK and US order)'}
    ${'2016-04-05'} | ${'2016-04-06'} | ${'ONE_DIGIT_OFF'}     | ${'issue 17: one digit off (the day)'}
    ${'2016-04-05'} | ${'2015-04-05'} | ${'ONE_DIGIT_OFF'}     | ${'issue 17: one digit off (the year)'}
    ${'2016-04-05'} | ${'2016-04-15'} | ${'ONE_DIGIT_OFF'}     | ${'issue 17: one digit off (a tens digit)'}
    ${'2016-04-05'} | ${'2016-04-16'} | ${'OTHER'}             | ${'two digits off is another date'}
    ${'2016-04-04'} | ${'2016-04-04'} | ${'SAME'}              | ${'a day equal to its month swaps to itself: the same'}
    ${'2016-04-05'} | ${'2017-05-04'} | ${'OTHER'}             | ${'swapped and another year is another date'}
  `(
    'should say $expected when $searched is compared with $recorded ($rule)',
    ({ searched, recorded, expected }) => {
      expect(dateRelation(searched, recorded)).toBe(expected);
    },
  );
});

describe('dateOfBirthVariants', () => {
  it('should include the date itself, its swap and every one-digit typo that is a real date', () => {
    const variants = dateOfBirthVariants('2016-04-05');
    expect(variants).toEqual(
      expect.arrayContaining(['2016-04-05', '2016-05-04', '2016-04-06', '2015-04-05']),
    );
    for (const v of variants)
      expect(['SAME', 'DAY_MONTH_SWAPPED', 'ONE_DIGIT_OFF']).toContain(dateRelation('2016-04-05', v));
  });

  it.each`
    date            | absent          | rule
    ${'2016-04-25'} | ${'2016-25-04'} | ${'no 25th month: a day over 12 has no swap'}
    ${'2016-02-05'} | ${'2016-02-35'} | ${'a typo that is no date is not asked for'}
    ${'2016-01-31'} | ${'2016-11-31'} | ${'31 November does not exist'}
  `('should leave out $absent when the date is $date ($rule)', ({ date, absent }) => {
    expect(dateOfBirthVariants(date)).not.toContain(absent);
  });
});

describe('nameQuery', () => {
  it.each`
    name                  | first         | last       | single
    ${'Aimee Smith'}      | ${'Aimee'}    | ${'Smith'} | ${false}
    ${'  Mary  Ann Lee '} | ${'Mary Ann'} | ${'Lee'}   | ${false}
    ${'Smith'}            | ${'Smith'}    | ${'Smith'} | ${true}
  `('should read $name as first $first, last $last', ({ name, first, last, single }) => {
    expect(nameQuery(name)).toMatchObject({ first, last, single });
  });
});

describe('criteriaGiven', () => {
  it('should name the criteria given, never their values', () => {
    expect(criteriaGiven({ name: 'Amy', postcode: 'TS5 7AA' })).toEqual(['name', 'postcode']);
    expect(criteriaGiven({})).toEqual([]);
  });
});

describe('scoreCandidate', () => {
  it.each`
    criteria                                              | over                               | score   | reasons                                                                                                        | rule
    ${{ name: 'Aimee Smith', dateOfBirth: '2016-04-05' }} | ${{ first: sounds, last: sounds }} | ${0.66} | ${['first name sounds like Aimee', 'last name sounds like Smith', 'date of birth with day and month swapped']} | ${'issue 17: "Amy Smyth 2016-05-04" found from "Aimee Smith 2016-04-05"'}
    ${{ name: 'amy  SMYTH', dateOfBirth: '2016-05-04' }}  | ${{}}                              | ${0.95} | ${['first and last names match', 'date of birth matches']}                                                     | ${'API.md Contacts: names compare case- and space-insensitively; no NHS number: short of certain'}
    ${{ nhsNumber: '9434765919' }}                        | ${{ nhsNumber: '9434765919' }}     | ${1}    | ${['NHS number matches']}                                                                                      | ${'API.md Contacts: the NHS number recognises the child'}
    ${{ nhsNumber: '9434765919', name: 'Amy Smyth' }}     | ${{ nhsNumber: '9434765870' }}     | ${0.5}  | ${['first and last names match', 'NHS number differs']}                                                        | ${'API.md Contacts: another NHS number is another child, unless mistyped: kept, well down'}
    ${{ name: 'Smith' }}                                  | ${{ last: sounds }}                | ${0.66} | ${['name sounds like Smith']}                                                                                  | ${'one word: compared with either name'}
    ${{ name: 'Amelia Smyth' }}                           | ${{ first: spelt(0.4) }}           | ${0.65} | ${['first name is spelt like Amelia (40% alike)', 'last name matches']}                                        | ${'pg_trgm similarity at or over 0.3: alike in spelling'}
    ${{ name: 'Zed Smyth' }}                              | ${{ first: spelt(0.2) }}           | ${0.53} | ${['last name matches']}                                                                                       | ${'similarity under 0.3 counts nothing'}
    ${{ dateOfBirth: '2016-05-14' }}                      | ${{}}                              | ${0.48} | ${['date of birth one digit off']}                                                                             | ${'issue 17: one digit off'}
    ${{ postcode: 'ts57aa' }}                             | ${{}}                              | ${0.95} | ${['same postcode']}                                                                                           | ${'issue 17: same postcode, however spaced'}
    ${{ name: 'Zed Jones', dateOfBirth: '2001-01-01' }}   | ${{}}                              | ${null} | ${null}                                                                                                        | ${'nothing agrees: not a candidate'}
  `('should score $score with $reasons when $rule', ({ criteria, over, score, reasons }) => {
    const scored = scoreCandidate(criteria, candidate(over));
    if (score === null) expect(scored).toBeNull();
    else expect(scored).toMatchObject({ score, reasons });
  });

  it('should keep every score between 0 and 1', () => {
    const scored = scoreCandidate(
      { name: 'Amy Smyth', dateOfBirth: '2016-05-04', postcode: 'TS5 7AA', nhsNumber: '9434765919' },
      candidate({ nhsNumber: '9434765919' }),
    );
    expect(scored?.score).toBe(1);
  });
});

describe('rankCandidates', () => {
  it('should put the best first and break ties by name', () => {
    const ranked = rankCandidates({ name: 'Amy Smyth' }, [
      candidate({ id: 'c', firstName: 'Aimee', first: sounds }),
      candidate({ id: 'b', lastName: 'Smyth' }),
      candidate({ id: 'a', firstName: 'Amie', first: sounds }),
    ]);
    expect(ranked.map((r) => r.id)).toEqual(['b', 'c', 'a']);
  });

  it(`should return at most ${SEARCH_LIMIT}`, () => {
    const many = Array.from({ length: 50 }, (_, i) => candidate({ id: String(i).padStart(3, '0') }));
    expect(rankCandidates({ name: 'Amy Smyth' }, many)).toHaveLength(SEARCH_LIMIT);
  });
});
