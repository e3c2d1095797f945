import {
  flaggedScreeners,
  nfaOnRedAmber,
  screenerMixes,
  teamMix,
  type DecisionTally,
} from './consistency-rules';

// tallies: [user, rag, outcome, count, rejected?, overridden?]
type Row = [string, 'RED' | 'AMBER' | 'GREEN', DecisionTally['outcome'], number, boolean?, boolean?];
const tallies = (rows: Row[]): DecisionTally[] =>
  rows.map(([user, rag, outcome, count, rejected = false, overridden = false]) => ({
    userId: user,
    name: `Screener ${user}`,
    rag,
    outcome,
    count,
    rejected,
    overridden,
  }));

const rule = { nfaShareMargin: 0.15, minimumDecisions: 20 };

describe('consistency rules (issue 21 item 2)', () => {
  // rule C1: NFA among the standing RED and AMBER decisions; GREEN and rejected ones are not counted
  it.each<[string, Row[], [number, number]]>([
    ['none decided', [], [0, 0]],
    [
      'RED and AMBER pooled',
      [
        ['a', 'RED', 'NFA', 2],
        ['a', 'AMBER', 'NFA', 1],
        ['a', 'AMBER', 'EARLY_HELP', 1],
      ],
      [3, 4],
    ],
    [
      'GREEN left out',
      [
        ['a', 'GREEN', 'NFA', 5],
        ['a', 'RED', 'SOCIAL_CARE_ASSESSMENT', 1],
      ],
      [0, 1],
    ],
    [
      'a rejected decision left out',
      [
        ['a', 'RED', 'NFA', 3, true],
        ['a', 'RED', 'NFA', 1],
      ],
      [1, 1],
    ],
  ])('C1 %s', (_, rows, [numerator, denominator]) => {
    const share = nfaOnRedAmber(tallies(rows));
    expect([share.numerator, share.denominator]).toEqual([numerator, denominator]);
  });

  // rule C2: listed when the share differs from the rest's by more than the margin, over at least the minimum
  it.each<[string, Row[], string[]]>([
    // a: 12 of 20 NFA (60%); b: 8 of 40 (20%): a is 40 points over, b is 40 under but b's rest is a alone
    [
      'both ways, each against the others',
      [
        ['a', 'RED', 'NFA', 12],
        ['a', 'AMBER', 'EARLY_HELP', 8],
        ['b', 'AMBER', 'NFA', 8],
        ['b', 'RED', 'STRATEGY_DISCUSSION', 32],
      ],
      ['a', 'b'],
    ],
    // a has 19 RED/AMBER decisions: too few to list, however different
    [
      'under the minimum count',
      [
        ['a', 'RED', 'NFA', 19],
        ['b', 'RED', 'EARLY_HELP', 40],
      ],
      ['b'],
    ],
    // exactly 15 points apart (35% against 20%) is not more than the margin
    [
      'at the margin, not over it',
      [
        ['a', 'RED', 'NFA', 7],
        ['a', 'RED', 'EARLY_HELP', 13],
        ['b', 'RED', 'NFA', 4],
        ['b', 'RED', 'EARLY_HELP', 16],
      ],
      [],
    ],
    ['no one else to compare with', [['a', 'RED', 'NFA', 30]], []],
    // GREEN decisions do not make up the minimum
    [
      'GREEN does not count to the minimum',
      [
        ['a', 'GREEN', 'NFA', 30],
        ['a', 'RED', 'NFA', 5],
        ['b', 'RED', 'EARLY_HELP', 30],
      ],
      ['b'],
    ],
  ])('C2 %s', (_, rows, expected) => {
    expect(flaggedScreeners(tallies(rows), rule).map((f) => f.userId)).toEqual(expected);
  });

  it('C2 says the figures behind a listing, in percentage points', () => {
    const [a] = flaggedScreeners(
      tallies([
        ['a', 'RED', 'NFA', 12],
        ['a', 'AMBER', 'EARLY_HELP', 8],
        ['b', 'AMBER', 'NFA', 8],
        ['b', 'RED', 'STRATEGY_DISCUSSION', 32],
      ]),
      rule,
    );
    expect(a).toEqual({
      userId: 'a',
      name: 'Screener a',
      nfaOnRedAmber: { numerator: 12, denominator: 20, percent: 60 },
      restOfTeam: { numerator: 8, denominator: 40, percent: 20 },
      differencePoints: 40,
    });
  });

  it('the outcome mix of a RAG: shares of the standing decisions, overrides among them, rejections apart', () => {
    const [red] = teamMix(
      tallies([
        ['a', 'RED', 'NFA', 1, false, true],
        ['a', 'RED', 'STRATEGY_DISCUSSION', 3],
        ['b', 'RED', 'NFA', 2, true],
      ]),
    );
    expect(red.rag).toBe('RED');
    expect(red.decisions).toBe(4);
    expect(red.outcomes.find((o) => o.outcome === 'NFA')).toEqual({
      outcome: 'NFA',
      count: 1,
      share: { numerator: 1, denominator: 4, percent: 25 },
    });
    expect(red.overrides).toEqual({ numerator: 1, denominator: 4, percent: 25 });
    expect(red.rejections).toBe(2);
  });

  it('screeners by name, each with every RAG', () => {
    const mixes = screenerMixes(
      tallies([
        ['b', 'GREEN', 'NFA', 1],
        ['a', 'RED', 'NFA', 1],
      ]),
    );
    expect(mixes.map((m) => m.name)).toEqual(['Screener a', 'Screener b']);
    expect(mixes[0].byRag.map((m) => m.rag)).toEqual(['RED', 'AMBER', 'GREEN']);
  });
});
