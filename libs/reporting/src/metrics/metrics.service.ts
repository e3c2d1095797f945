import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import {
  Clock,
  THRESHOLD_CATALOGUE,
  TimelinessClock,
  WorkingCalendar,
  type RagRating,
  type ThresholdCatalogueSchema,
  type Timeliness,
} from '@app/core';
import { jsonSeq, lastLiveSeq } from '@app/live';
import {
  ratio,
  roundToTenth,
  monthsBefore,
  wholeMinutesSince,
  windowStarts,
  type Ratio,
} from './metrics-math';

export type RagCounts = Record<RagRating, number>;
export type TimelinessCounts = Record<Timeliness, number>;

export interface QueueFigures {
  open: number;
  byRag: RagCounts;
  byTimeliness: TimelinessCounts;
  oldestItemAgeMinutes: number | null;
}

export interface DecidedWithinTimescale {
  last24h: Ratio;
  last7d: Ratio;
  last30d: Ratio;
}

export type MedianMinutesToDecision = Record<RagRating, number | null>;

export interface ScreenerWorkload {
  userId: string;
  name: string;
  open: number;
}

// DOMAIN.md "What managers watch", for the screening side of the front door
export interface ScreeningMetrics {
  asOf: string;
  queues: { screening: QueueFigures; authorisation: QueueFigures };
  decidedWithinTimescale: DecidedWithinTimescale;
  medianMinutesToDecision: MedianMinutesToDecision;
  contactToReferralConversion: Ratio;
  reReferralRate: Ratio;
  workloadPerScreener: ScreenerWorkload[];
  domesticAbuse: DomesticAbuseFigures;
  strategy: StrategyFigures;
  informationSharing: InformationSharingFigures;
}

// issue 18 item 5: the partner agencies' answers (requests made in the last 30 days) and what
// each has open now; the quality of what each referring agency sent, month by month (12 months)
export interface AgencyRequestFigures {
  agencyId: string;
  agency: string;
  // requests made in the last 30 days that are answered or due: answered (or declined) by the due time
  answeredWithinTimescale: Ratio;
  // of those answered: median minutes from the request to the first answer, by the contact's RAG
  medianResponseMinutes: Record<RagRating, number | null>;
  open: number;
  overdue: number;
  // requests made in the last 30 days, and the chases of them
  requests: number;
  chases: number;
}

export interface AgencyQualityFigures {
  agency: string;
  // YYYY-MM, the front door's local month of the decision
  month: string;
  complete: number;
  partial: number;
  insufficient: number;
  // COMPLETE out of every graded contact
  completeShare: Ratio;
}

// the asked agencies' answers month by month (12 months), for the chart over time
export interface AgencyResponseMonth {
  agencyId: string;
  agency: string;
  // YYYY-MM, the front door's local month of the request
  month: string;
  requests: number;
  // of the month's requests answered or due: answered (or declined) by the due time
  answeredWithinTimescale: Ratio;
}

export interface InformationSharingFigures {
  byAgency: AgencyRequestFigures[];
  responsesByMonth: AgencyResponseMonth[];
  qualityByReferringAgency: AgencyQualityFigures[];
}

// DOMAIN.md: strategy discussions held on time, attendance rate by agency (30 days)
export interface StrategyFigures {
  heldWithinTimescale: Ratio;
  quorate: Ratio;
  attendanceByAgency: ({ agency: string } & Ratio)[];
  // actions of current records whose due date has passed and that are not done
  actionsPastDue: number;
  // ICPCs held in the last 30 days: held within the target, 15 working days from the s47 start
  icpcHeldWithinTarget: Ratio;
}

// DOMAIN.md: DA triage backlog and on-time percent, police submission delay, Encompass on time
export interface DomesticAbuseFigures {
  awaitingTriage: number;
  // notifications received in the last 30 days and triaged: triaged by triageDueAt
  triagedWithinTimescale: Ratio;
  // notifications received in the last 30 days: median of receivedAt - incidentAt
  medianPoliceSubmissionDelayMinutes: number | null;
  // school notifications made in the last 30 days and already due: sent by the due time
  encompassSentOnTime: Ratio;
}

// DOMAIN.md: the re-referral rate is reported over 12 months
export const RE_REFERRAL_REPORTING_MONTHS = 12;

// the rule of timelinessAt (libs/core/src/calendar/timeliness.ts) in SQL, over received_at and
// decision_due_at: overdue from the deadline; due soon when strictly less than the fraction of
// the allowed time is left, or when there was no allowed time at all; else on track.
// epoch differences are numeric, so the boundary (exactly the fraction left) is exact
export function timelinessSql(now: string, fraction: string): string {
  return `case
      when ${now} >= decision_due_at then 'OVERDUE'
      when decision_due_at <= received_at then 'DUE_SOON'
      when extract(epoch from decision_due_at - ${now})
           < ${fraction} * extract(epoch from decision_due_at - received_at) then 'DUE_SOON'
      else 'ON_TRACK'
    end`;
}

// $1 now, $2 dueSoonFraction. each branch repeats its partial index's predicate
// (ix_contact_screening_queue, ix_contact_authorisation_queue), so closed history is never read
export const QUEUE_FIGURES_SQL = `
  with open_item as (
    select 'screening' as queue, rag, received_at, decision_due_at
      from contact
     where status in ('RECEIVED', 'IN_SCREENING')
    union all
    select 'authorisation' as queue, rag, received_at, decision_due_at
      from contact
     where status = 'AWAITING_AUTHORISATION'
  ), rated as (
    select queue, rag, received_at, ${timelinessSql('$1::timestamptz', '$2::numeric')} as timeliness
      from open_item
  )
  select queue,
         count(*)::int as open,
         count(*) filter (where rag = 'RED')::int as red,
         count(*) filter (where rag = 'AMBER')::int as amber,
         count(*) filter (where rag = 'GREEN')::int as green,
         count(*) filter (where timeliness = 'ON_TRACK')::int as on_track,
         count(*) filter (where timeliness = 'DUE_SOON')::int as due_soon,
         count(*) filter (where timeliness = 'OVERDUE')::int as overdue,
         min(received_at) as oldest_received_at
    from rated
   group by queue`;

// $1 now, $2/$3/$4 the starts of the 24 h, 7 d and 30 d windows, $5 the outcomes that make a
// referral. one range on ix_threshold_decision_decided_at, the contact by primary key for its
// current RAG. a rejected decision did not decide the contact: the one that replaced it counts
export const DECISION_FIGURES_SQL = `
  select count(*) filter (where d.decided_at > $2::timestamptz)::int as decided_24h,
         count(*) filter (where d.decided_at > $2::timestamptz and d.within_timescale)::int as on_time_24h,
         count(*) filter (where d.decided_at > $3::timestamptz)::int as decided_7d,
         count(*) filter (where d.decided_at > $3::timestamptz and d.within_timescale)::int as on_time_7d,
         count(*)::int as decided_30d,
         count(*) filter (where d.within_timescale)::int as on_time_30d,
         count(*) filter (where d.outcome = any($5::text[]))::int as referrals_30d,
         percentile_cont(0.5) within group (order by d.minutes_taken) filter (where c.rag = 'RED') as median_red,
         percentile_cont(0.5) within group (order by d.minutes_taken) filter (where c.rag = 'AMBER') as median_amber,
         percentile_cont(0.5) within group (order by d.minutes_taken) filter (where c.rag = 'GREEN') as median_green
    from threshold_decision d
    join contact c on c.id = d.contact_id
   where d.decided_at > $4::timestamptz
     and d.decided_at <= $1::timestamptz
     and d.status <> 'REJECTED'`;

// $1 today's local date, $2 months back. the same window arithmetic as the re-referral rule
// (put-into-force.ts); a plain range on referral_date, so ix_referral_referral_date serves it
export const REFERRAL_FIGURES_SQL = `
  select count(*)::int as referrals,
         count(*) filter (where re_referral)::int as re_referrals
    from referral
   where referral_date > ($1::date - make_interval(months => $2::int))::date
     and referral_date <= $1::date`;

// open screening contacts held by each screener, on ix_contact_screening_queue
export const WORKLOAD_SQL = `
  select u.id as user_id, u.name, count(*)::int as open
    from contact c
    join app_user u on u.id = c.claimed_by
   where c.status in ('RECEIVED', 'IN_SCREENING')
     and c.claimed_by is not null
   group by u.id, u.name
   order by open desc, u.name, u.id`;

export interface MetricsStatement {
  sql: string;
  params: unknown[];
}

// every statement compute runs, with its parameters: what the cost tests EXPLAIN
export interface MetricsStatements {
  queues: MetricsStatement;
  decisions: MetricsStatement;
  referrals: MetricsStatement;
  workload: MetricsStatement;
  domesticAbuse: MetricsStatement;
  strategy: MetricsStatement;
  informationRequests: MetricsStatement;
  responsesByMonth: MetricsStatement;
  referralQuality: MetricsStatement;
}

// $1 now, $2 the 30-day start: requests made in the window (ix_information_request_requested_at)
// with their chases, and what is open now (ix_information_request_agency_open), by agency
export const INFORMATION_REQUEST_FIGURES_SQL = `
  with asked as (
    select r.agency_id, r.rag, r.requested_at, r.due_at, r.first_response_at,
           (select count(*) from information_chase x where x.request_id = r.id)::int as chases
      from information_request r
     where r.requested_at > $2 and r.requested_at <= $1
  ), per_agency as (
    select agency_id,
           count(*)::int as requests,
           coalesce(sum(chases), 0)::int as chases,
           count(*) filter (where first_response_at is not null or due_at <= $1)::int as due,
           count(*) filter (where first_response_at is not null and first_response_at <= due_at)::int as on_time,
           percentile_cont(0.5) within group (order by extract(epoch from first_response_at - requested_at) / 60)
             filter (where rag = 'RED' and first_response_at is not null) as median_red,
           percentile_cont(0.5) within group (order by extract(epoch from first_response_at - requested_at) / 60)
             filter (where rag = 'AMBER' and first_response_at is not null) as median_amber,
           percentile_cont(0.5) within group (order by extract(epoch from first_response_at - requested_at) / 60)
             filter (where rag = 'GREEN' and first_response_at is not null) as median_green
      from asked group by agency_id
  ), open_now as (
    select agency_id, count(*)::int as open, count(*) filter (where due_at <= $1)::int as overdue
      from information_request where status = 'OPEN' group by agency_id
  )
  select a.id as agency_id, a.name as agency,
         coalesce(p.requests, 0) as requests, coalesce(p.chases, 0) as chases,
         coalesce(p.due, 0) as due, coalesce(p.on_time, 0) as on_time,
         p.median_red, p.median_amber, p.median_green,
         coalesce(o.open, 0) as open, coalesce(o.overdue, 0) as overdue
    from agency a
    left join per_agency p on p.agency_id = a.id
    left join open_now o on o.agency_id = a.id
   where p.agency_id is not null or o.agency_id is not null
   order by a.name, a.id`;

// $1 now, $2 12 months back, $3 the front door's time zone: requests made in the window
// (ix_information_request_requested_at) by asked agency and local month
export const RESPONSES_BY_MONTH_SQL = `
  select a.id as agency_id, a.name as agency, to_char(r.requested_at at time zone $3, 'YYYY-MM') as month,
         count(*)::int as requests,
         count(*) filter (where r.first_response_at is not null or r.due_at <= $1)::int as due,
         count(*) filter (where r.first_response_at is not null and r.first_response_at <= r.due_at)::int as on_time
    from information_request r
    join agency a on a.id = r.agency_id
   where r.requested_at > $2 and r.requested_at <= $1
   group by a.id, a.name, 3
   order by 3, a.name, a.id`;

// $1 now, $2 12 months back, $3 the front door's time zone: graded decisions in the window
// (ix_threshold_decision_decided_at) by the contact's referring agency and local month
export const REFERRAL_QUALITY_FIGURES_SQL = `
  select a.name as agency, to_char(d.decided_at at time zone $3, 'YYYY-MM') as month,
         count(*) filter (where d.quality_grade = 'COMPLETE')::int as complete,
         count(*) filter (where d.quality_grade = 'PARTIAL')::int as partial,
         count(*) filter (where d.quality_grade = 'INSUFFICIENT')::int as insufficient
    from threshold_decision d
    join contact c on c.id = d.contact_id
    join agency a on a.id = c.origin_agency_id
   where d.decided_at > $2 and d.decided_at <= $1 and d.status <> 'REJECTED' and d.quality_grade is not null
   group by a.name, 2
   order by 2, a.name`;

// current records held in the window (ix_strategy_record_held_at), current actions past due and
// not done (ix_strategy_action_due, the completion by its key), ICPCs held in the window
// (ix_strategy_icpc_held_at)
export const STRATEGY_FIGURES_SQL = `
  with held as (
    select attendance, quorate, held_within_timescale from strategy_record
     where current and held_at > $2 and held_at <= $1
  )
  select
    (select count(*) from held)::int as held,
    (select count(*) from held where held_within_timescale)::int as on_time,
    (select count(*) from held where quorate)::int as quorate,
    (select coalesce(json_agg(json_build_object('agency', agency, 'attended', attended, 'expected', expected)
              order by agency), '[]'::json)
       from (select a->>'agency' as agency,
                    count(*) filter (where a->>'status' = 'ATTENDED')::int as attended,
                    count(*)::int as expected
               from held, jsonb_array_elements(held.attendance) a group by 1) per_agency) as attendance,
    (select count(*) from strategy_action a where a.current and a.due_date < $3::date
        and not exists (select 1 from strategy_action_completion c where c.action_id = a.action_id))::int
      as actions_past_due,
    (select count(*) from strategy_icpc where held_at > $2 and held_at <= $1)::int as icpc_held,
    (select count(*) from strategy_icpc where held_at > $2 and held_at <= $1 and held_within_target)::int
      as icpc_within_target`;

// the open backlog on ix_da_notification_triage_queue, the windows on the received_at and
// created_at indexes
export const DA_FIGURES_SQL = `
  select
    (select count(*) from da_notification where status = 'AWAITING_TRIAGE')::int as awaiting,
    (select count(*) from da_notification
      where received_at > $2 and received_at <= $1 and status = 'TRIAGED')::int as triaged,
    (select count(*) from da_notification
      where received_at > $2 and received_at <= $1 and status = 'TRIAGED' and triaged_within_timescale)::int as triaged_on_time,
    (select percentile_cont(0.5) within group (order by submission_delay_minutes) from da_notification
      where received_at > $2 and received_at <= $1)::float8 as median_delay,
    (select count(*) from encompass_notification
      where created_at > $2 and created_at <= $1 and due_at <= $1)::int as encompass_due,
    (select count(*) from encompass_notification
      where created_at > $2 and created_at <= $1 and due_at <= $1 and sent_at <= due_at)::int as encompass_on_time`;

interface QueueRow {
  queue: 'screening' | 'authorisation';
  open: number;
  red: number;
  amber: number;
  green: number;
  on_track: number;
  due_soon: number;
  overdue: number;
  oldest_received_at: Date | null;
}

interface DecisionRow {
  decided_24h: number;
  on_time_24h: number;
  decided_7d: number;
  on_time_7d: number;
  decided_30d: number;
  on_time_30d: number;
  referrals_30d: number;
  median_red: number | null;
  median_amber: number | null;
  median_green: number | null;
}

interface ReferralRow {
  referrals: number;
  re_referrals: number;
}

interface WorkloadRow {
  user_id: string;
  name: string;
  open: number;
}

function queueFigures(row: QueueRow | undefined, now: Date): QueueFigures {
  // a queue with nothing open has no row at all
  if (!row) {
    return {
      open: 0,
      byRag: { RED: 0, AMBER: 0, GREEN: 0 },
      byTimeliness: { ON_TRACK: 0, DUE_SOON: 0, OVERDUE: 0 },
      oldestItemAgeMinutes: null,
    };
  }
  return {
    open: row.open,
    byRag: { RED: row.red, AMBER: row.amber, GREEN: row.green },
    byTimeliness: { ON_TRACK: row.on_track, DUE_SOON: row.due_soon, OVERDUE: row.overdue },
    oldestItemAgeMinutes: wholeMinutesSince(row.oldest_received_at, now),
  };
}

@Injectable()
export class MetricsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly calendar: WorkingCalendar,
    private readonly timeliness: TimelinessClock,
    @Inject(THRESHOLD_CATALOGUE) private readonly catalogue: ThresholdCatalogueSchema,
  ) {}

  // every figure from one snapshot of the database, at one instant
  async snapshot(): Promise<ScreeningMetrics> {
    return (await this.snapshotWithSeq()).metrics;
  }

  // the figures and the live sequence number they are consistent with (for metrics.changed)
  snapshotWithSeq(): Promise<{ seq: number; metrics: ScreeningMetrics }> {
    const now = this.clock.now();
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      await manager.query('set transaction read only');
      const seq = await lastLiveSeq(manager);
      return { seq: jsonSeq(seq), metrics: await this.compute(manager, now) };
    });
  }

  // the statements and their parameters at one instant; the policies give the due-soon
  // fraction and the outcomes that make a referral, the calendar the local date
  statements(now: Date): MetricsStatements {
    const since = windowStarts(now);
    return {
      queues: { sql: QUEUE_FIGURES_SQL, params: [now, this.timeliness.dueSoonFraction] },
      decisions: {
        sql: DECISION_FIGURES_SQL,
        params: [now, since.last24h, since.last7d, since.last30d, this.catalogue.referralOutcomes],
      },
      referrals: {
        sql: REFERRAL_FIGURES_SQL,
        params: [this.calendar.localDate(now), RE_REFERRAL_REPORTING_MONTHS],
      },
      workload: { sql: WORKLOAD_SQL, params: [] },
      domesticAbuse: { sql: DA_FIGURES_SQL, params: [now, since.last30d] },
      strategy: { sql: STRATEGY_FIGURES_SQL, params: [now, since.last30d, this.calendar.localDate(now)] },
      informationRequests: { sql: INFORMATION_REQUEST_FIGURES_SQL, params: [now, since.last30d] },
      responsesByMonth: {
        sql: RESPONSES_BY_MONTH_SQL,
        params: [now, monthsBefore(now, 12), this.calendar.zone],
      },
      referralQuality: {
        sql: REFERRAL_QUALITY_FIGURES_SQL,
        params: [now, monthsBefore(now, 12), this.calendar.zone],
      },
    };
  }

  // four statements, each bounded by the open statuses or by a time window on an indexed
  // column, so the cost follows the open work and the recent past, not the history
  async compute(manager: EntityManager, now: Date): Promise<ScreeningMetrics> {
    const statements = this.statements(now);
    const run = <T>(s: MetricsStatement) => manager.query(s.sql, s.params) as Promise<T[]>;
    const queueRows = await run<QueueRow>(statements.queues);
    const [d] = await run<DecisionRow>(statements.decisions);
    const [r] = await run<ReferralRow>(statements.referrals);
    const workload = await run<WorkloadRow>(statements.workload);
    const [da] = await run<{
      awaiting: number;
      triaged: number;
      triaged_on_time: number;
      median_delay: number | null;
      encompass_due: number;
      encompass_on_time: number;
    }>(statements.domesticAbuse);
    const [sd] = await run<{
      held: number;
      on_time: number;
      quorate: number;
      attendance: { agency: string; attended: number; expected: number }[];
      actions_past_due: number;
      icpc_held: number;
      icpc_within_target: number;
    }>(statements.strategy);
    const requests = await run<{
      agency_id: string;
      agency: string;
      requests: number;
      chases: number;
      due: number;
      on_time: number;
      median_red: number | null;
      median_amber: number | null;
      median_green: number | null;
      open: number;
      overdue: number;
    }>(statements.informationRequests);
    const monthly = await run<{
      agency_id: string;
      agency: string;
      month: string;
      requests: number;
      due: number;
      on_time: number;
    }>(statements.responsesByMonth);
    const quality = await run<{
      agency: string;
      month: string;
      complete: number;
      partial: number;
      insufficient: number;
    }>(statements.referralQuality);

    return {
      asOf: now.toISOString(),
      queues: {
        screening: queueFigures(
          queueRows.find((q) => q.queue === 'screening'),
          now,
        ),
        authorisation: queueFigures(
          queueRows.find((q) => q.queue === 'authorisation'),
          now,
        ),
      },
      decidedWithinTimescale: {
        last24h: ratio(d.on_time_24h, d.decided_24h),
        last7d: ratio(d.on_time_7d, d.decided_7d),
        last30d: ratio(d.on_time_30d, d.decided_30d),
      },
      medianMinutesToDecision: {
        RED: roundToTenth(d.median_red),
        AMBER: roundToTenth(d.median_amber),
        GREEN: roundToTenth(d.median_green),
      },
      contactToReferralConversion: ratio(d.referrals_30d, d.decided_30d),
      reReferralRate: ratio(r.re_referrals, r.referrals),
      workloadPerScreener: workload.map((w) => ({ userId: w.user_id, name: w.name, open: w.open })),
      domesticAbuse: {
        awaitingTriage: da.awaiting,
        triagedWithinTimescale: ratio(da.triaged_on_time, da.triaged),
        medianPoliceSubmissionDelayMinutes: roundToTenth(da.median_delay),
        encompassSentOnTime: ratio(da.encompass_on_time, da.encompass_due),
      },
      strategy: {
        heldWithinTimescale: ratio(sd.on_time, sd.held),
        quorate: ratio(sd.quorate, sd.held),
        attendanceByAgency: sd.attendance.map((a) => ({
          agency: a.agency,
          ...ratio(a.attended, a.expected),
        })),
        actionsPastDue: sd.actions_past_due,
        icpcHeldWithinTarget: ratio(sd.icpc_within_target, sd.icpc_held),
      },
      informationSharing: {
        byAgency: requests.map((a) => ({
          agencyId: a.agency_id,
          agency: a.agency,
          answeredWithinTimescale: ratio(a.on_time, a.due),
          medianResponseMinutes: {
            RED: roundToTenth(a.median_red === null ? null : Number(a.median_red)),
            AMBER: roundToTenth(a.median_amber === null ? null : Number(a.median_amber)),
            GREEN: roundToTenth(a.median_green === null ? null : Number(a.median_green)),
          },
          open: a.open,
          overdue: a.overdue,
          requests: a.requests,
          chases: a.chases,
        })),
        responsesByMonth: monthly.map((m) => ({
          agencyId: m.agency_id,
          agency: m.agency,
          month: m.month,
          requests: m.requests,
          answeredWithinTimescale: ratio(m.on_time, m.due),
        })),
        qualityByReferringAgency: quality.map((q) => ({
          agency: q.agency,
          month: q.month,
          complete: q.complete,
          partial: q.partial,
          insufficient: q.insufficient,
          completeShare: ratio(q.complete, q.complete + q.partial + q.insufficient),
        })),
      },
    };
  }
}
