import type { MigrationInterface, QueryRunner } from 'typeorm';

// the clock's part in the live layer: when each open contact's timeliness next changes
// (ON_TRACK -> DUE_SOON -> OVERDUE), indexed so the ticker's cost follows transitions,
// not open items or history; and the referral date index the metrics window reads
export class Live1764028800000 implements MigrationInterface {
  name = 'Live1764028800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`alter table contact add column next_transition_at timestamptz`);
    await q.query(`
      create index ix_contact_next_transition on contact (next_transition_at)
      where next_transition_at is not null`);
    await q.query(`create index ix_referral_referral_date on referral (referral_date)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop index ix_referral_referral_date`);
    await q.query(`drop index ix_contact_next_transition`);
    await q.query(`alter table contact drop column next_transition_at`);
  }
}
