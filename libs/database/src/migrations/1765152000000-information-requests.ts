import type { MigrationInterface, QueryRunner } from 'typeorm';

// issue 18: the front door asks a partner agency what it knows about a child (decision 0029).
// One request per agency asked, due by the contact's rating (config/information-sharing.yml);
// its answers are append-only versions (an amendment is a new version; a refusal is a version
// that declines, with why); each chase is a row. A request shows the asked agency only the
// child's and household's names, dates of birth, address and the questions.
export class InformationRequests1765152000000 implements MigrationInterface {
  name = 'InformationRequests1765152000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`create table information_request (
      id uuid primary key default gen_random_uuid(),
      contact_id uuid not null references contact (id),
      agency_id uuid not null references agency (id),
      questions text not null,
      lawful_basis text not null,
      consent_override_reason text,
      rag text not null,
      status text not null,
      requested_by uuid not null references app_user (id),
      requested_at timestamptz not null,
      due_at timestamptz not null,
      next_transition_at timestamptz,
      first_response_at timestamptz,
      constraint ck_information_request_basis
        check (lawful_basis in ('CONSENT', 'PUBLIC_TASK_S17', 'PUBLIC_TASK_S47', 'VITAL_INTERESTS')),
      constraint ck_information_request_rag check (rag in ('RED', 'AMBER', 'GREEN')),
      constraint ck_information_request_status check (status in ('OPEN', 'ANSWERED', 'DECLINED')),
      constraint ck_information_request_override
        check (lawful_basis = 'CONSENT' or consent_override_reason is not null)
    )`);
    // an agency is asked once at a time about a contact
    await q.query(`create unique index uq_information_request_open on information_request (contact_id, agency_id)
      where status = 'OPEN'`);
    await q.query(
      `create index ix_information_request_contact on information_request (contact_id, requested_at, id)`,
    );
    // the asked agency's open requests, in queue order
    await q.query(`create index ix_information_request_agency_open on information_request (agency_id, due_at, id)
      where status = 'OPEN'`);
    await q.query(`create index ix_information_request_next_transition on information_request (next_transition_at)
      where next_transition_at is not null`);
    await q.query(`create table information_response (
      id uuid primary key default gen_random_uuid(),
      request_id uuid not null references information_request (id),
      version integer not null,
      kind text not null,
      summary text,
      known_to_agency boolean,
      details text,
      attachments_note text,
      decline_reason text,
      responded_by uuid not null references app_user (id),
      responded_at timestamptz not null,
      constraint uq_information_response_version unique (request_id, version),
      constraint ck_information_response_kind check (kind in ('ANSWER', 'DECLINE')),
      constraint ck_information_response_shape check (
        (kind = 'ANSWER' and summary is not null and known_to_agency is not null and decline_reason is null)
        or (kind = 'DECLINE' and decline_reason is not null and summary is null))
    )`);
    await q.query(`create table information_chase (
      id uuid primary key default gen_random_uuid(),
      request_id uuid not null references information_request (id),
      note text,
      chased_by uuid not null references app_user (id),
      chased_at timestamptz not null
    )`);
    await q.query(`create index ix_information_chase_request on information_chase (request_id, chased_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table information_chase`);
    await q.query(`drop table information_response`);
    await q.query(`drop table information_request`);
  }
}
