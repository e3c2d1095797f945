import type { MigrationInterface, QueryRunner } from 'typeorm';

// agencies, users and the append-only, hash-chained audit trail
export class Foundation1763769600000 implements MigrationInterface {
  name = 'Foundation1763769600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table agency (
        id uuid not null default gen_random_uuid(),
        name text not null,
        kind text not null,
        created_at timestamptz not null default now(),
        constraint pk_agency primary key (id),
        constraint uq_agency_name unique (name),
        constraint ck_agency_kind check (kind in ('LA_SOCIAL_CARE', 'POLICE', 'EDUCATION', 'HEALTH', 'OTHER'))
      )`);
    await q.query(`
      create table app_user (
        id uuid not null default gen_random_uuid(),
        agency_id uuid not null,
        email text not null,
        name text not null,
        role text not null,
        password_hash text not null,
        active boolean not null default true,
        created_at timestamptz not null default now(),
        constraint pk_app_user primary key (id),
        constraint fk_app_user_agency foreign key (agency_id) references agency (id),
        constraint uq_app_user_email unique (email),
        constraint ck_app_user_email_lower check (email = lower(email)),
        constraint ck_app_user_role check (role in ('SCREENER', 'MANAGER', 'POLICE', 'PARTNER', 'ADMIN'))
      )`);
    await q.query(`create index ix_app_user_agency on app_user (agency_id)`);

    await q.query(`
      create table audit_entry (
        id bigint not null,
        occurred_at timestamptz not null,
        actor_id uuid,
        actor_role text,
        actor_agency_id uuid,
        action text not null,
        entity_type text not null,
        entity_id text,
        correlation_id text,
        details jsonb not null default '{}'::jsonb,
        prev_hash char(64) not null,
        hash char(64) not null,
        constraint pk_audit_entry primary key (id)
      )`);
    // ids come from this sequence under the journal lock, so id order is commit order
    await q.query(`create sequence audit_entry_id_seq as bigint owned by audit_entry.id`);
    await q.query(
      `create index ix_audit_entry_entity on audit_entry (entity_id, id) where entity_id is not null`,
    );
    await q.query(
      `create index ix_audit_entry_actor on audit_entry (actor_id, id) where actor_id is not null`,
    );
    await q.query(`create index ix_audit_entry_occurred_at on audit_entry (occurred_at)`);
    await q.query(`
      create function audit_entry_is_append_only() returns trigger language plpgsql as $$
      begin
        raise exception 'audit_entry is append-only: % is not allowed', tg_op
          using errcode = 'insufficient_privilege';
      end;
      $$`);
    await q.query(`
      create trigger tg_audit_entry_no_update_delete before update or delete on audit_entry
      for each row execute function audit_entry_is_append_only()`);
    await q.query(`
      create trigger tg_audit_entry_no_truncate before truncate on audit_entry
      for each statement execute function audit_entry_is_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table audit_entry`);
    await q.query(`drop function audit_entry_is_append_only()`);
    await q.query(`drop table app_user`);
    await q.query(`drop table agency`);
  }
}
