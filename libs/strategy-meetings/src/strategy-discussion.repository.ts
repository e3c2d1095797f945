import type { EntityManager } from 'typeorm';
import type { RecordDto } from './dto/strategy.dto';
import type { Agency, Attendance } from './policy/strategy-rules';

// strategy-meetings' tables and the SQL that writes them, in one place: strategy_discussion,
// strategy_record, strategy_action. Only this module writes them; thresholds opens a
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
      `insert into strategy_action (record_id, discussion_id, description, owner_agency, due_date, current)
       select $1, $2, a.description, a.owner_agency, a.due_date, true
         from unnest($3::text[], $4::text[], $5::date[]) as a(description, owner_agency, due_date)`,
      [
        record.id,
        r.discussionId,
        r.actions.map((a) => a.description),
        r.actions.map((a) => a.ownerAgency),
        r.actions.map((a) => a.dueDate),
      ],
    );
  }
  await manager.query(
    `update strategy_discussion set status = 'HELD', next_transition_at = null, updated_at = $2 where id = $1`,
    [r.discussionId, r.recordedAt],
  );
}
