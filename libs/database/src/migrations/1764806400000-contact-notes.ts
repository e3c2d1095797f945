import type { MigrationInterface, QueryRunner } from 'typeorm';

// issue 17: case notes and additional information on a contact (decision 0024). Notes are
// append-only; a correction is a new note naming the one it corrects, of the same contact
// (the composite foreign key says so), and a note is corrected at most once. The contact
// keeps when a partner's REFERRER_UPDATE arrived that MACH staff have not read yet: the
// screening queue's NEW_INFORMATION flag.
export class ContactNotes1764806400000 implements MigrationInterface {
  name = 'ContactNotes1764806400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table contact_note (
        id uuid not null default gen_random_uuid(),
        -- the order notes were added in (a contact's notes are added one at a time, under its
        -- row lock), whatever the clock says: a test's clock may stand still
        position bigint generated always as identity,
        contact_id uuid not null,
        kind text not null,
        text text not null,
        author_id uuid not null,
        author_agency_id uuid not null,
        corrects_id uuid,
        created_at timestamptz not null,
        constraint pk_contact_note primary key (id),
        constraint uq_contact_note_contact_id unique (contact_id, id),
        constraint fk_contact_note_contact foreign key (contact_id) references contact (id),
        constraint fk_contact_note_author foreign key (author_id) references app_user (id),
        constraint fk_contact_note_author_agency foreign key (author_agency_id) references agency (id),
        constraint fk_contact_note_corrects foreign key (contact_id, corrects_id)
          references contact_note (contact_id, id),
        constraint ck_contact_note_kind
          check (kind in ('CASE_NOTE', 'REFERRER_UPDATE', 'PHONE_CALL', 'CONSENT_UPDATE')),
        constraint ck_contact_note_text check (char_length(text) between 1 and 5000)
      )`);
    // a contact's notes in order, as GET /api/contacts/:id lists them
    await q.query(`create index ix_contact_note_contact_position on contact_note (contact_id, position)`);
    // one correction per note: a later correction corrects the correction
    await q.query(
      `create unique index uq_contact_note_corrects on contact_note (corrects_id) where corrects_id is not null`,
    );
    await q.query(`alter table contact add column new_information_since timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`alter table contact drop column new_information_since`);
    await q.query(`drop table contact_note`);
  }
}
