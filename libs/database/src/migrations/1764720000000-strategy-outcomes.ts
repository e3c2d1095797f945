import type { MigrationInterface, QueryRunner } from 'typeorm';

// strategy to outcome (issue 17, decision 0023): each action's stable id and its completion, the
// s47 enquiry's outcome and the initial child protection conference (CIN census Section47 and
// ChildProtectionPlans), and the ICPC's clock on the strategy queue
export class StrategyOutcomes1764720000000 implements MigrationInterface {
  name = 'StrategyOutcomes1764720000000';

  async up(q: QueryRunner): Promise<void> {
    // the id an action keeps across the record's amendments; the rows made so far keep their own
    await q.query(`alter table strategy_action add column action_id uuid`);
    await q.query(`update strategy_action set action_id = id`);
    await q.query(`
      alter table strategy_action
        alter column action_id set not null,
        alter column action_id set default gen_random_uuid()`);
    await q.query(
      `create unique index uq_strategy_action_current on strategy_action (action_id) where current`,
    );

    // one completion per action id: it stays with the action through amendments
    await q.query(`
      create table strategy_action_completion (
        action_id uuid not null,
        discussion_id uuid not null,
        completed_at timestamptz not null,
        completed_by uuid not null,
        note text not null,
        constraint pk_strategy_action_completion primary key (action_id),
        constraint fk_strategy_action_completion_discussion foreign key (discussion_id)
          references strategy_discussion (id),
        constraint fk_strategy_action_completion_completed_by foreign key (completed_by) references app_user (id)
      )`);
    await q.query(
      `create index ix_strategy_action_completion_discussion on strategy_action_completion (discussion_id)`,
    );

    await q.query(`
      create table strategy_enquiry_outcome (
        discussion_id uuid not null,
        concluded_at timestamptz not null,
        outcome text not null,
        rationale text not null,
        recorded_by uuid not null,
        recorded_at timestamptz not null,
        constraint pk_strategy_enquiry_outcome primary key (discussion_id),
        constraint fk_strategy_enquiry_outcome_discussion foreign key (discussion_id) references strategy_discussion (id),
        constraint fk_strategy_enquiry_outcome_recorded_by foreign key (recorded_by) references app_user (id),
        constraint ck_strategy_enquiry_outcome_outcome check (outcome in
          ('CONCERNS_SUBSTANTIATED_ICPC', 'CONCERNS_SUBSTANTIATED_NO_ICPC', 'NOT_SUBSTANTIATED'))
      )`);

    await q.query(`
      create table strategy_icpc (
        discussion_id uuid not null,
        held_at timestamptz not null,
        held_date date not null,
        child_protection_plan boolean not null,
        category text,
        icpc_due_date date not null,
        held_within_target boolean not null,
        recorded_by uuid not null,
        recorded_at timestamptz not null,
        constraint pk_strategy_icpc primary key (discussion_id),
        constraint fk_strategy_icpc_discussion foreign key (discussion_id) references strategy_discussion (id),
        constraint fk_strategy_icpc_recorded_by foreign key (recorded_by) references app_user (id),
        constraint ck_strategy_icpc_category check (category in ('NEG', 'PHY', 'SAB', 'EMO', 'MUL')),
        -- CIN census 8905: a plan has a category of abuse; none without a plan
        constraint ck_strategy_icpc_plan_category check ((category is not null) = child_protection_plan)
      )`);
    await q.query(`create index ix_strategy_icpc_held_at on strategy_icpc (held_at)`);

    // a held discussion whose ICPC is due and not yet held stays on the strategy queue
    await q.query(`
      alter table strategy_discussion
        add column icpc_clock_from timestamptz,
        add column icpc_due_at timestamptz,
        add constraint ck_strategy_discussion_icpc_clock check ((icpc_clock_from is null) = (icpc_due_at is null))`);
    await q.query(`
      create index ix_strategy_discussion_icpc_due on strategy_discussion (icpc_due_at) where icpc_due_at is not null`);
    // discussions already held with an s47 enquiry await their ICPC: the end of the target day in
    // London (DOMAIN.md "Clocks"); the ticker takes them at once and sets their next transition
    await q.query(`
      update strategy_discussion s
         set icpc_clock_from = r.held_at,
             icpc_due_at = ((r.icpc_due_date + 1)::timestamp at time zone 'Europe/London') - interval '1 millisecond',
             next_transition_at = now()
        from strategy_record r
       where r.discussion_id = s.id and r.current and s.status = 'HELD' and r.icpc_due_date is not null`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop index ix_strategy_discussion_icpc_due`);
    await q.query(`
      alter table strategy_discussion
        drop constraint ck_strategy_discussion_icpc_clock,
        drop column icpc_clock_from, drop column icpc_due_at`);
    await q.query(`drop table strategy_icpc`);
    await q.query(`drop table strategy_enquiry_outcome`);
    await q.query(`drop table strategy_action_completion`);
    await q.query(`drop index uq_strategy_action_current`);
    await q.query(`alter table strategy_action drop column action_id`);
  }
}
