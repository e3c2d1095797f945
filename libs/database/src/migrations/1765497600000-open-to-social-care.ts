import type { MigrationInterface, QueryRunner } from 'typeorm';

// issue 19 item 5 (decision 0030): the date from which a child's case is open to the council's
// children's social care, as its case system says (null: not open, or not known). A referral the
// front door makes while the case is open belongs to that open episode, so the CIN census does
// not return it as a second one (rules 8815, 8816, 8820). Set on the child's record, with a reason.
export class OpenToSocialCare1765497600000 implements MigrationInterface {
  name = 'OpenToSocialCare1765497600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`alter table child add column open_to_social_care_since date`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`alter table child drop column open_to_social_care_since`);
  }
}
