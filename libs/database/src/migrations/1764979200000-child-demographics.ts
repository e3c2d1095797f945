import type { MigrationInterface, QueryRunner } from 'typeorm';

// issue 17 item 3: the demographics the CIN census return needs, on the child (decision 0027),
// and the change history of a child's record: who changed which field, from what to what, and
// why. The before/after values are personal data: they stay in this table, never in the
// journal or the logs. The address and postcode history is this table's rows for those fields.
export class ChildDemographics1764979200000 implements MigrationInterface {
  name = 'ChildDemographics1764979200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`alter table child
      add column disabilities text[] not null default '{}',
      add column upn char(13),
      add column first_language text,
      add column interpreter_needed boolean`);
    await q.query(`create table child_change (
      id uuid primary key default gen_random_uuid(),
      child_id uuid not null references child (id),
      field text not null,
      before jsonb,
      after jsonb,
      reason text not null,
      changed_by uuid not null references app_user (id),
      changed_at timestamptz not null
    )`);
    await q.query(`create index ix_child_change_child on child_change (child_id, changed_at desc, id desc)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table child_change`);
    await q.query(`alter table child
      drop column interpreter_needed,
      drop column first_language,
      drop column upn,
      drop column disabilities`);
  }
}
