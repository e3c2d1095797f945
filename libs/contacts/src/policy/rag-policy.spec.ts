import {
  CONTACT_CATEGORIES,
  loadPolicies,
  WorkingCalendar,
  type ContactCategory,
  type RagPolicySchema,
  type RagRating,
} from '@app/core';
import { CATEGORY_LABELS, decisionDueAt, suggestRag, type RagFacts } from './rag-policy';

// the policies as shipped, so the tests also prove the defaults in config/ say what DOMAIN.md says
const policies = loadPolicies('config');
const policy = policies.rag;
const calendar = new WorkingCalendar(policies.calendar);
const at = (iso: string): Date => new Date(iso);

const facts = (overrides: Partial<RagFacts> = {}): RagFacts => ({
  immediateRisk: false,
  injury: false,
  categories: [],
  priorContactsInLast12Months: 0,
  ...overrides,
});

// the shipped policy with one part of the suggestion rules replaced
const withSuggestion = (
  red: Partial<RagPolicySchema['suggestion']['red']>,
  amber: Partial<RagPolicySchema['suggestion']['amber']> = {},
): RagPolicySchema => ({
  ...policy,
  suggestion: {
    red: { ...policy.suggestion.red, ...red },
    amber: { ...policy.suggestion.amber, ...amber },
  },
});

describe('suggestRag', () => {
  describe('with one category and nothing else under the shipped defaults', () => {
    // a Record, so a new category fails to compile until someone places it deliberately
    const expected: Record<ContactCategory, RagRating> = {
      SEXUAL_ABUSE: 'RED', // DOMAIN.md Screening timescales: RED when SEXUAL_ABUSE
      FGM: 'RED', // DOMAIN.md Screening timescales: RED when FGM
      CSE: 'RED', // DOMAIN.md Screening timescales: RED when CSE
      CCE: 'RED', // DOMAIN.md Screening timescales: RED when CCE
      MISSING: 'RED', // DOMAIN.md Screening timescales: RED when MISSING
      DOMESTIC_ABUSE: 'AMBER', // DOMAIN.md Screening timescales: AMBER when DOMESTIC_ABUSE
      NEGLECT: 'AMBER', // DOMAIN.md Screening timescales: AMBER when NEGLECT
      EMOTIONAL_ABUSE: 'AMBER', // DOMAIN.md Screening timescales: AMBER when EMOTIONAL_ABUSE
      SELF_HARM: 'AMBER', // DOMAIN.md Screening timescales: AMBER when SELF_HARM
      HOMELESS_16_17: 'AMBER', // DOMAIN.md Screening timescales: AMBER when HOMELESS_16_17
      RADICALISATION: 'AMBER', // DOMAIN.md Screening timescales: AMBER when RADICALISATION
      PHYSICAL_ABUSE: 'GREEN', // DOMAIN.md Screening timescales: RED only with injury, and not in the AMBER list
      MENTAL_HEALTH: 'GREEN', // DOMAIN.md Screening timescales: else GREEN
      SUBSTANCE_MISUSE: 'GREEN', // DOMAIN.md Screening timescales: else GREEN
      DISABILITY: 'GREEN', // DOMAIN.md Screening timescales: else GREEN
      OTHER: 'GREEN', // DOMAIN.md Screening timescales: else GREEN
    };

    it.each(CONTACT_CATEGORIES.map((category) => [expected[category], category] as const))(
      'should suggest %s when the only category is %s',
      (rag, category) => {
        expect(suggestRag(facts({ categories: [category] }), policy).rag).toBe(rag);
      },
    );
  });

  describe('rating and reasons under the shipped defaults', () => {
    it.each`
      given                                                                                      | rag        | reasons                                                                                                                                            | rule
      ${{ immediateRisk: true }}                                                                 | ${'RED'}   | ${['immediate risk of harm reported']}                                                                                                             | ${'Screening timescales: RED when immediateRisk'}
      ${{ categories: ['PHYSICAL_ABUSE'], injury: true }}                                        | ${'RED'}   | ${['physical abuse with injury']}                                                                                                                  | ${'Screening timescales: RED when PHYSICAL_ABUSE with injury'}
      ${{ categories: ['PHYSICAL_ABUSE'], injury: false }}                                       | ${'GREEN'} | ${['no red or amber indicator']}                                                                                                                   | ${'Screening timescales: PHYSICAL_ABUSE without injury is not RED, nor in the AMBER list'}
      ${{ categories: ['NEGLECT'], injury: true }}                                               | ${'AMBER'} | ${['category: neglect']}                                                                                                                           | ${'Screening timescales: injury makes RED only with a categoriesWithInjury category'}
      ${{ categories: ['SEXUAL_ABUSE'] }}                                                        | ${'RED'}   | ${['category: sexual abuse']}                                                                                                                      | ${'Screening timescales: RED when SEXUAL_ABUSE'}
      ${{ immediateRisk: true, categories: ['CSE', 'PHYSICAL_ABUSE', 'MISSING'], injury: true }} | ${'RED'}   | ${['immediate risk of harm reported', 'category: child sexual exploitation', 'physical abuse with injury', 'category: missing from home or care']} | ${'Screening timescales: every RED rule that matched, risk first then categories as listed'}
      ${{ categories: ['MISSING', 'CSE'] }}                                                      | ${'RED'}   | ${['category: missing from home or care', 'category: child sexual exploitation']}                                                                  | ${'Screening timescales: categories keep the order the contact lists them'}
      ${{ categories: ['DOMESTIC_ABUSE', 'SEXUAL_ABUSE'], priorContactsInLast12Months: 5 }}      | ${'RED'}   | ${['category: sexual abuse']}                                                                                                                      | ${'Screening timescales: RED wins, so AMBER reasons are not given'}
      ${{ categories: ['DOMESTIC_ABUSE'] }}                                                      | ${'AMBER'} | ${['category: domestic abuse']}                                                                                                                    | ${'Screening timescales: AMBER when DOMESTIC_ABUSE'}
      ${{ priorContactsInLast12Months: 2 }}                                                      | ${'AMBER'} | ${['2 contacts about this child in the last 12 months']}                                                                                           | ${'Screening timescales: AMBER when 2+ contacts in the last 12 months (at the boundary)'}
      ${{ priorContactsInLast12Months: 1 }}                                                      | ${'GREEN'} | ${['no red or amber indicator']}                                                                                                                   | ${'Screening timescales: 1 earlier contact is below the 2+ boundary'}
      ${{ categories: ['SELF_HARM', 'NEGLECT', 'OTHER'], priorContactsInLast12Months: 3 }}       | ${'AMBER'} | ${['category: self-harm', 'category: neglect', '3 contacts about this child in the last 12 months']}                                               | ${'Screening timescales: every AMBER rule that matched, categories as listed then history'}
      ${{ categories: ['DOMESTIC_ABUSE', 'DOMESTIC_ABUSE'] }}                                    | ${'AMBER'} | ${['category: domestic abuse']}                                                                                                                    | ${'a category listed twice is one reason'}
      ${{}}                                                                                      | ${'GREEN'} | ${['no red or amber indicator']}                                                                                                                   | ${'Screening timescales: else GREEN'}
      ${{ categories: ['OTHER', 'DISABILITY'], injury: true }}                                   | ${'GREEN'} | ${['no red or amber indicator']}                                                                                                                   | ${'Screening timescales: else GREEN, injury alone is not an indicator'}
    `('should suggest $rag with the matching reasons when $rule', ({ given, rag, reasons }) => {
      expect(suggestRag(facts(given), policy)).toEqual({ rag, reasons });
    });
  });

  describe('with a council-edited policy', () => {
    it.each`
      edited                                                                | given                                               | rag        | reasons                                                 | rule
      ${withSuggestion({ immediateRisk: false })}                           | ${{ immediateRisk: true }}                          | ${'GREEN'} | ${['no red or amber indicator']}                        | ${'policy red.immediateRisk false: immediate risk does not force RED'}
      ${withSuggestion({ categories: ['SEXUAL_ABUSE', 'DOMESTIC_ABUSE'] })} | ${{ categories: ['DOMESTIC_ABUSE'] }}               | ${'RED'}   | ${['category: domestic abuse']}                         | ${'policy red.categories is read from config'}
      ${withSuggestion({ categoriesWithInjury: ['NEGLECT'] })}              | ${{ categories: ['NEGLECT'], injury: true }}        | ${'RED'}   | ${['neglect with injury']}                              | ${'policy red.categoriesWithInjury is read from config'}
      ${withSuggestion({ categoriesWithInjury: [] })}                       | ${{ categories: ['PHYSICAL_ABUSE'], injury: true }} | ${'GREEN'} | ${['no red or amber indicator']}                        | ${'policy with no injury categories: injury alone is not RED'}
      ${withSuggestion({ categoriesWithInjury: ['SEXUAL_ABUSE'] })}         | ${{ categories: ['SEXUAL_ABUSE'], injury: true }}   | ${'RED'}   | ${['category: sexual abuse']}                           | ${'a category in both red lists is one reason'}
      ${withSuggestion({}, { categories: ['OTHER'] })}                      | ${{ categories: ['OTHER'] }}                        | ${'AMBER'} | ${['category: other']}                                  | ${'policy amber.categories is read from config'}
      ${withSuggestion({}, { priorContactsInLast12Months: 1 })}             | ${{ priorContactsInLast12Months: 1 }}               | ${'AMBER'} | ${['1 contact about this child in the last 12 months']} | ${'policy amber.priorContactsInLast12Months is read from config'}
      ${withSuggestion({}, { priorContactsInLast12Months: 4 })}             | ${{ priorContactsInLast12Months: 3 }}               | ${'GREEN'} | ${['no red or amber indicator']}                        | ${'policy amber threshold 4: 3 earlier contacts is below it'}
    `('should suggest $rag when $rule', ({ edited, given, rag, reasons }) => {
      expect(suggestRag(facts(given), edited)).toEqual({ rag, reasons });
    });
  });

  it.each([-1, 1.5, Number.NaN])(
    'should throw when priorContactsInLast12Months is %p (a bad count must not rate a child GREEN)',
    (prior) => {
      expect(() => suggestRag(facts({ priorContactsInLast12Months: prior }), policy)).toThrow(/whole number/);
    },
  );

  it('should not change the facts when it suggests a rating', () => {
    const categories: ContactCategory[] = ['MISSING', 'MISSING'];
    suggestRag(facts({ categories }), policy);
    expect(categories).toEqual(['MISSING', 'MISSING']);
  });
});

describe('CATEGORY_LABELS', () => {
  it.each(CONTACT_CATEGORIES.map((category) => [category]))(
    'should give a lower-case label when the category is %s',
    (category) => {
      expect(CATEGORY_LABELS[category]).toMatch(/^[a-z][a-z0-9 -]*$/);
    },
  );

  it('should give each category its own label when read together', () => {
    expect(new Set(Object.values(CATEGORY_LABELS)).size).toBe(CONTACT_CATEGORIES.length);
  });
});

describe('decisionDueAt', () => {
  it.each`
    receivedAt                    | rag        | expected                      | rule
    ${'2026-11-21T23:00:00.000Z'} | ${'RED'}   | ${'2026-11-22T03:00:00.000Z'} | ${'Screening timescales: RED 4 hours elapsed, Sat 23:00 -> Sun 03:00 (runs out of hours)'}
    ${'2026-03-28T23:00:00.000Z'} | ${'RED'}   | ${'2026-03-29T03:00:00.000Z'} | ${'Clocks: elapsed hours are real hours across clocks going forward'}
    ${'2026-11-23T10:00:00.000Z'} | ${'RED'}   | ${'2026-11-23T14:00:00.000Z'} | ${'Screening timescales: RED 4 hours elapsed inside office hours'}
    ${'2026-11-20T15:00:00.000Z'} | ${'AMBER'} | ${'2026-11-23T15:00:00.000Z'} | ${'Screening timescales: AMBER 1 working day, Fri 15:00 -> Mon 15:00'}
    ${'2026-11-21T23:00:00.000Z'} | ${'AMBER'} | ${'2026-11-24T09:00:00.000Z'} | ${'Clocks: Sat 23:00 starts Mon 09:00, + 1 working day -> Tue 09:00'}
    ${'2026-12-24T15:00:00.000Z'} | ${'GREEN'} | ${'2026-12-31T15:00:00.000Z'} | ${'Clocks: Thu 24 Dec 2026 15:00 + 3 -> Thu 31 Dec (25 and 28 Dec are holidays)'}
    ${'2026-11-16T11:00:00.000Z'} | ${'GREEN'} | ${'2026-11-19T11:00:00.000Z'} | ${'Screening timescales: GREEN 3 working days, Mon -> Thu'}
  `(
    'should return $expected when a contact rated $rag is received at $receivedAt ($rule)',
    ({ receivedAt, rag, expected }) => {
      expect(decisionDueAt(at(receivedAt), rag, calendar, policy).toISOString()).toBe(expected);
    },
  );

  it('should use the timescale from the policy when a council changes it', () => {
    const edited: RagPolicySchema = {
      ...policy,
      timescales: { ...policy.timescales, RED: { kind: 'elapsedHours', amount: 2 } },
    };
    expect(decisionDueAt(at('2026-11-21T23:00:00Z'), 'RED', calendar, edited).toISOString()).toBe(
      '2026-11-22T01:00:00.000Z',
    );
  });
});
