import type { AuditSampleSchema } from '@app/core';
import { drawKey, drawSample, nextInOrder, sampleSize, type Drawable } from './audit-sample';

const share = (s: number, minimumPerScreener = 1): AuditSampleSchema => ({ share: s, minimumPerScreener });
const perScreener = (n: number, minimumPerScreener = 1): AuditSampleSchema => ({
  perScreener: n,
  minimumPerScreener,
});

function decisions(screener: string, n: number): Drawable[] {
  return Array.from({ length: n }, (_, i) => ({
    decisionId: `00000000-0000-4000-8000-${screener}${String(i).padStart(12 - screener.length, '0')}`,
    decidedBy: screener,
  }));
}

describe('sampleSize (issue 21 item 3: a share or a number per screener, at least one of anyone who decided)', () => {
  it.each`
    n     | sample               | expected | rule
    ${0}  | ${share(0.1)}        | ${0}     | ${'nobody is sampled who decided nothing'}
    ${1}  | ${share(0.1)}        | ${1}     | ${'at least one per screener who decided anything'}
    ${9}  | ${share(0.1)}        | ${1}     | ${'a share rounds up'}
    ${10} | ${share(0.1)}        | ${1}     | ${'exactly a tenth of ten is one'}
    ${11} | ${share(0.1)}        | ${2}     | ${'a share rounds up, not to nearest'}
    ${30} | ${share(0.1)}        | ${3}     | ${'a tenth of thirty (no floating-point extra)'}
    ${5}  | ${share(0.1, 2)}     | ${2}     | ${'the configured minimum'}
    ${1}  | ${share(0.1, 2)}     | ${1}     | ${'never more than the screener made'}
    ${7}  | ${perScreener(2)}    | ${2}     | ${'a number per screener'}
    ${1}  | ${perScreener(2)}    | ${1}     | ${'a number, capped at what they made'}
    ${4}  | ${perScreener(1, 3)} | ${3}     | ${'the minimum above the number'}
    ${4}  | ${share(1)}          | ${4}     | ${'a share of one takes everything'}
  `('takes $expected of $n: $rule', ({ n, sample, expected }) => {
    expect(sampleSize(n as number, sample as AuditSampleSchema)).toBe(expected);
  });
});

describe('drawSample (issue 21 acceptance: the same seed gives the same sample)', () => {
  const population = [...decisions('a', 25), ...decisions('b', 3), ...decisions('c', 1)];

  it('takes the share of each screener, at least one each', () => {
    const drawn = drawSample('seed-one-0123456789', population, share(0.1));
    const count = (s: string) => drawn.filter((d) => d.decidedBy === s).length;
    expect([count('a'), count('b'), count('c')]).toEqual([3, 1, 1]);
  });

  it('gives the same list for the same seed, whatever order the population is read in', () => {
    const once = drawSample('seed-one-0123456789', population, share(0.1));
    const again = drawSample('seed-one-0123456789', [...population].reverse(), share(0.1));
    expect(again).toEqual(once);
  });

  it('gives another list for another seed', () => {
    const seeds = ['seed-one-0123456789', 'seed-two-0123456789', 'seed-six-0123456789'];
    const lists = seeds.map((seed) => JSON.stringify(drawSample(seed, population, share(0.2))));
    expect(new Set(lists).size).toBeGreaterThan(1);
  });

  it('orders by the hash of seed and id alone', () => {
    expect(drawKey('s', 'x')).toBe(drawKey('s', 'x'));
    expect(drawKey('s', 'x')).not.toBe(drawKey('t', 'x'));
  });
});

describe('nextInOrder (issue 21 item 5: a swap takes the next of the same screener in the seed order)', () => {
  const population = [...decisions('a', 4), ...decisions('b', 2)];
  const seed = 'seed-swap-0123456789';

  it('takes the same screener’s next undrawn decision', () => {
    const [first] = drawSample(seed, population, perScreener(1)).filter((d) => d.decidedBy === 'a');
    const next = nextInOrder(seed, population, 'a', new Set([first.decisionId]));
    expect(next?.decidedBy).toBe('a');
    expect(next?.decisionId).not.toBe(first.decisionId);
    // and it is the second in the seed order: a sample of two would have taken both
    const two = drawSample(seed, population, perScreener(2)).filter((d) => d.decidedBy === 'a');
    expect(two.map((d) => d.decisionId)).toEqual([first.decisionId, next?.decisionId]);
  });

  it('finds none when every decision of theirs is drawn', () => {
    const all = new Set(population.filter((d) => d.decidedBy === 'b').map((d) => d.decisionId));
    expect(nextInOrder(seed, population, 'b', all)).toBeNull();
  });
});
