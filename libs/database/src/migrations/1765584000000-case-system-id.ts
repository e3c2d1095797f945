import type { MigrationInterface, QueryRunner } from 'typeorm';

// issue 19 item 2 (decision 0030): the child's id in the council's case-management system, when
// the council gives it: the returns can name the child by it (config/returns.yml
// cinCensus.laChildId: caseSystem), so the front door's fragment merges with the case system's
// return child by child. At most 20 letters and digits (CIN rules 1570, 1580), one child each.
export class CaseSystemId1765584000000 implements MigrationInterface {
  name = 'CaseSystemId1765584000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`alter table child
      add column case_system_id text,
      add constraint uq_child_case_system_id unique (case_system_id),
      add constraint ck_child_case_system_id check (case_system_id ~ '^[A-Za-z0-9]{1,20}$')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`alter table child drop column case_system_id`);
  }
}
