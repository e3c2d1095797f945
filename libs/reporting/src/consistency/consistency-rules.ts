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

// issue 21 item 4: one drawn decision's audit, as the figures count it
export interface AuditRecord {
  decidedBy: string;
  name: string;
  status: 'OPEN' | 'COMPLETED';
  thresholdCorrect: 'YES' | 'PARTLY' | 'NO' | null;
  grade: string | null;
  // the local month it was answered in (YYYY-MM), and whether by its due time
  month: string | null;
  onTime: boolean | null;
  overdue: boolean;
}

export const AUDIT_GRADES = ['OUTSTANDING', 'GOOD', 'REQUIRES_IMPROVEMENT', 'INADEQUATE'] as const;

export interface AuditJudgement {
  key: string | null;
  label: string;
  yes: number;
  partly: number;
  no: number;
  correct: Ratio;
}

function judged(key: string, label: string, records: AuditRecord[]): AuditJudgement {
  const count = (answer: string) => records.filter((r) => r.thresholdCorrect === answer).length;
  const answered = records.filter((r) => r.status === 'COMPLETED').length;
  return {
    key,
    label,
    yes: count('YES'),
    partly: count('PARTLY'),
    no: count('NO'),
    correct: ratio(count('YES'), answered),
  };
}

function groupBy(records: AuditRecord[], key: (r: AuditRecord) => string | null): Map<string, AuditRecord[]> {
  const groups = new Map<string, AuditRecord[]>();
  for (const r of records) {
    const k = key(r);
    if (k === null) continue;
    groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  return groups;
}

// audits on time (of those answered), the share judged correct (YES of those answered) by
// screener and by month, and the grades given
export function auditFigures(records: AuditRecord[]) {
  const answered = records.filter((r) => r.status === 'COMPLETED');
  const byScreener = [...groupBy(answered, (r) => r.decidedBy)]
    .map(([id, rs]) => judged(id, rs[0].name, rs))
    .sort((a, b) => a.label.localeCompare(b.label) || (a.key ?? '').localeCompare(b.key ?? ''));
  const byMonth = [...groupBy(answered, (r) => r.month)]
    .map(([month, rs]) => judged(month, month, rs))
    .sort((a, b) => a.label.localeCompare(b.label));
  return {
    drawn: records.length,
    onTime: ratio(answered.filter((r) => r.onTime).length, answered.length),
    late: answered.filter((r) => r.onTime === false).length,
    open: records.filter((r) => r.status === 'OPEN').length,
    overdue: records.filter((r) => r.overdue).length,
    byScreener,
    byMonth,
    grades: AUDIT_GRADES.map((grade) => ({ grade, count: answered.filter((r) => r.grade === grade).length })),
  };
}

// the months (YYYY-MM) of a year to a date's month, oldest first
export function twelveMonthsTo(date: string): string[] {
  const [year, month] = date.split('-').map(Number);
  return Array.from({ length: 12 }, (_, i) => {
    const m = year * 12 + (month - 1) - (11 - i);
    return `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
  });
}

// each month's boomerang rate, months with no closure included (0 of 0)
export function boomerangTrend(
  months: string[],
  rows: { month: string; returned: number; closed: number }[],
) {
  return months.map((month) => {
    const row = rows.find((r) => r.month === month);
    return { month, rate: ratio(row?.returned ?? 0, row?.closed ?? 0) };
  });
}
