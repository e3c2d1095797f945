import type { EntityManager } from 'typeorm';
import { DomainError } from '@app/core';
import type { DiscussionViewDto, StrategyRecordViewDto } from './dto/strategy.dto';
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
  actions: { description: string; ownerAgency: Agency; dueDate: string }[];
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
    actions: r.actions,
    ...(r.amendment_reason ? { amendmentReason: r.amendment_reason } : {}),
    recordedBy: r.recorded_by,
    recordedAt: r.recorded_at.toISOString(),
  };
}

export async function discussionView(manager: EntityManager, row: DiscussionRow): Promise<DiscussionViewDto> {
  const records = (await manager.query(
    `select r.*, to_char(r.s47_start_date, 'YYYY-MM-DD') as s47_start_day,
            to_char(r.icpc_due_date, 'YYYY-MM-DD') as icpc_due_day, coalesce((select json_agg(json_build_object('description', a.description, 'ownerAgency', a.owner_agency,
              'dueDate', a.due_date) order by a.due_date) from strategy_action a where a.record_id = r.id), '[]') as actions
       from strategy_record r where r.discussion_id = $1 order by r.version desc`,
    [row.id],
  )) as RecordRow[];
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
  };
}
