import type { MigrationInterface, QueryRunner } from 'typeorm';
import { ChildCandidates1764460800000 } from './1764460800000-child-candidates';

// issue 17 item 4 (decision 0028): two records of one child merged by a manager, reversibly.
// The duplicate stays as a tombstone (merged_into names the kept record); child_merge keeps the
// merge, its reason and its undoing; child_merge_row names every row the merge moved, table by
// table, so an unmerge moves exactly those back. An NHS number only the duplicate had moves to
// the kept record with the merge (nhs_number_moved) and back with the unmerge.
export class ChildMerge1765065600000 implements MigrationInterface {
  name = 'ChildMerge1765065600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`alter table child add column merged_into uuid references child (id)`);
    await q.query(`create index ix_child_merged_into on child (merged_into) where merged_into is not null`);
    await q.query(`create table child_merge (
      id uuid primary key default gen_random_uuid(),
      kept_id uuid not null references child (id),
      duplicate_id uuid not null references child (id),
      reason text not null,
      nhs_number_moved boolean not null,
      merged_by uuid not null references app_user (id),
      merged_at timestamptz not null,
      unmerge_reason text,
      unmerged_by uuid references app_user (id),
      unmerged_at timestamptz,
      constraint ck_child_merge_pair check (kept_id <> duplicate_id),
      constraint ck_child_merge_undone check (
        (unmerged_at is null) = (unmerged_by is null) and (unmerged_at is null) = (unmerge_reason is null))
    )`);
    // a record is merged into one other at a time
    await q.query(
      `create unique index uq_child_merge_in_force on child_merge (duplicate_id) where unmerged_at is null`,
    );
    await q.query(`create index ix_child_merge_kept on child_merge (kept_id, merged_at desc)`);
    await q.query(`create table child_merge_row (
      merge_id uuid not null references child_merge (id),
      table_name text not null,
      row_id uuid not null,
      constraint pk_child_merge_row primary key (merge_id, table_name, row_id)
    )`);
    // matching at intake: the records that could be this child, each locked (for key share: a
    // merge under way holds its pair for update, so the intake waits for it and then reads the
    // pair as the merge left them; intakes and gap fills do not block each other), and the
    // records any tombstone among them was merged into, locked the same way, so that
    // child-matching.ts follows a tombstone to its live record and never files a contact on one
    await q.query(`
      create or replace function child_candidates(p_lock_keys text[], p_nhs text, p_match_key text)
      returns setof child
      language plpgsql volatile as $$
      declare
        k text;
        found uuid[] := '{}';
        frontier uuid[];
        hops int := 0;
      begin
        foreach k in array p_lock_keys loop
          perform pg_advisory_xact_lock(hashtext(k));
        end loop;
        select coalesce(array_agg(c.id), '{}') into frontier from child c
         where (p_nhs is not null and c.nhs_number = p_nhs)
            or (p_match_key is not null and c.match_key = p_match_key);
        while cardinality(frontier) > 0 and hops < 20 loop
          found := found || frontier;
          select coalesce(array_agg(distinct l.merged_into), '{}') into frontier
            from (select c.merged_into from child c where c.id = any(frontier) for key share) l
           where l.merged_into is not null and not (l.merged_into = any(found));
          hops := hops + 1;
        end loop;
        return query select * from child c where c.id = any(found) order by c.created_at;
      end;
      $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop function child_candidates(text[], text, text)`);
    await q.query(`drop table child_merge_row`);
    await q.query(`drop table child_merge`);
    await q.query(`alter table child drop column merged_into`);
    await new ChildCandidates1764460800000().up(q);
  }
}
