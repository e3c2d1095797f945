import type { MigrationInterface, QueryRunner } from 'typeorm';

// children, contacts and their RAG history; the referral core the history counts;
// idempotency records for partner submissions; the live-event outbox
export class Contacts1763856000000 implements MigrationInterface {
  name = 'Contacts1763856000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table child (
        id uuid not null default gen_random_uuid(),
        nhs_number char(10),
        first_name text not null,
        last_name text not null,
        date_of_birth date,
        expected_date_of_birth date,
        sex char(1),
        ethnicity text,
        postcode text,
        address text,
        school text,
        match_key text,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        constraint pk_child primary key (id),
        constraint uq_child_nhs_number unique (nhs_number),
        constraint ck_child_sex check (sex in ('M', 'F', 'U'))
      )`);
    // the "same child" rule: NHS number, else normalised names + date of birth
    await q.query(`create index ix_child_match_key on child (match_key) where match_key is not null`);

    await q.query(`create sequence contact_reference_seq as bigint`);
    await q.query(`
      create table contact (
        id uuid not null default gen_random_uuid(),
        reference text not null,
        household_id uuid not null,
        child_id uuid not null,
        source text not null,
        received_at timestamptz not null,
        recorded_at timestamptz not null,
        origin_agency_id uuid not null,
        created_by uuid not null,
        referrer jsonb not null,
        child_reported jsonb not null,
        concerns text not null,
        categories text[] not null,
        injury boolean not null default false,
        immediate_risk boolean not null,
        consent_status text not null,
        consent_reason text,
        suggested_rag text not null,
        rag_reasons text[] not null,
        rag text not null,
        rag_rank smallint generated always as (case rag when 'RED' then 0 when 'AMBER' then 1 else 2 end) stored,
        decision_due_at timestamptz not null,
        status text not null,
        claimed_by uuid,
        claimed_at timestamptz,
        prior_contacts_12m integer not null,
        prior_referrals_12m integer not null,
        updated_at timestamptz not null,
        constraint pk_contact primary key (id),
        constraint uq_contact_reference unique (reference),
        constraint fk_contact_child foreign key (child_id) references child (id),
        constraint fk_contact_origin_agency foreign key (origin_agency_id) references agency (id),
        constraint fk_contact_created_by foreign key (created_by) references app_user (id),
        constraint fk_contact_claimed_by foreign key (claimed_by) references app_user (id),
        constraint ck_contact_rag check (rag in ('RED', 'AMBER', 'GREEN')),
        constraint ck_contact_suggested_rag check (suggested_rag in ('RED', 'AMBER', 'GREEN')),
        constraint ck_contact_consent check (consent_status in ('GIVEN', 'NOT_SOUGHT', 'REFUSED', 'OVERRIDDEN')),
        constraint ck_contact_status check (status in ('RECEIVED', 'IN_SCREENING', 'AWAITING_AUTHORISATION', 'DECIDED')),
        constraint ck_contact_claim check ((claimed_by is null) = (claimed_at is null))
      )`);
    // the screening queue reads only open contacts, in queue order: its cost follows the
    // open items, not the history
    await q.query(`
      create index ix_contact_screening_queue on contact (rag_rank, decision_due_at, id)
      where status in ('RECEIVED', 'IN_SCREENING')`);
    await q.query(`create index ix_contact_child_received on contact (child_id, received_at desc)`);
    await q.query(`create index ix_contact_origin_agency on contact (origin_agency_id, received_at desc)`);
    await q.query(`create index ix_contact_household on contact (household_id)`);

    await q.query(`
      create table contact_rag_change (
        id bigint generated always as identity,
        contact_id uuid not null,
        from_rag text,
        to_rag text not null,
        reason text,
        changed_by uuid not null,
        changed_at timestamptz not null,
        decision_due_at timestamptz not null,
        constraint pk_contact_rag_change primary key (id),
        constraint fk_contact_rag_change_contact foreign key (contact_id) references contact (id),
        constraint fk_contact_rag_change_user foreign key (changed_by) references app_user (id),
        constraint ck_contact_rag_change_to check (to_rag in ('RED', 'AMBER', 'GREEN'))
      )`);
    await q.query(`create index ix_contact_rag_change_contact on contact_rag_change (contact_id, id)`);

    // a contact accepted for a social care response; threshold decisions add the rest
    await q.query(`
      create table referral (
        id uuid not null default gen_random_uuid(),
        contact_id uuid not null,
        child_id uuid not null,
        referral_date date not null,
        created_at timestamptz not null default now(),
        constraint pk_referral primary key (id),
        constraint uq_referral_contact unique (contact_id),
        constraint fk_referral_contact foreign key (contact_id) references contact (id),
        constraint fk_referral_child foreign key (child_id) references child (id)
      )`);
    await q.query(`create index ix_referral_child_date on referral (child_id, referral_date desc)`);

    // the first response to a keyed request, replayed for the same key and body
    await q.query(`
      create table idempotency_record (
        owner_id uuid not null,
        key text not null,
        request_hash char(64) not null,
        response_status integer,
        response_body jsonb,
        created_at timestamptz not null default now(),
        constraint pk_idempotency_record primary key (owner_id, key)
      )`);
    await q.query(`create index ix_idempotency_record_created_at on idempotency_record (created_at)`);

    // the outbox: written in each use case's transaction under the journal lock, so seq
    // order is commit order
    await q.query(`
      create table live_event (
        seq bigint not null,
        type text not null,
        payload jsonb not null,
        occurred_at timestamptz not null,
        constraint pk_live_event primary key (seq)
      )`);
    await q.query(`create sequence live_event_seq as bigint owned by live_event.seq`);
    await q.query(`create index ix_live_event_occurred_at on live_event (occurred_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table live_event`);
    await q.query(`drop table idempotency_record`);
    await q.query(`drop table referral`);
    await q.query(`drop table contact_rag_change`);
    await q.query(`drop table contact`);
    await q.query(`drop sequence contact_reference_seq`);
    await q.query(`drop table child`);
  }
}
