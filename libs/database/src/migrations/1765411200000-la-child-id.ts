import type { MigrationInterface, QueryRunner } from 'typeorm';

// issue 19 item 5 (decision 0030): the LAchildID the DfE returns name a child by: at most 20
// letters and digits (CIN census rules 1570, 1580 refuse a UUID), stable and never reused.
// Given by the database from a sequence ('FD' and ten digits), so every way a child row is made
// (intake, a DA notification's triage, the demo world) has one; children already recorded get
// theirs in the order they were recorded. A council's own case-system id can replace it later.
export class LaChildId1765411200000 implements MigrationInterface {
  name = 'LaChildId1765411200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`create sequence child_la_child_id_seq as bigint`);
    await q.query(`alter table child add column la_child_id text`);
    await q.query(`
      update child c set la_child_id = n.id
        from (select id as child_id, 'FD' || lpad(nextval('child_la_child_id_seq')::text, 10, '0') as id
                from (select id from child order by created_at, id) ordered) n
       where n.child_id = c.id`);
    await q.query(`alter table child
      alter column la_child_id set default 'FD' || lpad(nextval('child_la_child_id_seq')::text, 10, '0'),
      alter column la_child_id set not null,
      add constraint uq_child_la_child_id unique (la_child_id),
      add constraint ck_child_la_child_id check (la_child_id ~ '^[A-Za-z0-9]{1,20}$')`);
    await q.query(`alter sequence child_la_child_id_seq owned by child.la_child_id`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`alter table child drop column la_child_id`);
  }
}
