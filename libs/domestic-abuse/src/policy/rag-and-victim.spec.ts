import { ragForTriage, TRIAGE_OUTCOMES, victimKey, type TriageOutcome } from './triage-rules';

describe('ragForTriage (DOMAIN.md: URGENT_CONTACT is a RED contact per child, CONTACT an AMBER one)', () => {
  it.each([
    ['URGENT_CONTACT', 'RED'],
    ['CONTACT', 'AMBER'],
    ['INFORMATION_ONLY', 'AMBER'],
  ] as [TriageOutcome, string][])('%s -> %s', (outcome, rag) => {
    expect(ragForTriage(outcome)).toBe(rag);
  });

  it('rates every outcome', () => {
    for (const outcome of TRIAGE_OUTCOMES) expect(['RED', 'AMBER']).toContain(ragForTriage(outcome));
  });
});

describe('victimKey (DOMAIN.md: notifications for the same victim; names as the child register matches them)', () => {
  const key = (firstName: string, lastName: string, dateOfBirth?: string) =>
    victimKey({ firstName, lastName, dateOfBirth });

  it.each([
    ['case ignored', key('Jane', 'Smith', '1990-01-02'), key('JANE', 'smith', '1990-01-02'), true],
    ['spaces ignored', key('Mary Ann', ' Smith ', '1990-01-02'), key('maryann', 'smith', '1990-01-02'), true],
    ['apostrophes alike', key('Siobhan', 'O\u2019Neill'), key('siobhan', "o'neill"), true],
    ['another date of birth', key('Jane', 'Smith', '1990-01-02'), key('Jane', 'Smith', '1991-01-02'), false],
    ['a date of birth against none', key('Jane', 'Smith', '1990-01-02'), key('Jane', 'Smith'), false],
    ['first and last name swapped', key('Jane', 'Smith'), key('Smith', 'Jane'), false],
  ])('%s', (_what, a, b, same) => {
    expect(a === b).toBe(same);
  });

  it('keeps names apart that join the same', () => {
    expect(key('Ann', 'Elliot')).not.toBe(key('Anne', 'Lliot'));
  });
});
