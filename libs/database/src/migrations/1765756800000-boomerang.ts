import type { MigrationInterface, QueryRunner } from 'typeorm';

// issue 21 item 1 (decision 0033): a contact about a child whose earlier contact was closed at
// the front door (config/quality.yml boomerang.outcomes) within boomerang.windowDays of that
// decision names the earlier contact and the whole days between: the earlier decision is a
// "boomerang". Set once, at intake; the earlier contact finds its return by the index.
export class Boomerang1765756800000 implements MigrationInterface {
  name = 'Boomerang1765756800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`alter table contact
      add column returned_after_contact_id uuid,
      add column returned_after_days integer,
      add constraint fk_contact_returned_after foreign key (returned_after_contact_id) references contact (id),
      add constraint ck_contact_returned_after check (
        (returned_after_contact_id is null) = (returned_after_days is null) and
        (returned_after_days is null or returned_after_days >= 0) and
        returned_after_contact_id is distinct from id)`);
    await q.query(`create index ix_contact_returned_after on contact (returned_after_contact_id, received_at)
      where returned_after_contact_id is not null`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop index ix_contact_returned_after`);
    await q.query(
      `alter table contact drop column returned_after_contact_id, drop column returned_after_days`,
    );
  }
}
