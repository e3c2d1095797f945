import type { MigrationInterface, QueryRunner } from 'typeorm';

// police domestic-abuse notifications, the children in them, Operation Encompass school
// notifications, and the contacts triage makes from them
export class DomesticAbuse1764115200000 implements MigrationInterface {
  name = 'DomesticAbuse1764115200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table da_notification (
        id uuid not null default gen_random_uuid(),
        force_agency_id uuid not null,
        police_reference text not null,
        request_hash char(64) not null,
        received_at timestamptz not null,
        incident_at timestamptz not null,
        submission_delay_minutes integer not null,
        risk_tool text not null,
        risk_level text not null,
        dash_score smallint,
        victim jsonb not null,
        victim_key text not null,
        perpetrator jsonb not null,
        relationship text not null,
        injuries boolean not null,
        weapon_used boolean not null,
        substance_misuse boolean,
        summary text not null,
        officer jsonb not null,
        suggested_outcome text not null,
        suggested_marac boolean not null,
        suggestion_reasons text[] not null,
        marac_reasons text[] not null,
        marac boolean not null,
        rag text not null,
        rag_rank smallint generated always as (case rag when 'RED' then 0 when 'AMBER' then 1 else 2 end) stored,
        triage_due_at timestamptz not null,
        next_transition_at timestamptz,
        status text not null,
        triage_outcome text,
        triage_rationale text,
        triaged_by uuid,
        triaged_at timestamptz,
        triaged_within_timescale boolean,
        household_id uuid not null,
        created_by uuid not null,
        constraint pk_da_notification primary key (id),
        constraint uq_da_notification_reference unique (force_agency_id, police_reference),
        constraint fk_da_notification_force foreign key (force_agency_id) references agency (id),
        constraint fk_da_notification_created_by foreign key (created_by) references app_user (id),
        constraint fk_da_notification_triaged_by foreign key (triaged_by) references app_user (id),
        constraint ck_da_notification_risk_tool check (risk_tool in ('DASH', 'DARA')),
        constraint ck_da_notification_risk_level check (risk_level in ('STANDARD', 'MEDIUM', 'HIGH')),
        constraint ck_da_notification_dash check (dash_score is null or (risk_tool = 'DASH' and dash_score between 0 and 27)),
        constraint ck_da_notification_status check (status in ('AWAITING_TRIAGE', 'TRIAGED')),
        constraint ck_da_notification_outcomes check (
          suggested_outcome in ('INFORMATION_ONLY', 'CONTACT', 'URGENT_CONTACT')
          and (triage_outcome is null or triage_outcome in ('INFORMATION_ONLY', 'CONTACT', 'URGENT_CONTACT'))),
        constraint ck_da_notification_rag check (rag in ('RED', 'AMBER', 'GREEN'))
      )`);
    await q.query(`
      create index ix_da_notification_triage_queue on da_notification (rag_rank, triage_due_at, id)
      where status = 'AWAITING_TRIAGE'`);
    // the same victim's earlier incidents (names + date of birth)
    await q.query(`create index ix_da_notification_victim on da_notification (victim_key, incident_at)`);
    await q.query(
      `create index ix_da_notification_force on da_notification (force_agency_id, received_at desc)`,
    );
    await q.query(`create index ix_da_notification_received_at on da_notification (received_at)`);
    await q.query(`
      create index ix_da_notification_next_transition on da_notification (next_transition_at)
      where next_transition_at is not null`);

    await q.query(`
      create table da_notification_child (
        id uuid not null default gen_random_uuid(),
        notification_id uuid not null,
        position smallint not null,
        child_id uuid not null,
        reported jsonb not null,
        contact_id uuid,
        constraint pk_da_notification_child primary key (id),
        constraint uq_da_notification_child_position unique (notification_id, position),
        constraint fk_da_notification_child_notification foreign key (notification_id) references da_notification (id),
        constraint fk_da_notification_child_child foreign key (child_id) references child (id),
        constraint fk_da_notification_child_contact foreign key (contact_id) references contact (id)
      )`);
    await q.query(`create index ix_da_notification_child_child on da_notification_child (child_id)`);

    await q.query(`
      create table encompass_notification (
        id uuid not null default gen_random_uuid(),
        notification_id uuid not null,
        child_id uuid not null,
        school text,
        due_at timestamptz not null,
        status text not null,
        rag text not null,
        next_transition_at timestamptz,
        sent_at timestamptz,
        sent_by uuid,
        method text,
        recipient text,
        created_at timestamptz not null,
        constraint pk_encompass_notification primary key (id),
        constraint fk_encompass_notification_notification foreign key (notification_id) references da_notification (id),
        constraint fk_encompass_notification_child foreign key (child_id) references child (id),
        constraint fk_encompass_notification_sent_by foreign key (sent_by) references app_user (id),
        constraint ck_encompass_notification_status check (status in ('PENDING', 'SENT')),
        constraint ck_encompass_notification_method check (method is null or method in ('EMAIL', 'PHONE', 'PORTAL'))
      )`);
    await q.query(
      `create index ix_encompass_queue on encompass_notification (due_at, id) where status = 'PENDING'`,
    );
    await q.query(
      `create index ix_encompass_notification_notification on encompass_notification (notification_id)`,
    );
    await q.query(`create index ix_encompass_notification_created_at on encompass_notification (created_at)`);
    await q.query(`
      create index ix_encompass_next_transition on encompass_notification (next_transition_at)
      where next_transition_at is not null`);

    await q.query(`alter table contact add column da_notification_id uuid`);
    await q.query(`
      alter table contact add constraint fk_contact_da_notification
      foreign key (da_notification_id) references da_notification (id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`alter table contact drop constraint fk_contact_da_notification`);
    await q.query(`alter table contact drop column da_notification_id`);
    await q.query(`drop table encompass_notification`);
    await q.query(`drop table da_notification_child`);
    await q.query(`drop table da_notification`);
  }
}
