import type { MigrationInterface, QueryRunner } from 'typeorm';

// issue 21 (decision 0034): an audit's concern (a NO on a child still open) runs on the clock like
// every queue's item: its next timeliness transition is kept in the audit's next_transition_at
// (free once the audit is answered), found by this index
export class AuditConcernClock1765929600000 implements MigrationInterface {
  name = 'AuditConcernClock1765929600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`create index ix_quality_audit_concern_transition on quality_audit (next_transition_at)
      where concern_due_at is not null and concern_resolved_at is null and next_transition_at is not null`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop index ix_quality_audit_concern_transition`);
  }
}
