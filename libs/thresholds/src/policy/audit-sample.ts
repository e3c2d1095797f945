import { createHash } from 'node:crypto';
import type { AuditSampleSchema } from '@app/core';

// issue 21 item 3 (decision 0034): the weekly dip sample, pure so that anyone holding a draw's
// seed and population can draw it again and get the same decisions.

export interface Drawable {
  decisionId: string;
  decidedBy: string;
}

// how many of one screener's n decisions are drawn (DOMAIN: a share rounded up, or a number,
// never fewer than the minimum of anyone who decided anything, never more than they made)
export function sampleSize(n: number, sample: AuditSampleSchema): number {
  if (n <= 0) return 0;
  const wanted = sample.perScreener ?? Math.ceil(n * (sample.share ?? 0) - 1e-9);
  return Math.min(n, Math.max(sample.minimumPerScreener, wanted));
}

// a decision's place in the seed's order: the hash of the seed and its id. Nothing a screener
// writes (rationale, time, RAG) moves it; only the seed, drawn after the week has ended.
export function drawKey(seed: string, decisionId: string): string {
  return createHash('sha256').update(`${seed}:${decisionId}`).digest('hex');
}

// each screener's decisions in the seed's order
export function seededOrder(seed: string, population: readonly Drawable[]): Map<string, Drawable[]> {
  const keyed = population.map((d) => ({ d, key: drawKey(seed, d.decisionId) }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const byScreener = new Map<string, Drawable[]>();
  for (const { d } of keyed) {
    const list = byScreener.get(d.decidedBy) ?? [];
    list.push(d);
    byScreener.set(d.decidedBy, list);
  }
  return byScreener;
}

// the sample: the first sampleSize of each screener's decisions in the seed's order, screeners
// by id, so the same seed and population always give the same list in the same order
export function drawSample(
  seed: string,
  population: readonly Drawable[],
  sample: AuditSampleSchema,
): Drawable[] {
  const byScreener = seededOrder(seed, population);
  return [...byScreener.keys()].sort().flatMap((screener) => {
    const list = byScreener.get(screener) ?? [];
    return list.slice(0, sampleSize(list.length, sample));
  });
}

// a swap's replacement: the screener's next decision in the seed's order not yet drawn (null:
// every one of theirs that week is drawn already)
export function nextInOrder(
  seed: string,
  population: readonly Drawable[],
  decidedBy: string,
  drawn: ReadonlySet<string>,
): Drawable | null {
  return (
    seededOrder(seed, population)
      .get(decidedBy)
      ?.find((d) => !drawn.has(d.decisionId)) ?? null
  );
}
