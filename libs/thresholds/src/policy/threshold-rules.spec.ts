import {
  DECISION_OUTCOMES,
  loadPolicies,
  type DecisionOutcome,
  type ThresholdCatalogueSchema,
} from '@app/core';
import {
  ASSESSMENT_FACTOR_CODES,
  authorisationReasons,
  checkDecision,
  isConsistentPair,
  makesReferral,
  PRIMARY_NEED_CODES,
  referrerOutcome,
  type AuthorisationFacts,
  type DecisionInput,
  type ReferrerOutcome,
} from './threshold-rules';

// the catalogue as shipped, so the tests also prove the defaults in config/ say what DOMAIN.md says
const catalogue = loadPolicies('config').thresholds;

const text = (length: number): string => 'x'.repeat(length);

// a decision every rule accepts: level 1 closed with NFA
const decision = (overrides: Partial<DecisionInput> = {}): DecisionInput => ({
  level: 1,
  outcome: 'NFA',
  rationale: text(50),
  ...overrides,
});

const facts = (overrides: Partial<AuthorisationFacts> = {}): AuthorisationFacts => ({
  rag: 'GREEN',
  outcome: 'NFA',
  overridden: false,
  priorContactsInLast12Months: 0,
  ...overrides,
});

const fields = (input: DecisionInput, edited: ThresholdCatalogueSchema = catalogue): string[] =>
  checkDecision(input, edited).map((error) => error.field);

describe('isConsistentPair', () => {
  it.each<[number, DecisionOutcome, boolean]>([
    [1, 'NFA', true], // DOMAIN.md Threshold decisions: 1 -> NFA
    [1, 'INFORMATION_AND_ADVICE', true], // DOMAIN.md Threshold decisions: 1 -> INFORMATION_AND_ADVICE
    [1, 'EARLY_HELP', false], // DOMAIN.md Threshold decisions: 1 -> NFA or INFORMATION_AND_ADVICE only
    [1, 'SOCIAL_CARE_ASSESSMENT', false], // DOMAIN.md Threshold decisions: 1 -> NFA or INFORMATION_AND_ADVICE only
    [1, 'STRATEGY_DISCUSSION', false], // DOMAIN.md Threshold decisions: 1 -> NFA or INFORMATION_AND_ADVICE only
    [2, 'NFA', false], // DOMAIN.md Threshold decisions: 2 -> EARLY_HELP or INFORMATION_AND_ADVICE only
    [2, 'INFORMATION_AND_ADVICE', true], // DOMAIN.md Threshold decisions: 2 -> INFORMATION_AND_ADVICE
    [2, 'EARLY_HELP', true], // DOMAIN.md Threshold decisions: 2 -> EARLY_HELP
    [2, 'SOCIAL_CARE_ASSESSMENT', false], // DOMAIN.md Threshold decisions: 2 -> EARLY_HELP or INFORMATION_AND_ADVICE only
    [2, 'STRATEGY_DISCUSSION', false], // DOMAIN.md Threshold decisions: 2 -> EARLY_HELP or INFORMATION_AND_ADVICE only
    [3, 'NFA', false], // DOMAIN.md Threshold decisions: 3 -> SOCIAL_CARE_ASSESSMENT only
    [3, 'INFORMATION_AND_ADVICE', false], // DOMAIN.md Threshold decisions: 3 -> SOCIAL_CARE_ASSESSMENT only
    [3, 'EARLY_HELP', false], // DOMAIN.md Threshold decisions: 3 -> SOCIAL_CARE_ASSESSMENT only
    [3, 'SOCIAL_CARE_ASSESSMENT', true], // DOMAIN.md Threshold decisions: 3 -> SOCIAL_CARE_ASSESSMENT
    [3, 'STRATEGY_DISCUSSION', false], // DOMAIN.md Threshold decisions: 3 -> SOCIAL_CARE_ASSESSMENT only
    [4, 'NFA', false], // DOMAIN.md Threshold decisions: 4 -> STRATEGY_DISCUSSION only
    [4, 'INFORMATION_AND_ADVICE', false], // DOMAIN.md Threshold decisions: 4 -> STRATEGY_DISCUSSION only
    [4, 'EARLY_HELP', false], // DOMAIN.md Threshold decisions: 4 -> STRATEGY_DISCUSSION only
    [4, 'SOCIAL_CARE_ASSESSMENT', false], // DOMAIN.md Threshold decisions: 4 -> STRATEGY_DISCUSSION only
    [4, 'STRATEGY_DISCUSSION', true], // DOMAIN.md Threshold decisions: 4 -> STRATEGY_DISCUSSION
  ])(
    'should treat level %i with %s as consistent=%s when reading the shipped catalogue',
    (level, outcome, expected) => {
      expect(isConsistentPair(level, outcome, catalogue)).toBe(expected);
    },
  );

  it.each([0, 5, 2.5, Number.NaN])(
    'should say no pair is consistent when the level is %p (not in the catalogue)',
    (level) => {
      for (const outcome of DECISION_OUTCOMES)
        expect(isConsistentPair(level, outcome, catalogue)).toBe(false);
    },
  );
});

describe('makesReferral', () => {
  // a Record, so a new outcome fails to compile until someone places it deliberately
  const expected: Record<DecisionOutcome, boolean> = {
    NFA: false, // DOMAIN.md Threshold decisions: only the two referral outcomes make a referral
    INFORMATION_AND_ADVICE: false, // DOMAIN.md Threshold decisions: signposting is not a referral
    EARLY_HELP: false, // DOMAIN.md Threshold decisions: early help is not a referral
    SOCIAL_CARE_ASSESSMENT: true, // DOMAIN.md Threshold decisions: SOCIAL_CARE_ASSESSMENT (referral)
    STRATEGY_DISCUSSION: true, // DOMAIN.md Threshold decisions: STRATEGY_DISCUSSION (referral)
  };

  it.each(DECISION_OUTCOMES.map((outcome) => [expected[outcome], outcome] as const))(
    'should return %s when the outcome is %s',
    (referral, outcome) => {
      expect(makesReferral(outcome, catalogue)).toBe(referral);
    },
  );
});

describe('checkDecision', () => {
  it('should return no errors when every field meets its rule', () => {
    expect(checkDecision(decision(), catalogue)).toEqual([]);
  });

  describe('rationale', () => {
    it.each`
      rationale                 | errors           | rule
      ${text(50)}               | ${[]}            | ${'Threshold decisions: at least 50 characters (at the boundary)'}
      ${text(49)}               | ${['rationale']} | ${'Threshold decisions: 49 characters is below 50'}
      ${`   ${text(49)}\n\t `}  | ${['rationale']} | ${'Threshold decisions: padding does not count towards the 50'}
      ${`  ${text(50)}  `}      | ${[]}            | ${'Threshold decisions: 50 characters inside padding is enough'}
      ${''}                     | ${['rationale']} | ${'Threshold decisions: a rationale is required'}
      ${' '.repeat(60)}         | ${['rationale']} | ${'Threshold decisions: only spaces is no rationale'}
      ${'\u{1F9D2}'.repeat(50)} | ${[]}            | ${'an emoji is one character, as a person counts'}
    `('should return errors on $errors when $rule', ({ rationale, errors }) => {
      expect(fields(decision({ rationale }))).toEqual(errors);
    });

    it('should name the minimum when the rationale is too short', () => {
      expect(checkDecision(decision({ rationale: 'short' }), catalogue)).toEqual([
        { field: 'rationale', message: 'must be at least 50 characters' },
      ]);
    });
  });

  describe('primaryNeedCode', () => {
    it.each`
      level | outcome                     | primaryNeedCode | errors                 | rule
      ${3}  | ${'SOCIAL_CARE_ASSESSMENT'} | ${undefined}    | ${['primaryNeedCode']} | ${'Threshold decisions: required when SOCIAL_CARE_ASSESSMENT makes a referral'}
      ${4}  | ${'STRATEGY_DISCUSSION'}    | ${undefined}    | ${['primaryNeedCode']} | ${'Threshold decisions: required when STRATEGY_DISCUSSION makes a referral'}
      ${3}  | ${'SOCIAL_CARE_ASSESSMENT'} | ${'N1'}         | ${[]}                  | ${'Threshold decisions: a referral with a code N0-N9'}
      ${4}  | ${'STRATEGY_DISCUSSION'}    | ${'N0'}         | ${[]}                  | ${'Codes: N0 (not stated) is a code'}
      ${3}  | ${'SOCIAL_CARE_ASSESSMENT'} | ${''}           | ${['primaryNeedCode']} | ${'Threshold decisions: a blank code is not a code'}
      ${1}  | ${'NFA'}                    | ${undefined}    | ${[]}                  | ${'Threshold decisions: not required when NFA makes no referral'}
      ${1}  | ${'INFORMATION_AND_ADVICE'} | ${undefined}    | ${[]}                  | ${'Threshold decisions: not required when INFORMATION_AND_ADVICE makes no referral'}
      ${2}  | ${'EARLY_HELP'}             | ${undefined}    | ${[]}                  | ${'Threshold decisions: not required when EARLY_HELP makes no referral'}
      ${2}  | ${'EARLY_HELP'}             | ${'N4'}         | ${[]}                  | ${'Codes: a code may be given when not required'}
      ${2}  | ${'EARLY_HELP'}             | ${'N10'}        | ${['primaryNeedCode']} | ${'Codes: a code given when not required must still be N0-N9'}
      ${3}  | ${'SOCIAL_CARE_ASSESSMENT'} | ${'n1'}         | ${['primaryNeedCode']} | ${'Codes: census codes are upper-case'}
      ${3}  | ${'SOCIAL_CARE_ASSESSMENT'} | ${' N1'}        | ${['primaryNeedCode']} | ${'Codes: a code is matched exactly'}
      ${3}  | ${'SOCIAL_CARE_ASSESSMENT'} | ${'1A'}         | ${['primaryNeedCode']} | ${'Codes: an assessment factor is not a primary need'}
    `('should return errors on $errors when $rule', ({ level, outcome, primaryNeedCode, errors }) => {
      expect(fields(decision({ level, outcome, primaryNeedCode }))).toEqual(errors);
    });

    it.each(PRIMARY_NEED_CODES.map((code) => [code]))(
      'should accept the code when the primary need is %s (CIN census 2025-26)',
      (primaryNeedCode) => {
        expect(
          checkDecision(
            decision({ level: 3, outcome: 'SOCIAL_CARE_ASSESSMENT', primaryNeedCode }),
            catalogue,
          ),
        ).toEqual([]);
      },
    );

    it('should name the outcome when a referral has no primary need code', () => {
      expect(checkDecision(decision({ level: 4, outcome: 'STRATEGY_DISCUSSION' }), catalogue)).toEqual([
        {
          field: 'primaryNeedCode',
          message: 'required when the outcome is STRATEGY_DISCUSSION (a referral)',
        },
      ]);
    });
  });

  describe('factors', () => {
    const all = ASSESSMENT_FACTOR_CODES.filter((code) => code !== '21');

    it.each`
      factors                           | messages                                                                                                                                                | rule
      ${undefined}                      | ${[]}                                                                                                                                                   | ${'Threshold decisions: factors are optional'}
      ${[]}                             | ${[]}                                                                                                                                                   | ${'Threshold decisions: an empty list is no factors'}
      ${['3A', '4B']}                   | ${[]}                                                                                                                                                   | ${'Codes: census codes, each once'}
      ${all}                            | ${[]}                                                                                                                                                   | ${'Codes: every code but 21 together'}
      ${['21']}                         | ${[]}                                                                                                                                                   | ${'Codes: 21 (no factors) alone'}
      ${['21', '1A']}                   | ${['21 (no factors identified) cannot be used with other factors']}                                                                                     | ${'Codes: 21 only alone (CIN census 8869)'}
      ${['1A', '21']}                   | ${['21 (no factors identified) cannot be used with other factors']}                                                                                     | ${'Codes: 21 only alone, wherever it is listed'}
      ${['3A', '3A']}                   | ${['each code once; listed more than once: 3A']}                                                                                                        | ${'Codes: no repeats (CIN census 8898)'}
      ${['3A', '4B', '3A', '4B', '4B']} | ${['each code once; listed more than once: 3A, 4B']}                                                                                                    | ${'Codes: each repeated code named once'}
      ${['21', '21']}                   | ${['each code once; listed more than once: 21']}                                                                                                        | ${'Codes: 21 twice is a repeat, not another factor'}
      ${['99']}                         | ${['not CIN assessment factor codes: 99']}                                                                                                              | ${'Codes: unknown code'}
      ${['3a']}                         | ${['not CIN assessment factor codes: 3a']}                                                                                                              | ${'Codes: census codes are upper-case'}
      ${['1D', 'N1', '1A']}             | ${['not CIN assessment factor codes: 1D, N1']}                                                                                                          | ${'Codes: a referral source or primary need is not a factor'}
      ${['99', '99', '21']}             | ${['not CIN assessment factor codes: 99', 'each code once; listed more than once: 99', '21 (no factors identified) cannot be used with other factors']} | ${'Codes: every factors problem at once'}
    `('should return factors errors $messages when $rule', ({ factors, messages }) => {
      expect(checkDecision(decision({ factors }), catalogue)).toEqual(
        messages.map((message: string) => ({ field: 'factors', message })),
      );
    });

    it.each(ASSESSMENT_FACTOR_CODES.map((code) => [code]))(
      'should accept the code when the only factor is %s (CIN census 2025-26)',
      (code) => {
        expect(checkDecision(decision({ factors: [code] }), catalogue)).toEqual([]);
      },
    );
  });

  describe('overrideReason', () => {
    it.each`
      level | outcome                     | overrideReason             | errors                | rule
      ${2}  | ${'SOCIAL_CARE_ASSESSMENT'} | ${undefined}               | ${['overrideReason']} | ${'Threshold decisions: any other pair needs an overrideReason'}
      ${2}  | ${'SOCIAL_CARE_ASSESSMENT'} | ${''}                      | ${['overrideReason']} | ${'Threshold decisions: a blank reason is no reason'}
      ${2}  | ${'SOCIAL_CARE_ASSESSMENT'} | ${' '.repeat(20)}          | ${['overrideReason']} | ${'Threshold decisions: only spaces is no reason'}
      ${2}  | ${'SOCIAL_CARE_ASSESSMENT'} | ${text(9)}                 | ${['overrideReason']} | ${'override reason: 9 characters is below 10'}
      ${2}  | ${'SOCIAL_CARE_ASSESSMENT'} | ${`    ${text(9)}     `}   | ${['overrideReason']} | ${'override reason: padding does not count towards the 10'}
      ${2}  | ${'SOCIAL_CARE_ASSESSMENT'} | ${text(10)}                | ${[]}                 | ${'override reason: at least 10 characters (at the boundary)'}
      ${1}  | ${'STRATEGY_DISCUSSION'}    | ${'parent disclosed harm'} | ${[]}                 | ${'Threshold decisions: an unusual pair with a reason'}
      ${4}  | ${'NFA'}                    | ${undefined}               | ${['overrideReason']} | ${'Threshold decisions: 4 -> NFA is not a usual pair'}
      ${1}  | ${'NFA'}                    | ${undefined}               | ${[]}                 | ${'Threshold decisions: 1 -> NFA needs no reason'}
      ${1}  | ${'NFA'}                    | ${'x'}                     | ${[]}                 | ${'Threshold decisions: a reason on a usual pair is ignored, even a short one'}
      ${1}  | ${'NFA'}                    | ${'   '}                   | ${[]}                 | ${'Threshold decisions: a blank reason on a usual pair is ignored'}
    `('should return errors on $errors when $rule', ({ level, outcome, overrideReason, errors }) => {
      // a code is given, so only the override rule can speak for referral outcomes
      expect(fields(decision({ level, outcome, overrideReason, primaryNeedCode: 'N1' }))).toEqual(errors);
    });

    it.each`
      overrideReason | message
      ${undefined}   | ${'required: level 2 with SOCIAL_CARE_ASSESSMENT is not a usual pair'}
      ${'too short'} | ${'must be at least 10 characters: level 2 with SOCIAL_CARE_ASSESSMENT is not a usual pair'}
    `('should name the pair when the override reason is $overrideReason', ({ overrideReason, message }) => {
      expect(
        checkDecision(
          decision({ level: 2, outcome: 'SOCIAL_CARE_ASSESSMENT', primaryNeedCode: 'N4', overrideReason }),
          catalogue,
        ),
      ).toEqual([{ field: 'overrideReason', message }]);
    });
  });

  it('should return every error in the order of the request body when every rule fails', () => {
    const input = decision({
      level: 2,
      outcome: 'STRATEGY_DISCUSSION',
      rationale: ' ',
      factors: ['21', '1A'],
    });
    expect(fields(input)).toEqual(['rationale', 'primaryNeedCode', 'factors', 'overrideReason']);
  });

  it('should not change the input when it checks a decision', () => {
    const input = decision({ factors: ['3A', '3A', '21'] });
    const copy = structuredClone(input);
    checkDecision(input, catalogue);
    expect(input).toEqual(copy);
  });
});

describe('authorisationReasons', () => {
  it.each`
    given                                                                                | codes                                                    | rule
    ${{}}                                                                                | ${[]}                                                    | ${'Threshold decisions: none of the three holds'}
    ${{ rag: 'RED', outcome: 'NFA' }}                                                    | ${['RED_CONTACT_CLOSED']}                                | ${'Threshold decisions: RED closed with NFA'}
    ${{ rag: 'RED', outcome: 'INFORMATION_AND_ADVICE' }}                                 | ${['RED_CONTACT_CLOSED']}                                | ${'Threshold decisions: RED closed with INFORMATION_AND_ADVICE'}
    ${{ rag: 'RED', outcome: 'EARLY_HELP' }}                                             | ${[]}                                                    | ${'Threshold decisions: RED to early help is not closing the contact'}
    ${{ rag: 'RED', outcome: 'SOCIAL_CARE_ASSESSMENT' }}                                 | ${[]}                                                    | ${'Threshold decisions: RED to a referral is not closing the contact'}
    ${{ rag: 'RED', outcome: 'STRATEGY_DISCUSSION' }}                                    | ${[]}                                                    | ${'Threshold decisions: RED to a strategy discussion is not closing the contact'}
    ${{ rag: 'AMBER', outcome: 'NFA' }}                                                  | ${[]}                                                    | ${'Threshold decisions: only a RED contact closed needs a manager'}
    ${{ rag: 'GREEN', outcome: 'INFORMATION_AND_ADVICE' }}                               | ${[]}                                                    | ${'Threshold decisions: a GREEN contact may be closed'}
    ${{ overridden: true }}                                                              | ${['OVERRIDE']}                                          | ${'Threshold decisions: the decision overrides the pairing'}
    ${{ overridden: false, outcome: 'STRATEGY_DISCUSSION' }}                             | ${[]}                                                    | ${'Threshold decisions: a usual pair needs no manager'}
    ${{ priorContactsInLast12Months: 3 }}                                                | ${['REPEAT_CONTACTS']}                                   | ${'Threshold decisions: 3+ contacts in 12 months (at the boundary)'}
    ${{ priorContactsInLast12Months: 7 }}                                                | ${['REPEAT_CONTACTS']}                                   | ${'Threshold decisions: 3+ contacts in 12 months (past the boundary)'}
    ${{ priorContactsInLast12Months: 2 }}                                                | ${[]}                                                    | ${'Threshold decisions: 2 earlier contacts is below 3+'}
    ${{ rag: 'RED', outcome: 'NFA', overridden: true, priorContactsInLast12Months: 3 }}  | ${['RED_CONTACT_CLOSED', 'OVERRIDE', 'REPEAT_CONTACTS']} | ${'Threshold decisions: every reason that holds, in a fixed order'}
    ${{ rag: 'RED', outcome: 'INFORMATION_AND_ADVICE', priorContactsInLast12Months: 4 }} | ${['RED_CONTACT_CLOSED', 'REPEAT_CONTACTS']}             | ${'Threshold decisions: two reasons without an override'}
  `('should return $codes when $rule', ({ given, codes }) => {
    expect(authorisationReasons(facts(given), catalogue).map((reason) => reason.code)).toEqual(codes);
  });

  it('should give texts a manager understands when all three reasons hold', () => {
    expect(
      authorisationReasons(
        facts({ rag: 'RED', outcome: 'NFA', overridden: true, priorContactsInLast12Months: 3 }),
        catalogue,
      ),
    ).toEqual([
      { code: 'RED_CONTACT_CLOSED', text: 'a RED contact closed with NFA' },
      { code: 'OVERRIDE', text: 'the level and outcome are not a usual pair' },
      { code: 'REPEAT_CONTACTS', text: '3 earlier contacts about this child in 12 months' },
    ]);
  });

  it.each([-1, 1.5, Number.NaN])(
    'should throw when priorContactsInLast12Months is %p (a bad count must not skip the manager)',
    (prior) => {
      expect(() => authorisationReasons(facts({ priorContactsInLast12Months: prior }), catalogue)).toThrow(
        /whole number/,
      );
    },
  );
});

describe('referrerOutcome', () => {
  // a Record, so a new outcome fails to compile until someone decides what partners are told
  const expected: Record<DecisionOutcome, ReferrerOutcome> = {
    NFA: 'NO_FURTHER_ACTION', // API.md: a PARTNER sees the status and outcome, in their words
    INFORMATION_AND_ADVICE: 'INFORMATION_AND_ADVICE', // API.md: signposting is told as it is
    EARLY_HELP: 'EARLY_HELP', // API.md: early help is told as it is
    SOCIAL_CARE_ASSESSMENT: 'SOCIAL_CARE', // a referral is told as social care
    STRATEGY_DISCUSSION: 'SOCIAL_CARE', // no detail of child protection enquiries reaches the referrer
  };

  it.each(DECISION_OUTCOMES.map((outcome) => [expected[outcome], outcome] as const))(
    'should tell the referrer %s when the outcome is %s',
    (told, outcome) => {
      expect(referrerOutcome(outcome)).toBe(told);
    },
  );
});

describe('with a council-edited catalogue', () => {
  const edited: ThresholdCatalogueSchema = {
    ...catalogue,
    consistentOutcomes: { ...catalogue.consistentOutcomes, '2': ['EARLY_HELP', 'SOCIAL_CARE_ASSESSMENT'] },
    referralOutcomes: ['STRATEGY_DISCUSSION'],
    rationaleMinLength: 10,
    authorisation: {
      redContactOutcomes: ['NFA'],
      whenOverridden: false,
      priorContactsInLast12MonthsAtLeast: 5,
    },
  };

  it.each`
    input                                                        | shipped                                  | council                | rule
    ${decision({ rationale: text(10) })}                         | ${['rationale']}                         | ${[]}                  | ${'rationaleMinLength 10: 10 characters is enough'}
    ${decision({ rationale: text(9) })}                          | ${['rationale']}                         | ${['rationale']}       | ${'rationaleMinLength 10: 9 characters is below it'}
    ${decision({ level: 2, outcome: 'SOCIAL_CARE_ASSESSMENT' })} | ${['primaryNeedCode', 'overrideReason']} | ${[]}                  | ${'consistentOutcomes and referralOutcomes are read from config'}
    ${decision({ level: 4, outcome: 'STRATEGY_DISCUSSION' })}    | ${['primaryNeedCode']}                   | ${['primaryNeedCode']} | ${'a referral outcome kept in config still needs a code'}
  `(
    'should return $council under the council catalogue (shipped: $shipped) when $rule',
    ({ input, shipped, council }) => {
      expect(fields(input)).toEqual(shipped);
      expect(fields(input, edited)).toEqual(council);
    },
  );

  it.each`
    given                                                             | shipped                                      | council                                      | rule
    ${{ priorContactsInLast12Months: 4 }}                             | ${['REPEAT_CONTACTS']}                       | ${[]}                                        | ${'priorContactsInLast12MonthsAtLeast 5: 4 is below it'}
    ${{ priorContactsInLast12Months: 5 }}                             | ${['REPEAT_CONTACTS']}                       | ${['REPEAT_CONTACTS']}                       | ${'priorContactsInLast12MonthsAtLeast 5: at the boundary'}
    ${{ overridden: true }}                                           | ${['OVERRIDE']}                              | ${[]}                                        | ${'whenOverridden false: an override needs no manager'}
    ${{ rag: 'RED', outcome: 'INFORMATION_AND_ADVICE' }}              | ${['RED_CONTACT_CLOSED']}                    | ${[]}                                        | ${'redContactOutcomes is read from config'}
    ${{ rag: 'RED', outcome: 'NFA', priorContactsInLast12Months: 5 }} | ${['RED_CONTACT_CLOSED', 'REPEAT_CONTACTS']} | ${['RED_CONTACT_CLOSED', 'REPEAT_CONTACTS']} | ${'edited rules still return every reason'}
  `(
    'should return $council under the council catalogue (shipped: $shipped) when $rule',
    ({ given, shipped, council }) => {
      const codes = (c: ThresholdCatalogueSchema): string[] =>
        authorisationReasons(facts(given), c).map((reason) => reason.code);
      expect(codes(catalogue)).toEqual(shipped);
      expect(codes(edited)).toEqual(council);
    },
  );

  it('should name the council minimum when the rationale is too short', () => {
    expect(checkDecision(decision({ rationale: 'short' }), edited)).toEqual([
      { field: 'rationale', message: 'must be at least 10 characters' },
    ]);
  });
});

describe('code lists', () => {
  it.each`
    name                         | codes                      | size
    ${'PRIMARY_NEED_CODES'}      | ${PRIMARY_NEED_CODES}      | ${10}
    ${'ASSESSMENT_FACTOR_CODES'} | ${ASSESSMENT_FACTOR_CODES} | ${44}
  `('should hold $size distinct codes when reading $name (CIN census 2025-26)', ({ codes, size }) => {
    expect(new Set(codes).size).toBe(size);
  });
});
