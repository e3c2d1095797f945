import type { EntityManager } from 'typeorm';
import type { RecordDto } from './dto/strategy.dto';
import type { AbuseCategory, S47EnquiryOutcome } from './policy/outcome-rules';
import type { Agency, Attendance } from './policy/strategy-rules';

// strategy-meetings' tables and the SQL that writes them, in one place: strategy_discussion,
// strategy_record, strategy_action, strategy_action_completion, strategy_enquiry_outcome,
// strategy_icpc. Only this module writes them; thresholds opens a
// discussion through StrategyDiscussionOpener. Reads for a view are in discussion-reader.ts.

export interface OpenDiscussion {
  contactId: string;
  // set when a threshold decision opened it
  decisionId?: string;
  // set when a manager escalated a contact already decided
  startedBy?: string;
  startReason?: string;
  dueAt: Date;
  createdAt: Date;
  nextTransitionAt: Date | null;
}

// one open (not HELD) discussion per contact: null when one is open already
export async function insertDiscussion(
  manager: EntityManager,
  d: OpenDiscussion,
): Promise<{ id: string; due_at: Date } | null> {
  const [row] = (await manager.query(
    `insert into strategy_discussion (contact_id, decision_id, due_at, status, created_at, updated_at, started_by, start_reason,
       next_transition_at)
     values ($1, $2, $3, 'DUE', $4, $4, $5, $6, $7)
     on conflict (contact_id) where status <> 'HELD' do nothing returning id, due_at`,
    [
      d.contactId,
      d.decisionId ?? null,
      d.dueAt,
      d.createdAt,
      d.startedBy ?? null,
      d.startReason ?? null,
      d.nextTransitionAt,
    ],
  )) as { id: string; due_at: Date }[];
  return row ?? null;
}

// false when the discussion has been held (or does not exist)
export async function scheduleDiscussion(
  manager: EntityManager,
  id: string,
  scheduledFor: Date,
  invitees: { agency: Agency; name?: string }[],
  now: Date,
): Promise<boolean> {
  const updated = (await manager.query(
    `update strategy_discussion set status = 'SCHEDULED', scheduled_for = $2, invitees = $3, updated_at = $4
      where id = $1 and status <> 'HELD' returning id`,
    [id, scheduledFor, JSON.stringify(invitees), now],
  )) as [unknown[], number];
  return updated[1] > 0;
}

export async function currentRecordVersion(
  manager: EntityManager,
  discussionId: string,
): Promise<number | undefined> {
  const [last] = (await manager.query(
    `select version from strategy_record where discussion_id = $1 and current`,
    [discussionId],
  )) as { version: number }[];
  return last?.version;
}

export interface NewRecord {
  discussionId: string;
  version: number;
  heldAt: Date;
  attendance: { agency: Agency; status: Attendance }[];
  outcome: RecordDto['outcome'];
  rationale: string;
  quorate: boolean;
  heldWithinTimescale: boolean;
  s47StartDate: string | null;
  icpcDueDate: string | null;
  amendmentReason: string | null;
  recordedBy: string;
  recordedAt: Date;
  actions: RecordDto['actions'];
  // per action, the id it keeps from the record it amends (null: a new action, a new id)
  actionIds: (string | null)[];
  // the ICPC's clock on the strategy queue while one is awaited (decision 0023)
  icpcClock: IcpcClock | null;
}

export interface IcpcClock {
  // the s47 start (when the discussion was held) and the end of the ICPC target day
  from: Date;
  dueAt: Date;
  nextTransitionAt: Date | null;
}

// the record (and its actions) becomes the current one, any earlier one kept as history, and
// the discussion is HELD
export async function insertRecord(manager: EntityManager, r: NewRecord): Promise<void> {
  if (r.version > 1) {
    await manager.query(`update strategy_record set current = false where discussion_id = $1 and current`, [
      r.discussionId,
    ]);
    await manager.query(`update strategy_action set current = false where discussion_id = $1 and current`, [
      r.discussionId,
    ]);
  }
  const [record] = (await manager.query(
    `insert into strategy_record (discussion_id, version, current, held_at, attendance, outcome, rationale, quorate,
       held_within_timescale, s47_start_date, icpc_due_date, amendment_reason, recorded_by, recorded_at)
     values ($1, $2, true, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) returning id`,
    [
      r.discussionId,
      r.version,
      r.heldAt,
      JSON.stringify(r.attendance),
      r.outcome,
      r.rationale,
      r.quorate,
      r.heldWithinTimescale,
      r.s47StartDate,
      r.icpcDueDate,
      r.amendmentReason,
      r.recordedBy,
      r.recordedAt,
    ],
  )) as { id: string }[];
  if (r.actions.length > 0) {
    await manager.query(
      `insert into strategy_action (record_id, discussion_id, description, owner_agency, due_date, current, action_id)
       select $1, $2, a.description, a.owner_agency, a.due_date, true, coalesce(a.action_id, gen_random_uuid())
         from unnest($3::text[], $4::text[], $5::date[], $6::uuid[]) as a(description, owner_agency, due_date, action_id)`,
      [
        record.id,
        r.discussionId,
        r.actions.map((a) => a.description),
        r.actions.map((a) => a.ownerAgency),
        r.actions.map((a) => a.dueDate),
        r.actionIds,
      ],
    );
  }
  await manager.query(
    `update strategy_discussion set status = 'HELD', updated_at = $2, icpc_clock_from = $3, icpc_due_at = $4,
       next_transition_at = $5 where id = $1`,
    [
      r.discussionId,
      r.recordedAt,
      r.icpcClock?.from ?? null,
      r.icpcClock?.dueAt ?? null,
      r.icpcClock?.nextTransitionAt ?? null,
    ],
  );
}

// the ICPC is no longer awaited: off the strategy queue
export async function stopIcpcClock(manager: EntityManager, discussionId: string, now: Date): Promise<void> {
  await manager.query(
    `update strategy_discussion set icpc_clock_from = null, icpc_due_at = null, next_transition_at = null,
       updated_at = $2 where id = $1`,
    [discussionId, now],
  );
}

// the actions of the current record, by the id they keep across amendments
export async function currentActions(
  manager: EntityManager,
  discussionId: string,
): Promise<{ id: string; description: string; ownerAgency: string }[]> {
  return (await manager.query(
    `select action_id as id, description, owner_agency as "ownerAgency" from strategy_action
      where discussion_id = $1 and current order by due_date, id`,
    [discussionId],
  )) as { id: string; description: string; ownerAgency: string }[];
}

// false when the action is done already
export async function insertCompletion(
  manager: EntityManager,
  c: { actionId: string; discussionId: string; completedAt: Date; completedBy: string; note: string },
): Promise<boolean> {
  const inserted = (await manager.query(
    `insert into strategy_action_completion (action_id, discussion_id, completed_at, completed_by, note)
     values ($1, $2, $3, $4, $5) on conflict (action_id) do nothing returning action_id`,
    [c.actionId, c.discussionId, c.completedAt, c.completedBy, c.note],
  )) as unknown[];
  return inserted.length > 0;
}

// what the s47 enquiry of a discussion stands at: its current record, outcome and ICPC
export interface EnquiryState {
  outcome: RecordDto['outcome'];
  heldAt: Date;
  s47StartDate: string | null;
  icpcDueDate: string | null;
  s47Outcome?: { outcome: S47EnquiryOutcome; concludedAt: Date; concludedDate: string };
  icpcHeldDate?: string;
}

// null when the discussion has no record yet; `zone` gives the local date of the conclusion
export async function enquiryState(
  manager: EntityManager,
  discussionId: string,
  zone: string,
): Promise<EnquiryState | null> {
  const [row] = (await manager.query(
    `select r.outcome, r.held_at, to_char(r.s47_start_date, 'YYYY-MM-DD') as s47_start_date,
            to_char(r.icpc_due_date, 'YYYY-MM-DD') as icpc_due_date,
            o.outcome as s47_outcome, o.concluded_at,
            to_char(o.concluded_at at time zone $2, 'YYYY-MM-DD') as concluded_date,
            to_char(i.held_date, 'YYYY-MM-DD') as icpc_held_date
       from strategy_record r
       left join strategy_enquiry_outcome o on o.discussion_id = r.discussion_id
       left join strategy_icpc i on i.discussion_id = r.discussion_id
      where r.discussion_id = $1 and r.current`,
    [discussionId, zone],
  )) as {
    outcome: RecordDto['outcome'];
    held_at: Date;
    s47_start_date: string | null;
    icpc_due_date: string | null;
    s47_outcome: S47EnquiryOutcome | null;
    concluded_at: Date | null;
    concluded_date: string | null;
    icpc_held_date: string | null;
  }[];
  if (!row) return null;
  return {
    outcome: row.outcome,
    heldAt: row.held_at,
    s47StartDate: row.s47_start_date,
    icpcDueDate: row.icpc_due_date,
    ...(row.s47_outcome && row.concluded_at && row.concluded_date
      ? {
          s47Outcome: {
            outcome: row.s47_outcome,
            concludedAt: row.concluded_at,
            concludedDate: row.concluded_date,
          },
        }
      : {}),
    ...(row.icpc_held_date ? { icpcHeldDate: row.icpc_held_date } : {}),
  };
}

// false when the enquiry has an outcome already
export async function insertS47Outcome(
  manager: EntityManager,
  o: {
    discussionId: string;
    concludedAt: Date;
    outcome: S47EnquiryOutcome;
    rationale: string;
    recordedBy: string;
    recordedAt: Date;
  },
): Promise<boolean> {
  const inserted = (await manager.query(
    `insert into strategy_enquiry_outcome (discussion_id, concluded_at, outcome, rationale, recorded_by, recorded_at)
     values ($1, $2, $3, $4, $5, $6) on conflict (discussion_id) do nothing returning discussion_id`,
    [o.discussionId, o.concludedAt, o.outcome, o.rationale, o.recordedBy, o.recordedAt],
  )) as unknown[];
  return inserted.length > 0;
}

// false when the ICPC is recorded already
export async function insertIcpc(
  manager: EntityManager,
  i: {
    discussionId: string;
    heldAt: Date;
    heldDate: string;
    childProtectionPlan: boolean;
    category: AbuseCategory | null;
    icpcDueDate: string;
    heldWithinTarget: boolean;
    recordedBy: string;
    recordedAt: Date;
  },
): Promise<boolean> {
  const inserted = (await manager.query(
    `insert into strategy_icpc (discussion_id, held_at, held_date, child_protection_plan, category, icpc_due_date,
       held_within_target, recorded_by, recorded_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9) on conflict (discussion_id) do nothing returning discussion_id`,
    [
      i.discussionId,
      i.heldAt,
      i.heldDate,
      i.childProtectionPlan,
      i.category,
      i.icpcDueDate,
      i.heldWithinTarget,
      i.recordedBy,
      i.recordedAt,
    ],
  )) as unknown[];
  return inserted.length > 0;
}
