import type { EntityManager } from 'typeorm';
import { DomainError } from '@app/core';
import { isoTimestamp } from '@app/live';
import type {
  DiscussionViewDto,
  IcpcViewDto,
  S47OutcomeViewDto,
  StrategyRecordViewDto,
} from './dto/strategy.dto';
import type { AbuseCategory, S47EnquiryOutcome } from './policy/outcome-rules';
import {
  REQUIRED_AGENCIES,
  type Agency,
  type Attendance,
  type DiscussionStatus,
  type StrategyOutcome,
} from './policy/strategy-rules';

export interface DiscussionRow {
  id: string;
  contact_id: string;
  status: DiscussionStatus;
  due_at: Date;
  scheduled_for: Date | null;
  invitees: { agency: string; name?: string }[];
  started_by: string | null;
  start_reason: string | null;
  created_at: Date;
}

interface RecordRow {
  id: string;
  version: number;
  current: boolean;
  held_at: Date;
  attendance: { agency: Agency; status: Attendance }[];
  outcome: StrategyOutcome;
  rationale: string;
  quorate: boolean;
  held_within_timescale: boolean;
  // the dates as the calendar has them (a date column read as a Date is midnight where the api
  // runs, which toISOString can move to the day before)
  s47_start_day: string | null;
  icpc_due_day: string | null;
  amendment_reason: string | null;
  recorded_by: string;
  recorded_at: Date;
  actions: {
    id: string;
    description: string;
    ownerAgency: Agency;
    dueDate: string;
    completion: { completedAt: string; completedBy: string; note: string } | null;
  }[];
}

interface S47OutcomeRow {
  concluded_at: Date;
  outcome: S47EnquiryOutcome;
  rationale: string;
  recorded_by: string;
  recorded_at: Date;
}

interface IcpcRow {
  held_at: Date;
  held_day: string;
  child_protection_plan: boolean;
  category: AbuseCategory | null;
  icpc_due_day: string;
  held_within_target: boolean;
  recorded_by: string;
  recorded_at: Date;
}

export async function findDiscussion(
  manager: EntityManager,
  id: string,
  lock = false,
): Promise<DiscussionRow> {
  const [row] = (await manager.query(
    `select * from strategy_discussion where id = $1 ${lock ? 'for update' : ''}`,
    [id],
  )) as DiscussionRow[] | [];
  if (!row) throw DomainError.notFound('strategy discussion');
  return row;
}

function recordView(r: RecordRow): StrategyRecordViewDto {
  return {
    version: r.version,
    heldAt: r.held_at.toISOString(),
    attendance: r.attendance,
    outcome: r.outcome,
    rationale: r.rationale,
    quorate: r.quorate,
    heldWithinTimescale: r.held_within_timescale,
    // the ICPC target is set with the s47 start
    ...(r.s47_start_day ? { s47StartDate: r.s47_start_day, icpcDueDate: r.icpc_due_day as string } : {}),
    actions: r.actions.map(({ completion, ...action }) => ({
      ...action,
      ...(completion ? { completion } : {}),
    })),
    ...(r.amendment_reason ? { amendmentReason: r.amendment_reason } : {}),
    recordedBy: r.recorded_by,
    recordedAt: r.recorded_at.toISOString(),
  };
}

export async function discussionView(manager: EntityManager, row: DiscussionRow): Promise<DiscussionViewDto> {
  const records = (await manager.query(
    `select r.*, to_char(r.s47_start_date, 'YYYY-MM-DD') as s47_start_day,
            to_char(r.icpc_due_date, 'YYYY-MM-DD') as icpc_due_day,
            coalesce((select json_agg(json_build_object('id', a.action_id, 'description', a.description,
              'ownerAgency', a.owner_agency, 'dueDate', a.due_date,
              'completion', case when c.action_id is null then null else json_build_object(
                'completedAt', ${isoTimestamp('c.completed_at')}, 'completedBy', c.completed_by, 'note', c.note) end)
              order by a.due_date, a.id)
              from strategy_action a left join strategy_action_completion c on c.action_id = a.action_id
             where a.record_id = r.id), '[]') as actions
       from strategy_record r where r.discussion_id = $1 order by r.version desc`,
    [row.id],
  )) as RecordRow[];
  const [outcome] = (await manager.query(`select * from strategy_enquiry_outcome where discussion_id = $1`, [
    row.id,
  ])) as S47OutcomeRow[];
  const [icpc] = (await manager.query(
    `select i.*, to_char(i.held_date, 'YYYY-MM-DD') as held_day, to_char(i.icpc_due_date, 'YYYY-MM-DD') as icpc_due_day
       from strategy_icpc i where i.discussion_id = $1`,
    [row.id],
  )) as IcpcRow[];
  const current = records.find((r) => r.current);
  const earlier = records.filter((r) => !r.current);
  return {
    id: row.id,
    contactId: row.contact_id,
    status: row.status,
    dueAt: row.due_at.toISOString(),
    ...(row.scheduled_for ? { scheduledFor: row.scheduled_for.toISOString() } : {}),
    invitees: row.invitees as DiscussionViewDto['invitees'],
    requiredAgencies: [...REQUIRED_AGENCIES],
    ...(current ? { record: recordView(current) } : {}),
    ...(earlier.length ? { history: earlier.map(recordView) } : {}),
    ...(row.started_by ? { startedBy: { id: row.started_by, reason: row.start_reason ?? '' } } : {}),
    ...(outcome ? { s47Outcome: s47OutcomeView(outcome) } : {}),
    ...(icpc ? { icpc: icpcView(icpc) } : {}),
  };
}

export function s47OutcomeView(o: S47OutcomeRow): S47OutcomeViewDto {
  return {
    concludedAt: o.concluded_at.toISOString(),
    outcome: o.outcome,
    rationale: o.rationale,
    recordedBy: o.recorded_by,
    recordedAt: o.recorded_at.toISOString(),
  };
}

export function icpcView(i: IcpcRow): IcpcViewDto {
  return {
    heldAt: i.held_at.toISOString(),
    heldDate: i.held_day,
    childProtectionPlan: i.child_protection_plan,
    ...(i.category ? { category: i.category } : {}),
    icpcDueDate: i.icpc_due_day,
    heldWithinTarget: i.held_within_target,
    recordedBy: i.recorded_by,
    recordedAt: i.recorded_at.toISOString(),
  };
}
