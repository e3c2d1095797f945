import type { MigrationInterface, QueryRunner } from 'typeorm';

// GET /api/contacts (issue 17 item 5): newest first, then id, with each filter on an index led
// by its column, so a page costs the same however long the history (the agency and child
// filters use ix_contact_origin_agency and ix_contact_child_received)
export class ContactList1764892800000 implements MigrationInterface {
  name = 'ContactList1764892800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`create index ix_contact_received on contact (received_at desc, id desc)`);
    await q.query(`create index ix_contact_status_received on contact (status, received_at desc, id desc)`);
    await q.query(`create index ix_contact_rag_received on contact (rag, received_at desc, id desc)`);
    await q.query(`create index ix_contact_source_received on contact (source, received_at desc, id desc)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const index of [
      'ix_contact_source_received',
      'ix_contact_rag_received',
      'ix_contact_status_received',
      'ix_contact_received',
    ]) {
      await q.query(`drop index ${index}`);
    }
  }
}
