import type { EntityManager } from 'typeorm';
import type { AuditSampleSchema } from '@app/core';
import type { Drawable } from '../policy/audit-sample';
import type { AuditGrade, AuditStatus, ThresholdCorrect } from '../dto/quality-audit.dto';

// thresholds' quality audit tables (quality_audit_draw, quality_audit: issue 21, decision 0034)
// and their SQL, in one place; only this module writes them. Declared reads of other modules'
// tables: contact and child (the audited contact's reference, rating and child, and whether the
// child is still open) and app_user (who decided, audited, swapped, dealt with a concern).

export interface DrawRow {
  id: string;
  week_starting: string;
  seed: string;
  sample: AuditSampleSchema;
  population: string[];
  drawn_at: Date;
  drawn_by: string | null;
  drawn_by_name: string | null;
  due_at: Date;
}

export interface DrawItemRow {
  id: string;
  decision_id: string;
  contact_id: string;
  reference: string;
  decided_by: string;
  decided_by_name: string;
  position: number;
  status: AuditStatus;
  replaces: string | null;
  swap_reason: string | null;
}

export interface AuditRow {
  id: string;
  draw_id: string;
  week_starting: string;
  status: AuditStatus;
  drawn_at: Date;
  due_at: Date;
  contact_id: string;
  reference: string;
  first_name: string;
  last_name: string;
  rag: string;
  decided_by: string;
  decided_by_name: string;
  decision_id: string;
  level: number;
  outcome: string;
  rationale: string;
  decided_at: Date;
  audited_by: string | null;
  audited_by_name: string | null;
  audited_at: Date | null;
  threshold_correct: ThresholdCorrect | null;
  grade: AuditGrade | null;
  findings: string | null;
  actions: string | null;
  concern_due_at: Date | null;
  concern_resolved_by: string | null;
  concern_resolved_by_name: string | null;
  concern_resolved_at: Date | null;
  concern_comment: string | null;
  replaces: string | null;
  replaced_by: string | null;
  swap_reason: string | null;
  swapped_by: string | null;
  swapped_by_name: string | null;
}

const AUDIT_SELECT = `
  select q.id, q.draw_id, w.week_starting::text as week_starting, q.status, q.drawn_at, q.due_at,
         q.contact_id, c.reference, ch.first_name, ch.last_name, c.rag,
         q.decided_by, du.name as decided_by_name,
         d.id as decision_id, d.level, d.outcome, d.rationale, d.decided_at,
         q.audited_by, au.name as audited_by_name, q.audited_at, q.threshold_correct, q.grade, q.findings, q.actions,
         q.concern_due_at, q.concern_resolved_by, ru.name as concern_resolved_by_name, q.concern_resolved_at,
         q.concern_comment, q.replaces, (select r.id from quality_audit r where r.replaces = q.id) as replaced_by,
         q.swap_reason, q.swapped_by, su.name as swapped_by_name
    from quality_audit q
    join quality_audit_draw w on w.id = q.draw_id
    join contact c on c.id = q.contact_id
    join child ch on ch.id = c.child_id
    join threshold_decision d on d.id = q.decision_id
    join app_user du on du.id = q.decided_by
    left join app_user au on au.id = q.audited_by
    left join app_user ru on ru.id = q.concern_resolved_by
    left join app_user su on su.id = q.swapped_by`;

// the week's decisions a sample is drawn from: every one made in it that a manager did not reject
export async function decisionsBetween(
  manager: EntityManager,
  start: Date,
  end: Date,
): Promise<(Drawable & { contactId: string })[]> {
  const rows = (await manager.query(
    `select d.id, d.decided_by, d.contact_id from threshold_decision d
      where d.decided_at >= $1 and d.decided_at < $2 and d.status <> 'REJECTED'
      order by d.id`,
    [start, end],
  )) as { id: string; decided_by: string; contact_id: string }[];
  return rows.map((r) => ({ decisionId: r.id, decidedBy: r.decided_by, contactId: r.contact_id }));
}

// a recorded population again, with each decision's decider and contact (neither ever changes)
export async function decisionsOf(
  manager: EntityManager,
  ids: string[],
): Promise<(Drawable & { contactId: string })[]> {
  const rows = (await manager.query(
    `select d.id, d.decided_by, d.contact_id from threshold_decision d where d.id = any($1::uuid[]) order by d.id`,
    [ids],
  )) as { id: string; decided_by: string; contact_id: string }[];
  return rows.map((r) => ({ decisionId: r.id, decidedBy: r.decided_by, contactId: r.contact_id }));
}

// null: the week has its draw already (the unique week settles a race of two)
export async function insertDraw(
  manager: EntityManager,
  draw: {
    weekStarting: string;
    seed: string;
    sample: AuditSampleSchema;
    population: string[];
    drawnAt: Date;
    drawnBy: string | null;
    dueAt: Date;
  },
): Promise<string | null> {
  const rows = (await manager.query(
    `insert into quality_audit_draw (week_starting, seed, sample, population, drawn_at, drawn_by, due_at)
     values ($1, $2, $3, $4::uuid[], $5, $6, $7)
     on conflict (week_starting) do nothing returning id`,
    [
      draw.weekStarting,
      draw.seed,
      JSON.stringify(draw.sample),
      draw.population,
      draw.drawnAt,
      draw.drawnBy,
      draw.dueAt,
    ],
  )) as { id: string }[];
  return rows[0]?.id ?? null;
}

export interface NewAuditItem extends Drawable {
  contactId: string;
  position: number;
  replaces?: string;
}

// the drawn decisions, their ids in the order given
export async function insertItems(
  manager: EntityManager,
  drawId: string,
  at: { drawnAt: Date; dueAt: Date; nextTransitionAt: Date | null },
  items: NewAuditItem[],
): Promise<string[]> {
  if (items.length === 0) return [];
  const rows = (await manager.query(
    `insert into quality_audit (draw_id, decision_id, contact_id, decided_by, position, replaces,
                                drawn_at, due_at, next_transition_at)
     select $1, v.decision_id, v.contact_id, v.decided_by, v.position, v.replaces, $2, $3, $4
       from unnest($5::uuid[], $6::uuid[], $7::uuid[], $8::int[], $9::uuid[]) as v(decision_id, contact_id, decided_by, position, replaces)
     returning id, position`,
    [
      drawId,
      at.drawnAt,
      at.dueAt,
      at.nextTransitionAt,
      items.map((i) => i.decisionId),
      items.map((i) => i.contactId),
      items.map((i) => i.decidedBy),
      items.map((i) => i.position),
      items.map((i) => i.replaces ?? null),
    ],
  )) as { id: string; position: number }[];
  const byPosition = new Map(rows.map((r) => [r.position, r.id]));
  return items.map((i) => byPosition.get(i.position) as string);
}

// a draw, locked for a swap when asked (its row is never updated: the lock only orders swaps)
export async function drawById(manager: EntityManager, id: string, lock = false): Promise<DrawRow | null> {
  const [row] = (await manager.query(
    `select w.id, w.week_starting::text as week_starting, w.seed, w.sample, w.population::text[] as population,
            w.drawn_at, w.drawn_by, u.name as drawn_by_name, w.due_at
       from quality_audit_draw w left join app_user u on u.id = w.drawn_by
      where w.id = $1 ${lock ? 'for update of w' : ''}`,
    [id],
  )) as DrawRow[];
  return row ?? null;
}

export async function itemsOfDraw(manager: EntityManager, drawId: string): Promise<DrawItemRow[]> {
  return (await manager.query(
    `select q.id, q.decision_id, q.contact_id, c.reference, q.decided_by, u.name as decided_by_name, q.position,
            q.status, q.replaces, q.swap_reason
       from quality_audit q join app_user u on u.id = q.decided_by join contact c on c.id = q.contact_id
      where q.draw_id = $1 order by q.position`,
    [drawId],
  )) as DrawItemRow[];
}

export async function auditById(manager: EntityManager, id: string): Promise<AuditRow | null> {
  const [row] = (await manager.query(`${AUDIT_SELECT} where q.id = $1`, [id])) as AuditRow[];
  return row ?? null;
}

// the audits of a contact's decisions (its decision section), drawn order
export async function auditsOfContact(manager: EntityManager, contactId: string): Promise<AuditRow[]> {
  return (await manager.query(
    `${AUDIT_SELECT} where q.contact_id = $1 and q.status <> 'SWAPPED' order by q.drawn_at`,
    [contactId],
  )) as AuditRow[];
}

// "my feedback": the answered audits of one person's decisions, newest first
export async function feedbackOf(manager: EntityManager, userId: string, limit: number): Promise<AuditRow[]> {
  return (await manager.query(
    `${AUDIT_SELECT} where q.decided_by = $1 and q.status = 'COMPLETED' order by q.audited_at desc, q.id limit $2`,
    [userId, limit],
  )) as AuditRow[];
}

// what an answer needs to know first, the audit locked: who decided, its state, and whether the
// child is still open (the decision did not close the front door's part, the child is open to
// social care, or another contact about them is open)
export async function auditToAnswer(
  manager: EntityManager,
  id: string,
  closingOutcomes: readonly string[],
): Promise<{ status: AuditStatus; decided_by: string; contact_id: string; child_open: boolean } | null> {
  const [row] = (await manager.query(
    `select q.status, q.decided_by, q.contact_id,
            (d.outcome <> all($2::text[]) or ch.open_to_social_care_since is not null
             or exists (select 1 from contact o where o.child_id = c.child_id and o.status <> 'DECIDED')) as child_open
       from quality_audit q
       join threshold_decision d on d.id = q.decision_id
       join contact c on c.id = q.contact_id
       join child ch on ch.id = c.child_id
      where q.id = $1
      for update of q`,
    [id, closingOutcomes],
  )) as { status: AuditStatus; decided_by: string; contact_id: string; child_open: boolean }[];
  return row ?? null;
}

// an answer, on an open audit of someone else's decision only (false: it was answered or swapped first)
export async function recordAnswer(
  manager: EntityManager,
  id: string,
  answer: {
    auditedBy: string;
    auditedAt: Date;
    thresholdCorrect: ThresholdCorrect;
    grade: AuditGrade;
    findings: string;
    actions: string | null;
    concernDueAt: Date | null;
    // the concern's first timeliness transition (null: no concern)
    nextTransitionAt: Date | null;
  },
): Promise<boolean> {
  // an UPDATE's answer through TypeORM: [the returned rows, how many it changed]
  const rows = (await manager.query(
    `update quality_audit set status = 'COMPLETED', audited_by = $2, audited_at = $3, threshold_correct = $4,
            grade = $5, findings = $6, actions = $7, concern_due_at = $8, next_transition_at = $9
      where id = $1 and status = 'OPEN' and decided_by <> $2`,
    [
      id,
      answer.auditedBy,
      answer.auditedAt,
      answer.thresholdCorrect,
      answer.grade,
      answer.findings,
      answer.actions,
      answer.concernDueAt,
      answer.nextTransitionAt,
    ],
  )) as [unknown[], number];
  return rows[1] === 1;
}

export async function recordSwap(
  manager: EntityManager,
  id: string,
  swap: { swappedBy: string; swappedAt: Date; reason: string },
): Promise<boolean> {
  const rows = (await manager.query(
    `update quality_audit set status = 'SWAPPED', swapped_by = $2, swapped_at = $3, swap_reason = $4,
            next_transition_at = null
      where id = $1 and status = 'OPEN'`,
    [id, swap.swappedBy, swap.swappedAt, swap.reason],
  )) as [unknown[], number];
  return rows[1] === 1;
}

// a concern dealt with, once (false: there is none open on this audit)
export async function recordConcernResolved(
  manager: EntityManager,
  id: string,
  resolved: { by: string; at: Date; comment: string },
): Promise<{ contact_id: string } | null> {
  // an UPDATE's answer through TypeORM: [the returned rows, how many it changed]
  const [[row]] = (await manager.query(
    `update quality_audit set concern_resolved_by = $2, concern_resolved_at = $3, concern_comment = $4,
            next_transition_at = null
      where id = $1 and concern_due_at is not null and concern_resolved_at is null returning contact_id`,
    [id, resolved.by, resolved.at, resolved.comment],
  )) as [{ contact_id: string }[], number];
  return row ?? null;
}

// the audit's decider and contact, for a 404 or 403 before anything else
export async function auditOwner(
  manager: EntityManager,
  id: string,
): Promise<{ decided_by: string; contact_id: string; status: AuditStatus } | null> {
  const [row] = (await manager.query(
    `select decided_by, contact_id, status from quality_audit where id = $1`,
    [id],
  )) as { decided_by: string; contact_id: string; status: AuditStatus }[];
  return row ?? null;
}

// the contacts of these audits (a concern's clock moves its contact on the authorisation queue)
export async function contactsOfAudits(manager: EntityManager, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = (await manager.query(
    `select distinct contact_id from quality_audit where id = any($1::uuid[])`,
    [ids],
  )) as { contact_id: string }[];
  return rows.map((r) => r.contact_id);
}
