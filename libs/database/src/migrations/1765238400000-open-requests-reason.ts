import type { MigrationInterface, QueryRunner } from 'typeorm';

// issue 18 item 3 (decision 0029): a decision recorded while information requests are open says
// why it does not wait for the answers
export class OpenRequestsReason1765238400000 implements MigrationInterface {
  name = 'OpenRequestsReason1765238400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`alter table threshold_decision add column open_requests_reason text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`alter table threshold_decision drop column open_requests_reason`);
  }
}
