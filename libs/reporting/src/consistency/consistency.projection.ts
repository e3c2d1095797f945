import type { EntityManager } from 'typeorm';
import type { BoomerangPolicySchema } from '@app/core';
import { ratio } from '../metrics/metrics-math';
import type { DecisionTally } from './consistency-rules';
import type { BoomerangFiguresDto, BoomerangRateDto } from './consistency.dto';

// issue 21: the threshold decisions made in [start, end], counted by who decided, the
// contact's RAG, the outcome, whether a manager rejected it and whether it overrode (a declared
// read of thresholds' threshold_decision, contacts' contact, auth's app_user), on
// ix_threshold_decision_decided_at
export async function decisionTallies(
  manager: EntityManager,
  start: Date,
  end: Date,
): Promise<DecisionTally[]> {
  return (await manager.query(
    `select d.decided_by as "userId", u.name, c.rag, d.outcome, (d.status = 'REJECTED') as rejected, d.overridden,
            count(*)::int as count
       from threshold_decision d
       join contact c on c.id = d.contact_id
       join app_user u on u.id = d.decided_by
      where d.decided_at >= $1 and d.decided_at <= $2
      group by d.decided_by, u.name, c.rag, d.outcome, (d.status = 'REJECTED'), d.overridden`,
    [start, end],
  )) as DecisionTally[];
}

// closures at the front door (standing decisions with a boomerang outcome, closed when in force:
// decided, or authorised) in (since, until], and how many the child came back after within the
// window (contact.returned_after_contact_id, set at intake), by screener, outcome and agency
export async function boomerangFigures(
  manager: EntityManager,
  since: Date,
  until: Date,
  now: Date,
  boomerang: BoomerangPolicySchema,
): Promise<BoomerangFiguresDto> {
  const rows = (await manager.query(
    `with closed as (
       select d.decided_by, d.outcome, c.origin_agency_id, coalesce(d.authorised_at, d.decided_at) as closed_at,
              exists (select 1 from contact l where l.returned_after_contact_id = d.contact_id) as returned
         from threshold_decision d join contact c on c.id = d.contact_id
        where d.status in ('DECIDED', 'APPROVED') and d.outcome = any($3::text[])
          and coalesce(d.authorised_at, d.decided_at) > $1 and coalesce(d.authorised_at, d.decided_at) <= $2),
     counted as (
       select *, (not returned and closed_at > $4::timestamptz - make_interval(days => $5)) as open from closed)
     select 'all' as dimension, null as key, '' as label, count(*) filter (where returned)::int as returned,
            count(*)::int as closed, count(*) filter (where open)::int as open
       from counted
     union all
     select 'screener', k.decided_by::text, u.name, count(*) filter (where returned)::int, count(*)::int,
            count(*) filter (where open)::int
       from counted k join app_user u on u.id = k.decided_by group by k.decided_by, u.name
     union all
     select 'outcome', k.outcome, k.outcome, count(*) filter (where returned)::int, count(*)::int,
            count(*) filter (where open)::int
       from counted k group by k.outcome
     union all
     select 'agency', k.origin_agency_id::text, a.name, count(*) filter (where returned)::int, count(*)::int,
            count(*) filter (where open)::int
       from counted k join agency a on a.id = k.origin_agency_id group by k.origin_agency_id, a.name`,
    [since, until, boomerang.outcomes, now, boomerang.windowDays],
  )) as {
    dimension: 'all' | 'screener' | 'outcome' | 'agency';
    key: string | null;
    label: string;
    returned: number;
    closed: number;
    open: number;
  }[];
  const rate = (r: (typeof rows)[number]): BoomerangRateDto => ({
    key: r.key,
    label: r.label,
    rate: ratio(r.returned, r.closed),
    stillInWindow: r.open,
  });
  const of = (dimension: string) =>
    rows
      .filter((r) => r.dimension === dimension)
      .map(rate)
      .sort((a, b) => a.label.localeCompare(b.label) || (a.key ?? '').localeCompare(b.key ?? ''));
  const all = rows.find((r) => r.dimension === 'all');
  return {
    since: since.toISOString(),
    until: until.toISOString(),
    all: all
      ? { ...rate(all), label: 'All closures' }
      : { key: null, label: 'All closures', rate: ratio(0, 0), stillInWindow: 0 },
    byScreener: of('screener'),
    byOutcome: of('outcome'),
    byAgency: of('agency'),
  };
}
