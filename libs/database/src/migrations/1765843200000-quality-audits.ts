import type { MigrationInterface, QueryRunner } from 'typeorm';

// issue 21 items 3 and 5 (decision 0034): the weekly dip-sample audits. A draw is one week's
// sample of threshold decisions, made once (unique week) with a recorded seed and the whole
// population it was drawn from, so anyone can draw it again and compare; it is never changed or
// deleted. An item is one drawn decision a manager who did not make it audits. What was drawn
// (draw, decision, contact, decider, when) never changes; an item leaves the sample only by a
// swap with a recorded reason (it then names the item drawn in its place); an answered audit is
// final, bar a manager's note that a raised concern was dealt with.
export class QualityAudits1765843200000 implements MigrationInterface {
  name = 'QualityAudits1765843200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`create table quality_audit_draw (
      id uuid primary key default gen_random_uuid(),
      week_starting date not null,
      seed text not null,
      sample jsonb not null,
      population uuid[] not null,
      drawn_at timestamptz not null,
      drawn_by uuid references app_user (id),
      due_at timestamptz not null,
      constraint uq_quality_audit_draw_week unique (week_starting),
      constraint ck_quality_audit_draw_monday check (extract(isodow from week_starting) = 1),
      constraint ck_quality_audit_draw_seed check (length(seed) >= 16))`);

    await q.query(`create table quality_audit (
      id uuid primary key default gen_random_uuid(),
      draw_id uuid not null references quality_audit_draw (id),
      decision_id uuid not null references threshold_decision (id),
      contact_id uuid not null references contact (id),
      decided_by uuid not null references app_user (id),
      position integer not null,
      drawn_at timestamptz not null,
      due_at timestamptz not null,
      replaces uuid references quality_audit (id),
      status text not null default 'OPEN',
      next_transition_at timestamptz,
      swapped_by uuid references app_user (id),
      swapped_at timestamptz,
      swap_reason text,
      audited_by uuid references app_user (id),
      audited_at timestamptz,
      threshold_correct text,
      grade text,
      findings text,
      actions text,
      concern_due_at timestamptz,
      concern_resolved_by uuid references app_user (id),
      concern_resolved_at timestamptz,
      concern_comment text,
      constraint uq_quality_audit_decision unique (decision_id),
      constraint uq_quality_audit_position unique (draw_id, position),
      constraint ck_quality_audit_status check (status in ('OPEN', 'COMPLETED', 'SWAPPED')),
      constraint ck_quality_audit_swap check (
        (status = 'SWAPPED') = (swapped_by is not null and swapped_at is not null and swap_reason is not null)),
      constraint ck_quality_audit_answer check (
        (status = 'COMPLETED') = (audited_by is not null and audited_at is not null and
          threshold_correct is not null and grade is not null and findings is not null)),
      constraint ck_quality_audit_auditor check (audited_by is distinct from decided_by),
      constraint ck_quality_audit_correct check (threshold_correct in ('YES', 'PARTLY', 'NO')),
      constraint ck_quality_audit_grade check (
        grade in ('OUTSTANDING', 'GOOD', 'REQUIRES_IMPROVEMENT', 'INADEQUATE')),
      constraint ck_quality_audit_concern check (
        (concern_resolved_at is null) = (concern_resolved_by is null) and
        (concern_resolved_at is null or concern_due_at is not null)))`);

    await q.query(
      `create index ix_quality_audit_replaces on quality_audit (replaces) where replaces is not null`,
    );
    await q.query(`create index ix_quality_audit_open on quality_audit (due_at, id) where status = 'OPEN'`);
    await q.query(`create index ix_quality_audit_transition on quality_audit (next_transition_at)
      where status = 'OPEN' and next_transition_at is not null`);
    await q.query(`create index ix_quality_audit_contact on quality_audit (contact_id)`);
    await q.query(`create index ix_quality_audit_decider on quality_audit (decided_by, audited_at)
      where status = 'COMPLETED'`);
    // a NO on a child still open: the contact is back on the authorisation queue until dealt with
    await q.query(`create index ix_quality_audit_concern on quality_audit (contact_id)
      where concern_due_at is not null and concern_resolved_at is null`);

    await q.query(`create function quality_audit_draw_immutable() returns trigger language plpgsql as $$
      begin
        raise exception 'a quality audit draw is never changed or deleted' using errcode = '55000';
      end $$`);
    await q.query(`create trigger tr_quality_audit_draw_immutable before update or delete on quality_audit_draw
      for each row execute function quality_audit_draw_immutable()`);

    await q.query(`create function quality_audit_guard() returns trigger language plpgsql as $$
      begin
        if tg_op = 'DELETE' then
          raise exception 'a drawn quality audit is never deleted' using errcode = '55000';
        end if;
        if (new.draw_id, new.decision_id, new.contact_id, new.decided_by, new.position, new.drawn_at, new.due_at)
           is distinct from
           (old.draw_id, old.decision_id, old.contact_id, old.decided_by, old.position, old.drawn_at, old.due_at)
           or new.replaces is distinct from old.replaces then
          raise exception 'what a quality audit draw took is never changed' using errcode = '55000';
        end if;
        if old.status <> 'OPEN' and (new.status, new.swapped_by, new.swapped_at, new.swap_reason,
             new.audited_by, new.audited_at, new.threshold_correct, new.grade, new.findings, new.actions,
             new.concern_due_at)
           is distinct from (old.status, old.swapped_by, old.swapped_at, old.swap_reason,
             old.audited_by, old.audited_at, old.threshold_correct, old.grade, old.findings, old.actions,
             old.concern_due_at) then
          raise exception 'an answered or swapped quality audit is final' using errcode = '55000';
        end if;
        if old.concern_resolved_at is not null and (new.concern_resolved_at, new.concern_resolved_by,
             new.concern_comment) is distinct from (old.concern_resolved_at, old.concern_resolved_by,
             old.concern_comment) then
          raise exception 'a dealt-with concern is final' using errcode = '55000';
        end if;
        return new;
      end $$`);
    await q.query(`create trigger tr_quality_audit_guard before update or delete on quality_audit
      for each row execute function quality_audit_guard()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table quality_audit`);
    await q.query(`drop table quality_audit_draw`);
    await q.query(`drop function quality_audit_guard()`);
    await q.query(`drop function quality_audit_draw_immutable()`);
  }
}
