import { loadPolicies, WorkingCalendar, type DaTriagePolicySchema } from '@app/core';
import {
  ageOn,
  checkTriage,
  finalMarac,
  matrixRows,
  needsEncompass,
  suggestTriage,
  TRIAGE_OUTCOMES,
  triageDueAt,
  type TriageDecisionInput,
  type TriageFacts,
  type TriageOutcome,
  type TriageSuggestion,
} from './triage-rules';

// the matrix as shipped, so the tests also prove the defaults in config/ say what DOMAIN.md says
const policies = loadPolicies('config');
const matrix = policies.daTriage;
const calendar = new WorkingCalendar(policies.calendar);

type Child = TriageFacts['children'][number];
const child = (overrides: Partial<Child> = {}): Child => ({
  present: false,
  witnessed: false,
  injured: false,
  ...overrides,
});

// a notification no rule picks up: standard risk, a low DASH score, a first incident, one child elsewhere
const facts = (overrides: Partial<TriageFacts> = {}): TriageFacts => ({
  riskTool: 'DASH',
  riskLevel: 'STANDARD',
  dashScore: 3,
  victimPregnant: false,
  weaponUsed: false,
  children: [child()],
  earlierVictimNotificationsInLast12Months: 0,
  childrenKnownInLast12Months: [],
  earlierMaracFlagInLast12Months: false,
  ...overrides,
});

// a council's edit of the shipped matrix, leaving the shipped one untouched
const edit = (change: (copy: DaTriagePolicySchema) => void): DaTriagePolicySchema => {
  const copy = structuredClone(matrix);
  change(copy);
  return copy;
};

const suggestion = (overrides: Partial<TriageSuggestion> = {}): TriageSuggestion => ({
  outcome: 'CONTACT',
  marac: false,
  reasons: ['risk level MEDIUM'],
  maracReasons: [],
  ...overrides,
});

const INFORMATION_ONLY_REASON = 'risk level STANDARD and no criterion for a contact met';

describe('suggestTriage', () => {
  it('should suggest INFORMATION_ONLY without MARAC when no criterion holds', () => {
    // DOMAIN.md DA triage: INFORMATION_ONLY otherwise (standard risk, first incident, children not present)
    expect(suggestTriage(facts(), matrix)).toEqual({
      outcome: 'INFORMATION_ONLY',
      marac: false,
      reasons: [INFORMATION_ONLY_REASON],
      maracReasons: [],
    });
  });

  describe('each matrix criterion alone', () => {
    // each row: the one fact that triggers the criterion, what it suggests, and the matrix
    // switch that turns the criterion off, after which the outcome drops
    type Row = {
      criterion: string;
      given: Partial<TriageFacts>;
      outcome: TriageOutcome;
      reason: string;
      turnOff: (m: DaTriagePolicySchema) => void;
      dropped: TriageOutcome;
    };
    it.each<Row>([
      // DOMAIN.md DA triage: URGENT_CONTACT when risk HIGH
      {
        criterion: 'risk is HIGH',
        given: { riskLevel: 'HIGH' },
        outcome: 'URGENT_CONTACT',
        reason: 'risk level HIGH',
        turnOff: (m) => void (m.urgentContact.riskLevels = []),
        dropped: 'INFORMATION_ONLY',
      },
      // DOMAIN.md DA triage: URGENT_CONTACT when DASH score >= 14 (turned off, 14 still meets contact's 10)
      {
        criterion: 'the DASH score is 14',
        given: { dashScore: 14 },
        outcome: 'URGENT_CONTACT',
        reason: 'DASH score 14 (14 or more)',
        turnOff: (m) => void (m.urgentContact.dashScoreAtLeast = 15),
        dropped: 'CONTACT',
      },
      // DOMAIN.md DA triage: URGENT_CONTACT when any child injured
      {
        criterion: 'a child was injured',
        given: { children: [child({ present: true, injured: true })] },
        outcome: 'URGENT_CONTACT',
        reason: 'a child was injured',
        turnOff: (m) => void (m.urgentContact.anyChildInjured = false),
        dropped: 'INFORMATION_ONLY',
      },
      // DOMAIN.md DA triage: URGENT_CONTACT when weapon used with a child present
      {
        criterion: 'a weapon was used with a child present',
        given: { weaponUsed: true, children: [child({ present: true })] },
        outcome: 'URGENT_CONTACT',
        reason: 'a weapon was used with a child present',
        turnOff: (m) => void (m.urgentContact.weaponUsedWithChildPresent = false),
        dropped: 'INFORMATION_ONLY',
      },
      // DOMAIN.md DA triage: CONTACT when risk MEDIUM
      {
        criterion: 'risk is MEDIUM',
        given: { riskLevel: 'MEDIUM' },
        outcome: 'CONTACT',
        reason: 'risk level MEDIUM',
        turnOff: (m) => void (m.contact.riskLevels = []),
        dropped: 'INFORMATION_ONLY',
      },
      // DOMAIN.md DA triage: CONTACT when DASH 10-13
      {
        criterion: 'the DASH score is 10',
        given: { dashScore: 10 },
        outcome: 'CONTACT',
        reason: 'DASH score 10 (10 or more)',
        turnOff: (m) => void (m.contact.dashScoreAtLeast = 11),
        dropped: 'INFORMATION_ONLY',
      },
      // DOMAIN.md DA triage: CONTACT when a child witnessed it
      {
        criterion: 'a child witnessed the incident',
        given: { children: [child({ present: true, witnessed: true })] },
        outcome: 'CONTACT',
        reason: 'a child witnessed the incident',
        turnOff: (m) => void (m.contact.anyChildWitnessed = false),
        dropped: 'INFORMATION_ONLY',
      },
      // DOMAIN.md DA triage: CONTACT when victim pregnant
      {
        criterion: 'the victim is pregnant',
        given: { victimPregnant: true },
        outcome: 'CONTACT',
        reason: 'the victim is pregnant',
        turnOff: (m) => void (m.contact.victimPregnant = false),
        dropped: 'INFORMATION_ONLY',
      },
      // DOMAIN.md DA triage: CONTACT when 3+ notifications for the same victim in 12 months (this one counts)
      {
        criterion: 'this is the third notification for the victim in 12 months',
        given: { earlierVictimNotificationsInLast12Months: 2 },
        outcome: 'CONTACT',
        reason: '3 notifications for this victim in 12 months',
        turnOff: (m) => void (m.contact.victimNotificationsInLast12MonthsAtLeast = 4),
        dropped: 'INFORMATION_ONLY',
      },
      // DOMAIN.md DA triage: CONTACT when a child already had a contact or referral in 12 months
      {
        criterion: 'a child had a contact or referral in the last 12 months',
        given: { childrenKnownInLast12Months: [{ name: 'Kai Adams', contacts: 1, referrals: 0 }] },
        outcome: 'CONTACT',
        reason: 'Kai Adams: 1 contact in the last 12 months',
        turnOff: (m) => void (m.contact.childContactOrReferralInLast12Months = false),
        dropped: 'INFORMATION_ONLY',
      },
    ])(
      'should suggest $outcome, and $dropped once the matrix turns it off, when only $criterion',
      ({ given, outcome, reason, turnOff, dropped }) => {
        const suggested = suggestTriage(facts(given), matrix);
        expect(suggested.outcome).toBe(outcome);
        expect(suggested.reasons).toEqual([reason]);
        // remove the fact and the outcome drops to the base
        expect(suggestTriage(facts(), matrix).outcome).toBe('INFORMATION_ONLY');
        // keep the fact but turn the criterion off in the matrix and the outcome drops too
        expect(suggestTriage(facts(given), edit(turnOff)).outcome).toBe(dropped);
      },
    );
  });

  describe('first match wins', () => {
    it.each<{ when: string; given: Partial<TriageFacts>; outcome: TriageOutcome; reasons: string[] }>([
      // DOMAIN.md DA triage: first match wins, so the contact reason (pregnant) is not listed
      {
        when: 'risk is HIGH and the victim is pregnant',
        given: { riskLevel: 'HIGH', victimPregnant: true },
        outcome: 'URGENT_CONTACT',
        reasons: ['risk level HIGH'],
      },
      // DOMAIN.md DA triage: a child injured outranks the same child witnessing
      {
        when: 'an injured child also witnessed the incident',
        given: { children: [child({ present: true, witnessed: true, injured: true })] },
        outcome: 'URGENT_CONTACT',
        reasons: ['a child was injured'],
      },
      // DOMAIN.md DA triage: every urgent criterion listed, in matrix order, none of contact's
      {
        when: 'every criterion holds',
        given: {
          riskLevel: 'HIGH',
          dashScore: 20,
          weaponUsed: true,
          victimPregnant: true,
          children: [child({ present: true, witnessed: true }), child({ injured: true })],
          earlierVictimNotificationsInLast12Months: 4,
          childrenKnownInLast12Months: [{ name: 'Kai Adams', contacts: 1, referrals: 0 }],
        },
        outcome: 'URGENT_CONTACT',
        reasons: [
          'risk level HIGH',
          'DASH score 20 (14 or more)',
          'a child was injured',
          'a weapon was used with a child present',
        ],
      },
      // DOMAIN.md DA triage: every contact criterion listed, in matrix order
      {
        when: 'every contact criterion holds and no urgent one',
        given: {
          riskLevel: 'MEDIUM',
          dashScore: 12,
          victimPregnant: true,
          children: [child({ present: true, witnessed: true })],
          earlierVictimNotificationsInLast12Months: 3,
          childrenKnownInLast12Months: [
            { name: 'Kai Adams', contacts: 2, referrals: 1 },
            { name: 'Mia Adams', contacts: 0, referrals: 1 },
          ],
        },
        outcome: 'CONTACT',
        reasons: [
          'risk level MEDIUM',
          'DASH score 12 (10 or more)',
          'a child witnessed the incident',
          'the victim is pregnant',
          '4 notifications for this victim in 12 months',
          'Kai Adams: 2 contacts and 1 referral in the last 12 months',
          'Mia Adams: 1 referral in the last 12 months',
        ],
      },
    ])('should suggest $outcome with only its own reasons when $when', ({ given, outcome, reasons }) => {
      expect(suggestTriage(facts(given), matrix)).toMatchObject({ outcome, reasons });
    });
  });

  describe('DASH score boundaries', () => {
    it.each<[number | undefined, TriageOutcome, boolean]>([
      [0, 'INFORMATION_ONLY', false], // DOMAIN.md DA triage: no ticks, standard risk
      [9, 'INFORMATION_ONLY', false], // DOMAIN.md DA triage: CONTACT from DASH 10, so 9 is below it
      [10, 'CONTACT', false], // DOMAIN.md DA triage: CONTACT at DASH 10 (the boundary)
      [13, 'CONTACT', false], // DOMAIN.md DA triage: 13 is below URGENT_CONTACT 14 and MARAC 14
      [14, 'URGENT_CONTACT', true], // DOMAIN.md DA triage: URGENT_CONTACT and MARAC at DASH 14 (the boundary)
      [27, 'URGENT_CONTACT', true], // API.md: 27 is the most DASH can score
      [undefined, 'INFORMATION_ONLY', false], // API.md: dashScore is optional; then only the level counts
    ])(
      'should give score %p the outcome %s and marac=%s when the tool is DASH',
      (dashScore, outcome, marac) => {
        expect(suggestTriage(facts({ dashScore }), matrix)).toMatchObject({ outcome, marac });
      },
    );
  });

  describe('a DARA notification', () => {
    it.each<{ when: string; given: Partial<TriageFacts>; outcome: TriageOutcome; marac: boolean }>([
      // API.md: dashScore only with DASH, so a score beside DARA is ignored, even one past 14
      {
        when: 'it carries a DASH score of 20',
        given: { dashScore: 20 },
        outcome: 'INFORMATION_ONLY',
        marac: false,
      },
      // API.md: the DTO refuses it, but the rule must not rely on that
      {
        when: 'it carries a DASH score of 99',
        given: { dashScore: 99 },
        outcome: 'INFORMATION_ONLY',
        marac: false,
      },
      // DOMAIN.md DA triage: DARA grades a level, with no score
      { when: 'it has no score', given: { dashScore: undefined }, outcome: 'INFORMATION_ONLY', marac: false },
      // DOMAIN.md DA triage: URGENT_CONTACT and MARAC when risk HIGH, whichever tool graded it
      { when: 'DARA grades HIGH', given: { riskLevel: 'HIGH' }, outcome: 'URGENT_CONTACT', marac: true },
      // DOMAIN.md DA triage: CONTACT when risk MEDIUM, whichever tool graded it
      { when: 'DARA grades MEDIUM', given: { riskLevel: 'MEDIUM' }, outcome: 'CONTACT', marac: false },
    ])('should suggest $outcome with marac=$marac when $when', ({ given, outcome, marac }) => {
      expect(suggestTriage(facts({ riskTool: 'DARA', ...given }), matrix)).toMatchObject({ outcome, marac });
    });
  });

  describe('children', () => {
    it.each<{ when: string; given: Partial<TriageFacts>; outcome: TriageOutcome }>([
      // DOMAIN.md DA triage: a weapon needs a child present to make it urgent
      {
        when: 'a weapon was used with no child there',
        given: { weaponUsed: true },
        outcome: 'INFORMATION_ONLY',
      },
      // DOMAIN.md DA triage: any child present is enough
      {
        when: 'a weapon was used and one of two children was present',
        given: { weaponUsed: true, children: [child(), child({ present: true })] },
        outcome: 'URGENT_CONTACT',
      },
      // a child who witnessed a weapon was there, whatever the present box says
      {
        when: 'a weapon was used and a child witnessed it without being marked present',
        given: { weaponUsed: true, children: [child({ witnessed: true })] },
        outcome: 'URGENT_CONTACT',
      },
      // DOMAIN.md DA triage: a child present is not a criterion by itself
      {
        when: 'a child was present but not harmed and did not witness',
        given: { children: [child({ present: true })] },
        outcome: 'INFORMATION_ONLY',
      },
      // no children listed, so no child rule can fire
      { when: 'no children are listed', given: { children: [] }, outcome: 'INFORMATION_ONLY' },
      // DOMAIN.md DA triage: any child witnessing is enough
      {
        when: 'one of two children witnessed the incident',
        given: { children: [child(), child({ witnessed: true })] },
        outcome: 'CONTACT',
      },
    ])('should suggest $outcome when $when', ({ given, outcome }) => {
      expect(suggestTriage(facts(given), matrix).outcome).toBe(outcome);
    });
  });

  describe('the third notification for a victim', () => {
    it.each<[number, TriageOutcome, boolean, string]>([
      [0, 'INFORMATION_ONLY', false, INFORMATION_ONLY_REASON], // DOMAIN.md DA triage: a first incident
      [1, 'INFORMATION_ONLY', false, INFORMATION_ONLY_REASON], // DOMAIN.md DA triage: a second is below 3+
      // DOMAIN.md DA triage and SafeLives: the third, counting this one, is a contact and potential escalation
      [2, 'CONTACT', true, '3 notifications for this victim in 12 months'],
      // DOMAIN.md DA triage and SafeLives: past the boundary
      [5, 'CONTACT', true, '6 notifications for this victim in 12 months'],
    ])(
      'should count this notification too when %i earlier ones give %s with marac=%s',
      (earlier, outcome, marac, reason) => {
        expect(
          suggestTriage(facts({ earlierVictimNotificationsInLast12Months: earlier }), matrix),
        ).toMatchObject({ outcome, marac, reasons: [reason] });
      },
    );
  });

  describe('MARAC', () => {
    it.each<{ when: string; given: Partial<TriageFacts>; maracReasons: string[] }>([
      // DOMAIN.md DA triage: MARAC (SafeLives) when DASH >= 14
      {
        when: 'the DASH score is 14',
        given: { dashScore: 14 },
        maracReasons: ['DASH score 14 (14 or more)'],
      },
      // DOMAIN.md DA triage: MARAC (SafeLives) when risk HIGH
      {
        when: 'risk is HIGH without a score',
        given: { riskLevel: 'HIGH', dashScore: undefined },
        maracReasons: ['risk level HIGH'],
      },
      // DOMAIN.md DA triage: MARAC at 3+ police-reported incidents in 12 months (potential escalation)
      {
        when: 'this is the third incident for the victim in 12 months',
        given: { earlierVictimNotificationsInLast12Months: 2 },
        maracReasons: ['3 police-reported incidents for this victim in 12 months (potential escalation)'],
      },
      // DOMAIN.md DA triage: MARAC for any incident within 12 months of a previous MARAC flag
      {
        when: 'a previous MARAC flag is within 12 months',
        given: { earlierMaracFlagInLast12Months: true },
        maracReasons: ['an incident within 12 months of a previous MARAC flag'],
      },
      // DOMAIN.md DA triage: DASH 13 is below 14
      { when: 'the DASH score is 13', given: { dashScore: 13 }, maracReasons: [] },
      // DOMAIN.md DA triage: MEDIUM is not HIGH
      { when: 'risk is MEDIUM', given: { riskLevel: 'MEDIUM' }, maracReasons: [] },
      // DOMAIN.md DA triage: a second incident is below 3+
      {
        when: 'this is the second incident for the victim in 12 months',
        given: { earlierVictimNotificationsInLast12Months: 1 },
        maracReasons: [],
      },
      // API.md: a DASH score beside DARA is ignored
      {
        when: 'DARA carries a DASH score of 14',
        given: { riskTool: 'DARA', dashScore: 14 },
        maracReasons: [],
      },
      // DOMAIN.md DA triage: every SafeLives criterion that fired, in a fixed order
      {
        when: 'every criterion holds',
        given: {
          riskLevel: 'HIGH',
          dashScore: 16,
          earlierVictimNotificationsInLast12Months: 3,
          earlierMaracFlagInLast12Months: true,
        },
        maracReasons: [
          'DASH score 16 (14 or more)',
          'risk level HIGH',
          '4 police-reported incidents for this victim in 12 months (potential escalation)',
          'an incident within 12 months of a previous MARAC flag',
        ],
      },
    ])('should give the MARAC reasons $maracReasons when $when', ({ given, maracReasons }) => {
      expect(suggestTriage(facts(given), matrix)).toMatchObject({
        marac: maracReasons.length > 0,
        maracReasons,
      });
    });

    it('should flag MARAC on an INFORMATION_ONLY suggestion when only a previous MARAC flag holds', () => {
      // DOMAIN.md DA triage: the MARAC criteria stand apart from the triage outcome
      expect(suggestTriage(facts({ earlierMaracFlagInLast12Months: true }), matrix)).toMatchObject({
        outcome: 'INFORMATION_ONLY',
        marac: true,
      });
    });
  });

  describe('facts that cannot be true', () => {
    it.each([-1, 1.5, Number.NaN])(
      'should throw when earlierVictimNotificationsInLast12Months is %p (a bad count must not hide a pattern)',
      (earlier) => {
        expect(() =>
          suggestTriage(facts({ earlierVictimNotificationsInLast12Months: earlier }), matrix),
        ).toThrow(/whole number/);
      },
    );

    it.each([-1, 28, 12.5, Number.NaN])(
      'should throw when a DASH score is %p (DASH scores 0 to 27)',
      (dashScore) => {
        expect(() => suggestTriage(facts({ dashScore }), matrix)).toThrow(/dashScore/);
      },
    );
  });

  it('should not change the facts or the matrix when it suggests', () => {
    const given = facts({ riskLevel: 'HIGH', children: [child({ injured: true })] });
    const before = [structuredClone(given), structuredClone(matrix)];
    suggestTriage(given, matrix);
    expect([given, matrix]).toEqual(before);
  });
});

describe('triageDueAt', () => {
  it.each<[string, TriageOutcome, string]>([
    // DOMAIN.md DA triage: 4 hours elapsed for URGENT_CONTACT, through a Friday night
    ['2026-11-20T22:00:00Z', 'URGENT_CONTACT', '2026-11-21T02:00:00Z'],
    // DOMAIN.md DA triage: else 1 working day (Friday 15:00 -> Monday 15:00)
    ['2026-11-20T15:00:00Z', 'CONTACT', '2026-11-23T15:00:00Z'],
    // DOMAIN.md DA triage: INFORMATION_ONLY is "else" too
    ['2026-11-20T15:00:00Z', 'INFORMATION_ONLY', '2026-11-23T15:00:00Z'],
    // DOMAIN.md Clocks: Saturday 10:00 + 1 working day -> Tuesday 09:00
    ['2026-11-21T10:00:00Z', 'CONTACT', '2026-11-24T09:00:00Z'],
  ])(
    'should make a notification received %s with suggestion %s due at %s when using the shipped matrix',
    (receivedAt, outcome, due) => {
      expect(triageDueAt(new Date(receivedAt), outcome, calendar, matrix)).toEqual(new Date(due));
    },
  );
});

describe('ageOn', () => {
  it.each<[string, string, number]>([
    ['2020-11-20', '2026-11-20', 6], // Encompass: a birthday on the incident date counts
    ['2020-11-21', '2026-11-20', 5], // Encompass: whole years, so the day before a birthday is a year less
    ['2022-11-21', '2026-11-20', 3], // Encompass: the day before the 4th birthday is not yet school age
    ['2022-11-20', '2026-11-20', 4], // Encompass: the 4th birthday itself is school age
    ['2020-02-29', '2025-02-28', 4], // a 29 Feb birthday is not reached on 28 Feb in a common year
    ['2020-02-29', '2025-03-01', 5], // a 29 Feb birthday is reached on 1 Mar in a common year
    ['2020-02-29', '2028-02-28', 7], // in a leap year the birthday is 29 Feb, not the day before
    ['2020-02-29', '2028-02-29', 8], // a 29 Feb birthday in a leap year
    ['2026-11-20', '2026-11-20', 0], // born on the incident date
    ['2008-11-21', '2026-11-20', 17], // Encompass: 17 the day before the 18th birthday
    ['2008-11-20', '2026-11-20', 18], // Encompass: the 18th birthday is past school age
  ])('should say a child born %s is, on %s, %i in whole years when counting', (dateOfBirth, onDate, age) => {
    expect(ageOn(dateOfBirth, onDate)).toBe(age);
  });

  it.each<[string, string, string]>([
    ['2026-02-30', '2026-11-20', 'the date of birth is not a real date'], // API.md: dates are YYYY-MM-DD
    ['2021-02-29', '2026-11-20', 'the date of birth is 29 Feb in a common year'], // API.md: dates are real dates
    ['20-01-01', '2026-11-20', 'the date of birth is not YYYY-MM-DD'], // API.md: dates are YYYY-MM-DD
    ['2020-01-01', '2026-13-01', 'the date asked about has a 13th month'], // API.md: dates are real dates
    ['2026-11-21', '2026-11-20', 'the child was born after the date asked about'], // a data error, not an age of -1
  ])('should throw when born %s on %s because %s', (dateOfBirth, onDate) => {
    expect(() => ageOn(dateOfBirth, onDate)).toThrow();
  });
});

describe('needsEncompass', () => {
  const INCIDENT = '2026-11-20';

  it.each<{ when: string; dateOfBirth: string; school?: string | null; needed: boolean }>([
    // DOMAIN.md Operation Encompass: a school named, whatever the age
    {
      when: 'the child is 3 and a school is named',
      dateOfBirth: '2023-01-10',
      school: 'Ashfield Nursery',
      needed: true,
    },
    // DOMAIN.md Operation Encompass: 3 is below school age 4
    { when: 'the child is 3 and no school is named', dateOfBirth: '2023-01-10', needed: false },
    // the api may send null for a school it leaves out
    { when: 'the child is 3 and the school is null', dateOfBirth: '2023-01-10', school: null, needed: false },
    // a blank school names no school
    {
      when: 'the child is 3 and the school is blank',
      dateOfBirth: '2023-01-10',
      school: '   ',
      needed: false,
    },
    // DOMAIN.md Operation Encompass: 4 on the incident date (the lower boundary)
    { when: 'the child turns 4 on the incident date', dateOfBirth: '2022-11-20', needed: true },
    // DOMAIN.md Operation Encompass: still 3 on the incident date
    { when: 'the child turns 4 the day after the incident', dateOfBirth: '2022-11-21', needed: false },
    // DOMAIN.md Operation Encompass: 17 is school age (the upper boundary)
    { when: 'the child is 17', dateOfBirth: '2009-01-10', needed: true },
    // DOMAIN.md Operation Encompass: 17 until the 18th birthday
    { when: 'the child turns 18 the day after the incident', dateOfBirth: '2008-11-21', needed: true },
    // DOMAIN.md Operation Encompass: 18 on the incident date is past 17
    { when: 'the child turns 18 on the incident date', dateOfBirth: '2008-11-20', needed: false },
    // DOMAIN.md Operation Encompass: 18 without a school is not told
    { when: 'the child is 18 and no school is named', dateOfBirth: '2008-01-10', needed: false },
    // DOMAIN.md Operation Encompass: 18 with a school named is told
    {
      when: 'the child is 18 and a school is named',
      dateOfBirth: '2008-01-10',
      school: 'Cleveland Sixth Form',
      needed: true,
    },
  ])('should return $needed when $when', ({ dateOfBirth, school, needed }) => {
    expect(needsEncompass({ dateOfBirth, school }, INCIDENT, matrix)).toBe(needed);
  });

  it('should judge age on the London date when the incident is late on a summer evening in utc', () => {
    // DOMAIN.md Operation Encompass: age on the incident date; 23:30 utc on 30 June is 00:30 on 1 July (BST)
    const incidentDate = calendar.localDate(new Date('2026-06-30T23:30:00Z'));
    expect(incidentDate).toBe('2026-07-01');
    expect(needsEncompass({ dateOfBirth: '2022-07-01' }, incidentDate, matrix)).toBe(true);
  });
});

describe('checkTriage', () => {
  const fields = (input: TriageDecisionInput, given: TriageSuggestion = suggestion()): string[] =>
    checkTriage(input, given).map((error) => error.field);
  const maracSuggested = suggestion({ marac: true, maracReasons: ['risk level HIGH'] });

  it.each<{ when: string; input: TriageDecisionInput; errors: string[] }>([
    // DOMAIN.md DA triage: only an override needs a rationale
    { when: 'the suggested outcome is kept without a rationale', input: { outcome: 'CONTACT' }, errors: [] },
    // a rationale on the suggested outcome is welcome, however short
    {
      when: 'the suggested outcome is kept with a short rationale',
      input: { outcome: 'CONTACT', rationale: 'ok' },
      errors: [],
    },
    // DOMAIN.md DA triage: overriding the suggestion (down) needs a rationale
    {
      when: 'the outcome is lowered without a rationale',
      input: { outcome: 'INFORMATION_ONLY' },
      errors: ['rationale'],
    },
    // DOMAIN.md DA triage: overriding the suggestion (up) needs a rationale too
    {
      when: 'the outcome is raised without a rationale',
      input: { outcome: 'URGENT_CONTACT' },
      errors: ['rationale'],
    },
    // DOMAIN.md DA triage: an empty rationale is none
    {
      when: 'an override has an empty rationale',
      input: { outcome: 'URGENT_CONTACT', rationale: '' },
      errors: ['rationale'],
    },
    // brief: 10+ characters after trim, so 9 is short
    {
      when: 'an override has 9 characters of rationale',
      input: { outcome: 'URGENT_CONTACT', rationale: 'x'.repeat(9) },
      errors: ['rationale'],
    },
    // brief: 10+ characters after trim, so padding does not count
    {
      when: 'an override has 9 characters inside padding',
      input: { outcome: 'URGENT_CONTACT', rationale: `  ${'x'.repeat(9)}\n ` },
      errors: ['rationale'],
    },
    // brief: 10+ characters after trim (the boundary)
    {
      when: 'an override has 10 characters of rationale',
      input: { outcome: 'URGENT_CONTACT', rationale: 'x'.repeat(10) },
      errors: [],
    },
    // DOMAIN.md DA triage: an override with its rationale
    {
      when: 'an override gives its reason',
      input: { outcome: 'INFORMATION_ONLY', rationale: 'known to school, safety plan in place' },
      errors: [],
    },
  ])('should return errors on $errors when $when', ({ input, errors }) => {
    expect(fields(input)).toEqual(errors);
  });

  it.each<{ when: string; input: TriageDecisionInput; suggested: TriageSuggestion; errors: string[] }>([
    // DOMAIN.md DA triage: MARAC is never lowered below the tool's result
    {
      when: 'MARAC is lowered',
      input: { outcome: 'CONTACT', marac: false },
      suggested: maracSuggested,
      errors: ['marac'],
    },
    // leaving marac out keeps the rule's result
    { when: 'MARAC is left out', input: { outcome: 'CONTACT' }, suggested: maracSuggested, errors: [] },
    // DOMAIN.md DA triage: confirming the flag
    {
      when: 'MARAC is confirmed',
      input: { outcome: 'CONTACT', marac: true },
      suggested: maracSuggested,
      errors: [],
    },
    // DOMAIN.md DA triage: MARAC may be raised by professional judgement
    {
      when: 'MARAC is raised',
      input: { outcome: 'CONTACT', marac: true },
      suggested: suggestion(),
      errors: [],
    },
    // DOMAIN.md DA triage: no flag where the rule gives none
    {
      when: 'MARAC is false on both sides',
      input: { outcome: 'CONTACT', marac: false },
      suggested: suggestion(),
      errors: [],
    },
    // every problem at once, in the order of the request body
    {
      when: 'the outcome is overridden without a rationale and MARAC is lowered',
      input: { outcome: 'URGENT_CONTACT', marac: false },
      suggested: maracSuggested,
      errors: ['rationale', 'marac'],
    },
  ])('should return errors on $errors when $when', ({ input, suggested, errors }) => {
    expect(fields(input, suggested)).toEqual(errors);
  });

  it('should name the suggestion and the MARAC reasons when the triage is refused', () => {
    const suggested = suggestion({
      marac: true,
      maracReasons: ['risk level HIGH', 'DASH score 15 (14 or more)'],
    });
    expect(
      checkTriage({ outcome: 'INFORMATION_ONLY', rationale: 'too short', marac: false }, suggested),
    ).toEqual([
      {
        field: 'rationale',
        message: 'must be at least 10 characters: the outcome differs from the suggested CONTACT',
      },
      {
        field: 'marac',
        message:
          'cannot be lowered: the MARAC criteria are met (risk level HIGH; DASH score 15 (14 or more))',
      },
    ]);
    expect(checkTriage({ outcome: 'URGENT_CONTACT' }, suggestion())).toEqual([
      { field: 'rationale', message: 'required: the outcome differs from the suggested CONTACT' },
    ]);
  });
});

describe('finalMarac', () => {
  it.each<[boolean, boolean | undefined, boolean]>([
    [true, undefined, true], // DOMAIN.md DA triage: the rule's result stands when the screener says nothing
    [true, true, true], // DOMAIN.md DA triage: confirmed
    [true, false, true], // DOMAIN.md DA triage: never lowered (checkTriage refuses it first)
    [false, true, true], // DOMAIN.md DA triage: raised by professional judgement
    [false, false, false], // DOMAIN.md DA triage: no criterion and no judgement
    [false, undefined, false], // DOMAIN.md DA triage: no criterion and nothing said
  ])(
    'should combine rule %s and screener %s into a final flag %s when triaged',
    (suggested, chosen, final) => {
      expect(finalMarac({ outcome: 'CONTACT', marac: chosen }, suggestion({ marac: suggested }))).toBe(final);
    },
  );
});

describe('with a council-edited matrix', () => {
  it('should read the DASH thresholds from the matrix when a council raises them to 20', () => {
    const edited = edit((m) => {
      m.urgentContact.dashScoreAtLeast = 20;
      m.marac.dashScoreAtLeast = 20;
    });
    const given = facts({ dashScore: 15 });
    expect(suggestTriage(given, matrix)).toMatchObject({ outcome: 'URGENT_CONTACT', marac: true });
    expect(suggestTriage(given, edited)).toEqual({
      outcome: 'CONTACT',
      marac: false,
      reasons: ['DASH score 15 (10 or more)'],
      maracReasons: [],
    });
    expect(suggestTriage(facts({ dashScore: 20 }), edited)).toMatchObject({
      outcome: 'URGENT_CONTACT',
      reasons: ['DASH score 20 (20 or more)'],
      marac: true,
    });
  });

  it.each<{
    when: string;
    change: (m: DaTriagePolicySchema) => void;
    given: Partial<TriageFacts>;
    shipped: TriageOutcome;
    council: TriageOutcome;
  }>([
    // config/da-triage-matrix.yml: contact.riskLevels is read from config
    {
      when: 'a council adds STANDARD to contact.riskLevels',
      change: (m) => void (m.contact.riskLevels = ['STANDARD', 'MEDIUM']),
      given: {},
      shipped: 'INFORMATION_ONLY',
      council: 'CONTACT',
    },
    // config/da-triage-matrix.yml: urgentContact.riskLevels is read from config
    {
      when: 'a council adds MEDIUM to urgentContact.riskLevels',
      change: (m) => void (m.urgentContact.riskLevels = ['MEDIUM', 'HIGH']),
      given: { riskLevel: 'MEDIUM' },
      shipped: 'CONTACT',
      council: 'URGENT_CONTACT',
    },
    // config/da-triage-matrix.yml: victimNotificationsInLast12MonthsAtLeast is read from config
    {
      when: 'a council lowers victimNotificationsInLast12MonthsAtLeast to 2',
      change: (m) => void (m.contact.victimNotificationsInLast12MonthsAtLeast = 2),
      given: { earlierVictimNotificationsInLast12Months: 1 },
      shipped: 'INFORMATION_ONLY',
      council: 'CONTACT',
    },
  ])('should suggest $council (shipped: $shipped) when $when', ({ change, given, shipped, council }) => {
    expect(suggestTriage(facts(given), matrix).outcome).toBe(shipped);
    expect(suggestTriage(facts(given), edit(change)).outcome).toBe(council);
  });

  it('should read MARAC incidents and the months since a flag from the matrix when a council edits them', () => {
    const edited = edit((m) => {
      m.marac.policeIncidentsInLast12MonthsAtLeast = 2;
      m.marac.monthsSincePreviousMaracFlag = 18;
    });
    expect(
      suggestTriage(
        facts({ earlierVictimNotificationsInLast12Months: 1, earlierMaracFlagInLast12Months: true }),
        edited,
      ).maracReasons,
    ).toEqual([
      '2 police-reported incidents for this victim in 12 months (potential escalation)',
      'an incident within 18 months of a previous MARAC flag',
    ]);
  });

  it('should read the triage timescales from the matrix when a council shortens them', () => {
    const edited = edit((m) => {
      m.triageDue.URGENT_CONTACT = { kind: 'elapsedHours', amount: 2 };
      m.triageDue.otherwise = { kind: 'elapsedHours', amount: 8 };
    });
    const receivedAt = new Date('2026-11-20T22:00:00Z');
    expect(triageDueAt(receivedAt, 'URGENT_CONTACT', calendar, edited).toISOString()).toBe(
      '2026-11-21T00:00:00.000Z',
    );
    expect(triageDueAt(receivedAt, 'CONTACT', calendar, edited).toISOString()).toBe(
      '2026-11-21T06:00:00.000Z',
    );
  });

  it('should read school ages from the matrix when a council narrows them to 5..15', () => {
    const edited = edit((m) => {
      m.encompass.schoolAgeFrom = 5;
      m.encompass.schoolAgeTo = 15;
    });
    // 4 and 16 on 2026-11-20
    for (const dateOfBirth of ['2022-01-10', '2010-01-10']) {
      expect(needsEncompass({ dateOfBirth }, '2026-11-20', matrix)).toBe(true);
      expect(needsEncompass({ dateOfBirth }, '2026-11-20', edited)).toBe(false);
    }
  });
});

describe('TRIAGE_OUTCOMES', () => {
  it('should list the three outcomes from least to most urgent when read', () => {
    // API.md Domestic-abuse notifications: INFORMATION_ONLY|CONTACT|URGENT_CONTACT
    expect(TRIAGE_OUTCOMES).toEqual(['INFORMATION_ONLY', 'CONTACT', 'URGENT_CONTACT']);
  });
});

// issue 16: the transparent matrix shows the rows suggestTriage applies, in its order, from the file
describe('matrixRows (DOMAIN.md DA notification triage, config/da-triage-matrix.yml)', () => {
  const shown = matrixRows(matrix);
  const settings = (outcome: TriageOutcome) =>
    shown.rows.find((row) => row.outcome === outcome)?.criteria.map((c) => `${c.setting}=${c.value}`);

  it.each`
    outcome               | expected                                                                                                                                                                                                                                      | rule
    ${'URGENT_CONTACT'}   | ${['urgentContact.riskLevels=[HIGH]', 'urgentContact.dashScoreAtLeast=14', 'urgentContact.anyChildInjured=true', 'urgentContact.weaponUsedWithChildPresent=true']}                                                                            | ${'the urgent row: HIGH, DASH 14+, a child injured, a weapon with a child present'}
    ${'CONTACT'}          | ${['contact.riskLevels=[MEDIUM]', 'contact.dashScoreAtLeast=10', 'contact.anyChildWitnessed=true', 'contact.victimPregnant=true', 'contact.victimNotificationsInLast12MonthsAtLeast=3', 'contact.childContactOrReferralInLast12Months=true']} | ${'the contact row: MEDIUM, DASH 10+, witnessed, pregnant, 3+ in 12 months, a known child'}
    ${'INFORMATION_ONLY'} | ${[]}                                                                                                                                                                                                                                         | ${'information only: no criterion of its own, it is what is left'}
  `(
    'should show $outcome as $rule',
    ({ outcome, expected }: { outcome: TriageOutcome; expected: string[] }) => {
      expect(settings(outcome)).toEqual(expected);
    },
  );

  it('should list the rows in the order they are tried, first match wins', () => {
    expect(shown.rows.map((row) => row.outcome)).toEqual(['URGENT_CONTACT', 'CONTACT', 'INFORMATION_ONLY']);
  });

  it('should word each criterion as the reasons of a suggestion word it', () => {
    const fired = suggestTriage(facts({ riskLevel: 'HIGH', dashScore: 16 }), matrix);
    const urgent = shown.rows[0].criteria.map((c) => c.text);
    expect(urgent).toContain('risk level HIGH');
    expect(fired.reasons).toContain('risk level HIGH');
    expect(shown.marac.map((c) => c.setting)).toEqual([
      'marac.riskLevels',
      'marac.dashScoreAtLeast',
      'marac.policeIncidentsInLast12MonthsAtLeast',
      'marac.monthsSincePreviousMaracFlag',
    ]);
  });

  it('should leave out a criterion the council switched off, which cannot fire', () => {
    const off = matrixRows({
      ...matrix,
      urgentContact: { ...matrix.urgentContact, anyChildInjured: false, riskLevels: [] },
    });
    expect(off.rows[0].criteria.map((c) => c.setting)).toEqual([
      'urgentContact.dashScoreAtLeast',
      'urgentContact.weaponUsedWithChildPresent',
    ]);
  });
});
