import type { EntityManager } from 'typeorm';
import type { BoomerangPolicySchema } from '@app/core';
import { ratio } from '../metrics/metrics-math';
import type { AuditRecord, DecisionTally } from './consistency-rules';
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

// issue 21 item 4: the audits of decisions drawn in [start, end] (a declared read of thresholds'
// quality_audit), each with the month it was answered in, local time, and whether on time
export async function auditRecords(
  manager: EntityManager,
  start: Date,
  end: Date,
  now: Date,
  zone: string,
): Promise<AuditRecord[]> {
  return (await manager.query(
    `select q.decided_by as "decidedBy", u.name, q.status, q.threshold_correct as "thresholdCorrect", q.grade,
            to_char(q.audited_at at time zone $4, 'YYYY-MM') as month,
            case when q.audited_at is null then null else q.audited_at <= q.due_at end as "onTime",
            (q.status = 'OPEN' and q.due_at < $3) as overdue
       from quality_audit q join app_user u on u.id = q.decided_by
      where q.drawn_at >= $1 and q.drawn_at <= $2 and q.status <> 'SWAPPED'`,
    [start, end, now, zone],
  )) as AuditRecord[];
}

// issue 21 item 4: front-door closures in [since, until] and how many the child came back after,
// by the local month of the closure
export async function boomerangMonths(
  manager: EntityManager,
  since: Date,
  until: Date,
  zone: string,
  boomerang: BoomerangPolicySchema,
): Promise<{ month: string; returned: number; closed: number }[]> {
  return (await manager.query(
    `select to_char(coalesce(d.authorised_at, d.decided_at) at time zone $4, 'YYYY-MM') as month,
            count(*) filter (where exists (select 1 from contact l where l.returned_after_contact_id = d.contact_id))::int
              as returned,
            count(*)::int as closed
       from threshold_decision d
      where d.status in ('DECIDED', 'APPROVED') and d.outcome = any($3::text[])
        and coalesce(d.authorised_at, d.decided_at) >= $1 and coalesce(d.authorised_at, d.decided_at) <= $2
      group by 1`,
    [since, until, boomerang.outcomes, zone],
  )) as { month: string; returned: number; closed: number }[];
}
