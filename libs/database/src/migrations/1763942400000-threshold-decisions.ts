import type { MigrationInterface, QueryRunner } from 'typeorm';

// threshold decisions with their authorisation, the rest of the referral, the strategy
// discussion a decision can start, and the authorisation queue's index
export class ThresholdDecisions1763942400000 implements MigrationInterface {
  name = 'ThresholdDecisions1763942400000';

  async up(q: QueryRunner): Promise<void> {
    // the outcome in force, kept on the contact for its history and partners' view
    await q.query(`alter table contact add column outcome text`);
    await q.query(`
      create index ix_contact_authorisation_queue on contact (rag_rank, decision_due_at, id)
      where status = 'AWAITING_AUTHORISATION'`);

    await q.query(`
      create table threshold_decision (
        id uuid not null default gen_random_uuid(),
        contact_id uuid not null,
        level smallint not null,
        outcome text not null,
        rationale text not null,
        primary_need_code text,
        factors text[] not null default '{}',
        override_reason text,
        overridden boolean not null,
        decided_by uuid not null,
        decided_at timestamptz not null,
        within_timescale boolean not null,
        minutes_taken integer not null,
        status text not null,
        authorisation_reasons jsonb not null default '[]'::jsonb,
        authorised_by uuid,
        authorised_at timestamptz,
        authorisation_comment text,
        acknowledgement jsonb,
        constraint pk_threshold_decision primary key (id),
        constraint fk_threshold_decision_contact foreign key (contact_id) references contact (id),
        constraint fk_threshold_decision_decided_by foreign key (decided_by) references app_user (id),
        constraint fk_threshold_decision_authorised_by foreign key (authorised_by) references app_user (id),
        constraint ck_threshold_decision_level check (level between 1 and 4),
        constraint ck_threshold_decision_outcome check (outcome in
          ('NFA', 'INFORMATION_AND_ADVICE', 'EARLY_HELP', 'SOCIAL_CARE_ASSESSMENT', 'STRATEGY_DISCUSSION')),
        constraint ck_threshold_decision_status check (status in ('DECIDED', 'AWAITING_AUTHORISATION', 'APPROVED', 'REJECTED')),
        constraint ck_threshold_decision_not_self_authorised check (authorised_by is null or authorised_by <> decided_by)
      )`);
    // a contact has at most one standing decision; rejected ones stay as history
    await q.query(`
      create unique index uq_threshold_decision_standing on threshold_decision (contact_id) where status <> 'REJECTED'`);
    await q.query(
      `create index ix_threshold_decision_contact on threshold_decision (contact_id, decided_at desc)`,
    );
    await q.query(`create index ix_threshold_decision_decided_at on threshold_decision (decided_at)`);

    // referral rows exist only from threshold decisions, which this migration brings
    await q.query(`
      alter table referral
        add column decision_id uuid not null,
        add column source text not null,
        add column primary_need_code text not null,
        add column assessment_due_date date not null,
        add column re_referral boolean not null,
        add constraint fk_referral_decision foreign key (decision_id) references threshold_decision (id)`);

    await q.query(`
      create table strategy_discussion (
        id uuid not null default gen_random_uuid(),
        contact_id uuid not null,
        decision_id uuid,
        due_at timestamptz not null,
        status text not null default 'DUE',
        created_at timestamptz not null,
        constraint pk_strategy_discussion primary key (id),
        constraint fk_strategy_discussion_contact foreign key (contact_id) references contact (id),
        constraint fk_strategy_discussion_decision foreign key (decision_id) references threshold_decision (id),
        constraint ck_strategy_discussion_status check (status in ('DUE', 'SCHEDULED', 'HELD'))
      )`);
    await q.query(`create index ix_strategy_discussion_contact on strategy_discussion (contact_id)`);
    await q.query(
      `create index ix_strategy_discussion_open on strategy_discussion (due_at) where status <> 'HELD'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table strategy_discussion`);
    await q.query(`
      alter table referral drop constraint fk_referral_decision,
        drop column decision_id, drop column source, drop column primary_need_code,
        drop column assessment_due_date, drop column re_referral`);
    await q.query(`drop table threshold_decision`);
    await q.query(`drop index ix_contact_authorisation_queue`);
    await q.query(`alter table contact drop column outcome`);
  }
}
