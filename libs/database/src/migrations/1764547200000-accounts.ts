import type { MigrationInterface, QueryRunner } from 'typeorm';

// issue 14: accounts for a real deployment. Agencies of every kind the admin API names; users
// an admin creates (no password until they set one with a setup code), sign-in failures and
// locks, TOTP; server-side sessions every request is checked against (their end is announced
// to every instance by NOTIFY); partner systems' credentials, each acting as a SYSTEM user of
// its agency so what it submits is attributed to it
export class Accounts1764547200000 implements MigrationInterface {
  name = 'Accounts1764547200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`alter table agency drop constraint ck_agency_kind`);
    await q.query(`
      alter table agency add constraint ck_agency_kind
        check (kind in ('LA_SOCIAL_CARE', 'POLICE', 'EDUCATION', 'HEALTH', 'PROBATION', 'HOUSING', 'OTHER'))`);

    await q.query(`
      alter table app_user
        alter column password_hash drop not null,
        alter column email drop not null,
        add column kind text not null default 'PERSON',
        add column setup_code_hash text,
        add column setup_code_expires_at timestamptz,
        add column password_changed_at timestamptz,
        add column failed_sign_ins integer not null default 0,
        add column last_failed_sign_in_at timestamptz,
        add column locked_until timestamptz,
        add column mfa_secret text,
        add column mfa_pending_secret text,
        add column mfa_enabled_at timestamptz,
        add column mfa_last_step bigint,
        add column updated_at timestamptz not null default now(),
        add constraint ck_app_user_kind check (kind in ('PERSON', 'SYSTEM')),
        add constraint ck_app_user_person_email check (kind = 'SYSTEM' or email is not null),
        add constraint ck_app_user_system_no_password check (kind = 'PERSON' or password_hash is null)`);

    await q.query(`
      create table mfa_recovery_code (
        user_id uuid not null,
        code_hash text not null,
        used_at timestamptz,
        created_at timestamptz not null default now(),
        constraint pk_mfa_recovery_code primary key (user_id, code_hash),
        constraint fk_mfa_recovery_code_user foreign key (user_id) references app_user (id)
      )`);

    await q.query(`
      create table api_client (
        id uuid not null default gen_random_uuid(),
        user_id uuid not null,
        client_id text not null,
        secret_hash text not null,
        created_by uuid,
        created_at timestamptz not null default now(),
        secret_rotated_at timestamptz,
        revoked_at timestamptz,
        constraint pk_api_client primary key (id),
        constraint uq_api_client_client_id unique (client_id),
        constraint uq_api_client_user unique (user_id),
        constraint fk_api_client_user foreign key (user_id) references app_user (id),
        constraint fk_api_client_created_by foreign key (created_by) references app_user (id)
      )`);

    await q.query(`
      create table auth_session (
        id uuid not null default gen_random_uuid(),
        user_id uuid not null,
        kind text not null,
        purpose text not null,
        method text not null,
        mfa boolean not null,
        created_at timestamptz not null,
        last_seen_at timestamptz not null,
        expires_at timestamptz not null,
        ended_at timestamptz,
        ended_reason text,
        constraint pk_auth_session primary key (id),
        constraint fk_auth_session_user foreign key (user_id) references app_user (id),
        constraint ck_auth_session_kind check (kind in ('BEARER', 'COOKIE', 'CLIENT')),
        constraint ck_auth_session_purpose check (purpose in ('FULL', 'MFA_ENROLMENT')),
        constraint ck_auth_session_ended check ((ended_at is null) = (ended_reason is null))
      )`);
    await q.query(`create index ix_auth_session_user_open on auth_session (user_id) where ended_at is null`);

    // every instance LISTENs: a session ended anywhere is dropped from every cache and its
    // sockets are disconnected (payload: "<session id> <reason>")
    await q.query(`
      create function auth_session_ended_notify() returns trigger language plpgsql as $$
      begin
        perform pg_notify('frontdoor_session_ended', new.id::text || ' ' || new.ended_reason);
        return null;
      end $$`);
    await q.query(`
      create trigger tg_auth_session_ended after update of ended_at on auth_session
      for each row when (old.ended_at is null and new.ended_at is not null)
      execute function auth_session_ended_notify()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop trigger tg_auth_session_ended on auth_session`);
    await q.query(`drop function auth_session_ended_notify()`);
    await q.query(`drop table auth_session`);
    await q.query(`drop table api_client`);
    await q.query(`drop table mfa_recovery_code`);
    await q.query(`delete from app_user where kind = 'SYSTEM'`);
    await q.query(`
      alter table app_user
        drop constraint ck_app_user_system_no_password,
        drop constraint ck_app_user_person_email,
        drop constraint ck_app_user_kind,
        drop column updated_at,
        drop column mfa_last_step,
        drop column mfa_enabled_at,
        drop column mfa_pending_secret,
        drop column mfa_secret,
        drop column locked_until,
        drop column last_failed_sign_in_at,
        drop column failed_sign_ins,
        drop column password_changed_at,
        drop column setup_code_expires_at,
        drop column setup_code_hash,
        drop column kind,
        alter column email set not null`);
    await q.query(`update app_user set password_hash = '!' where password_hash is null`);
    await q.query(`alter table app_user alter column password_hash set not null`);
    await q.query(`alter table agency drop constraint ck_agency_kind`);
    await q.query(`
      alter table agency add constraint ck_agency_kind
        check (kind in ('LA_SOCIAL_CARE', 'POLICE', 'EDUCATION', 'HEALTH', 'OTHER'))`);
  }
}
