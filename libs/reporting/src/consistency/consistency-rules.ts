// issue 21 item 2: how a screener's threshold decisions compare with the rest of the team's.
// Pure: the tallies come from the projection, the margin and minimum from config/quality.yml.
import { DECISION_OUTCOMES, RAG_RATINGS, type DecisionOutcome, type RagRating } from '@app/core';
import { ratio, roundToTenth, type Ratio } from '../metrics/metrics-math';

// one group of a period's decisions, as the projection counts them
export interface DecisionTally {
  userId: string;
  name: string;
  rag: RagRating;
  outcome: DecisionOutcome;
  // a manager rejected it (the contact went back for a new decision)
  rejected: boolean;
  // the screener overrode the suggested RAG or the level's usual outcome
  overridden: boolean;
  count: number;
}

export interface OutcomeShare {
  outcome: DecisionOutcome;
  count: number;
  share: Ratio;
}

// a RAG's decisions: the standing ones by outcome, how many overrode, how many a manager rejected
export interface RagMix {
  rag: RagRating;
  decisions: number;
  outcomes: OutcomeShare[];
  overrides: Ratio;
  rejections: number;
}

export interface ScreenerMix {
  userId: string;
  name: string;
  byRag: RagMix[];
  // rule C1: NFA among the standing RED and AMBER decisions
  nfaOnRedAmber: Ratio;
}

export interface FlaggedScreener {
  userId: string;
  name: string;
  nfaOnRedAmber: Ratio;
  restOfTeam: Ratio;
  // the screener's share less the rest's, in percentage points, one decimal
  differencePoints: number;
}

export interface ConsistencyRule {
  nfaShareMargin: number;
  minimumDecisions: number;
}

const URGENT: readonly RagRating[] = ['RED', 'AMBER'];

function mixOf(tallies: DecisionTally[]): RagMix[] {
  return RAG_RATINGS.map((rag) => {
    const ofRag = tallies.filter((t) => t.rag === rag);
    const standing = ofRag.filter((t) => !t.rejected);
    const decisions = sum(standing);
    return {
      rag,
      decisions,
      outcomes: DECISION_OUTCOMES.map((outcome) => {
        const count = sum(standing.filter((t) => t.outcome === outcome));
        return { outcome, count, share: ratio(count, decisions) };
      }),
      overrides: ratio(sum(standing.filter((t) => t.overridden)), decisions),
      rejections: sum(ofRag.filter((t) => t.rejected)),
    };
  });
}

function sum(tallies: DecisionTally[]): number {
  return tallies.reduce((n, t) => n + t.count, 0);
}

// rule C1: the share of NFA among standing RED and AMBER decisions
export function nfaOnRedAmber(tallies: DecisionTally[]): Ratio {
  const urgent = tallies.filter((t) => !t.rejected && URGENT.includes(t.rag));
  return ratio(sum(urgent.filter((t) => t.outcome === 'NFA')), sum(urgent));
}

export function teamMix(tallies: DecisionTally[]): RagMix[] {
  return mixOf(tallies);
}

// each screener who decided anything in the period, by name
export function screenerMixes(tallies: DecisionTally[]): ScreenerMix[] {
  const byUser = new Map<string, DecisionTally[]>();
  for (const t of tallies) (byUser.get(t.userId) ?? byUser.set(t.userId, []).get(t.userId)!).push(t);
  return [...byUser.values()]
    .map((own) => ({
      userId: own[0].userId,
      name: own[0].name,
      byRag: mixOf(own),
      nfaOnRedAmber: nfaOnRedAmber(own),
    }))
    .sort((a, b) => a.name.localeCompare(b.name) || a.userId.localeCompare(b.userId));
}

// rule C2: a screener with at least `minimumDecisions` standing RED/AMBER decisions whose NFA
// share differs from the rest of the team's (everyone else's decisions pooled) by more than
// `nfaShareMargin`, either way. No comparison without a rest of the team to compare with.
export function flaggedScreeners(tallies: DecisionTally[], rule: ConsistencyRule): FlaggedScreener[] {
  const flagged: FlaggedScreener[] = [];
  for (const screener of screenerMixes(tallies)) {
    const own = screener.nfaOnRedAmber;
    if (own.denominator < rule.minimumDecisions) continue;
    const rest = nfaOnRedAmber(tallies.filter((t) => t.userId !== screener.userId));
    if (rest.denominator === 0) continue;
    const difference = own.numerator / own.denominator - rest.numerator / rest.denominator;
    // compared in whole thousandths, so a difference exactly at the margin is not over it
    if (Math.round(Math.abs(difference) * 1000) <= Math.round(rule.nfaShareMargin * 1000)) continue;
    flagged.push({
      userId: screener.userId,
      name: screener.name,
      nfaOnRedAmber: own,
      restOfTeam: rest,
      differencePoints: roundToTenth(difference * 100) ?? 0,
    });
  }
  return flagged;
}
