import type { MigrationInterface, QueryRunner } from 'typeorm';

// issue 18 item 4 (decision 0029): the screener's grade of what the referrer sent, with each
// decision, and what it lacked; and (item 5) the requests of a time window, for the figures
export class ReferralQuality1765324800000 implements MigrationInterface {
  name = 'ReferralQuality1765324800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`alter table threshold_decision
      add column quality_grade text,
      add column quality_reasons text[] not null default '{}',
      add constraint ck_threshold_decision_quality
        check (quality_grade is null or quality_grade in ('COMPLETE', 'PARTIAL', 'INSUFFICIENT'))`);
    await q.query(`create index ix_information_request_requested_at on information_request (requested_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop index ix_information_request_requested_at`);
    await q.query(`alter table threshold_decision
      drop constraint ck_threshold_decision_quality,
      drop column quality_reasons,
      drop column quality_grade`);
  }
}
