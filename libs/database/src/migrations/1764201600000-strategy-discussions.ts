import type { MigrationInterface, QueryRunner } from 'typeorm';

// strategy discussions: scheduling and invitees, records with attendance by agency (amendments
// kept as history), actions, escalation by a manager, and the clock on the strategy queue
export class StrategyDiscussions1764201600000 implements MigrationInterface {
  name = 'StrategyDiscussions1764201600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      alter table strategy_discussion
        add column scheduled_for timestamptz,
        add column invitees jsonb not null default '[]'::jsonb,
        add column started_by uuid,
        add column start_reason text,
        add column next_transition_at timestamptz,
        add column updated_at timestamptz,
        add constraint fk_strategy_discussion_started_by foreign key (started_by) references app_user (id)`);
    // one open discussion per contact at a time
    await q.query(`
      create unique index uq_strategy_discussion_open on strategy_discussion (contact_id) where status <> 'HELD'`);
    await q.query(`
      create index ix_strategy_discussion_next_transition on strategy_discussion (next_transition_at)
      where next_transition_at is not null`);

    await q.query(`
      create table strategy_record (
        id uuid not null default gen_random_uuid(),
        discussion_id uuid not null,
        version integer not null,
        current boolean not null,
        held_at timestamptz not null,
        attendance jsonb not null,
        outcome text not null,
        rationale text not null,
        quorate boolean not null,
        held_within_timescale boolean not null,
        s47_start_date date,
        icpc_due_date date,
        amendment_reason text,
        recorded_by uuid not null,
        recorded_at timestamptz not null,
        constraint pk_strategy_record primary key (id),
        constraint uq_strategy_record_version unique (discussion_id, version),
        constraint fk_strategy_record_discussion foreign key (discussion_id) references strategy_discussion (id),
        constraint fk_strategy_record_recorded_by foreign key (recorded_by) references app_user (id),
        constraint ck_strategy_record_outcome check (outcome in ('S47_SINGLE_AGENCY', 'S47_JOINT', 'NO_S47_ASSESSMENT', 'NFA')),
        constraint ck_strategy_record_amendment check (version = 1 or amendment_reason is not null)
      )`);
    await q.query(
      `create unique index uq_strategy_record_current on strategy_record (discussion_id) where current`,
    );
    await q.query(`create index ix_strategy_record_held_at on strategy_record (held_at) where current`);

    await q.query(`
      create table strategy_action (
        id uuid not null default gen_random_uuid(),
        record_id uuid not null,
        discussion_id uuid not null,
        description text not null,
        owner_agency text not null,
        due_date date not null,
        current boolean not null,
        constraint pk_strategy_action primary key (id),
        constraint fk_strategy_action_record foreign key (record_id) references strategy_record (id),
        constraint fk_strategy_action_discussion foreign key (discussion_id) references strategy_discussion (id)
      )`);
    await q.query(`create index ix_strategy_action_due on strategy_action (due_date) where current`);
    await q.query(`create index ix_strategy_action_discussion on strategy_action (discussion_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table strategy_action`);
    await q.query(`drop table strategy_record`);
    await q.query(`drop index ix_strategy_discussion_next_transition`);
    await q.query(`drop index uq_strategy_discussion_open`);
    await q.query(`
      alter table strategy_discussion
        drop constraint fk_strategy_discussion_started_by,
        drop column scheduled_for, drop column invitees, drop column started_by, drop column start_reason,
        drop column next_transition_at, drop column updated_at`);
  }
}
