import {
  auditFigures,
  boomerangTrend,
  twelveMonthsTo,
  type AuditRecord,
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

describe('audit figures (issue 21 item 4)', () => {
  const rec = (
    decidedBy: string,
    status: 'OPEN' | 'COMPLETED',
    thresholdCorrect: AuditRecord['thresholdCorrect'] = null,
    extra: Partial<AuditRecord> = {},
  ): AuditRecord => ({
    decidedBy,
    name: `Screener ${decidedBy}`,
    status,
    thresholdCorrect,
    grade: status === 'COMPLETED' ? 'GOOD' : null,
    month: status === 'COMPLETED' ? '2026-11' : null,
    onTime: status === 'COMPLETED' ? true : null,
    overdue: false,
    ...extra,
  });

  it.each`
    records                                                                                        | onTime                                             | late | open | overdue | rule
    ${[]}                                                                                          | ${{ numerator: 0, denominator: 0, percent: null }} | ${0} | ${0} | ${0}    | ${'no audits: no share, not zero'}
    ${[rec('a', 'COMPLETED', 'YES'), rec('a', 'COMPLETED', 'NO', { onTime: false })]}              | ${{ numerator: 1, denominator: 2, percent: 50 }}   | ${1} | ${0} | ${0}    | ${'on time of those answered'}
    ${[rec('a', 'OPEN'), rec('b', 'OPEN', null, { overdue: true }), rec('a', 'COMPLETED', 'YES')]} | ${{ numerator: 1, denominator: 1, percent: 100 }}  | ${0} | ${2} | ${1}    | ${'open ones are not late, overdue ones counted apart'}
  `('$rule', ({ records, onTime, late, open, overdue }) => {
    const figures = auditFigures(records as AuditRecord[]);
    expect(figures.onTime).toEqual(onTime);
    expect([figures.late, figures.open, figures.overdue]).toEqual([late, open, overdue]);
    expect(figures.drawn).toBe((records as AuditRecord[]).length);
  });

  it('judged correct: YES of those answered, by screener and by month; every grade listed', () => {
    const figures = auditFigures([
      rec('b', 'COMPLETED', 'YES'),
      rec('a', 'COMPLETED', 'PARTLY', { month: '2026-10', grade: 'REQUIRES_IMPROVEMENT' }),
      rec('a', 'COMPLETED', 'YES'),
      rec('a', 'OPEN'),
    ]);
    expect(figures.byScreener).toEqual([
      {
        key: 'a',
        label: 'Screener a',
        yes: 1,
        partly: 1,
        no: 0,
        correct: { numerator: 1, denominator: 2, percent: 50 },
      },
      {
        key: 'b',
        label: 'Screener b',
        yes: 1,
        partly: 0,
        no: 0,
        correct: { numerator: 1, denominator: 1, percent: 100 },
      },
    ]);
    expect(figures.byMonth.map((m) => [m.label, m.correct.numerator, m.correct.denominator])).toEqual([
      ['2026-10', 0, 1],
      ['2026-11', 2, 2],
    ]);
    expect(figures.grades).toEqual([
      { grade: 'OUTSTANDING', count: 0 },
      { grade: 'GOOD', count: 2 },
      { grade: 'REQUIRES_IMPROVEMENT', count: 1 },
      { grade: 'INADEQUATE', count: 0 },
    ]);
  });

  it.each`
    date            | first        | last
    ${'2026-11-30'} | ${'2025-12'} | ${'2026-11'}
    ${'2027-01-04'} | ${'2026-02'} | ${'2027-01'}
  `('the trend of the year to $date runs $first to $last', ({ date, first, last }) => {
    const months = twelveMonthsTo(date as string);
    expect(months).toHaveLength(12);
    expect([months[0], months[11]]).toEqual([first, last]);
  });

  it('a month with no closure is 0 of 0 in the trend', () => {
    const trend = boomerangTrend(['2026-10', '2026-11'], [{ month: '2026-11', returned: 1, closed: 4 }]);
    expect(trend).toEqual([
      { month: '2026-10', rate: { numerator: 0, denominator: 0, percent: null } },
      { month: '2026-11', rate: { numerator: 1, denominator: 4, percent: 25 } },
    ]);
  });
});
