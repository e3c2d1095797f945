import type { EntityManager } from 'typeorm';
import { hydrate } from '@app/database';
import { childRowsOf } from './child-rows';
import type { ChildMergeDto } from './dto/child-merge.dto';
import { ChildEntity } from './entities/child.entity';

// decision 0028: the merges of the child register. child_merge keeps each merge and its undoing,
// child_merge_row every row a merge moved (by its owner's table), child.merged_into the
// tombstone's redirect. The child rows move without touching updated_at, so an unmerge leaves
// every row as it was; the merge's own record is child_merge.

// contacts' own rows of a child
export const contactChildRows = childRowsOf('contact', {
  move: 'update contact set child_id = $2 where child_id = $1 returning id',
  restore: 'update contact set child_id = $3 where id = any($1::uuid[]) and child_id = $2',
});

// both records, locked in one order (ids ascending) so two merges of one pair cannot deadlock;
// an intake that matched either waits (child-matching.ts follows a tombstone it then finds)
export async function lockChildren(manager: EntityManager, ids: string[]): Promise<Map<string, ChildEntity>> {
  const rows = (await manager.query('select * from child where id = any($1::uuid[]) order by id for update', [
    ids,
  ])) as Record<string, unknown>[];
  const children = rows.map((row) => hydrate(manager, ChildEntity, row));
  return new Map(children.map((c) => [c.id, c]));
}

export async function recordMerge(
  manager: EntityManager,
  merge: {
    keptId: string;
    duplicateId: string;
    reason: string;
    nhsNumberMoved: boolean;
    mergedBy: string;
    mergedAt: Date;
  },
): Promise<string> {
  const rows = (await manager.query(
    `insert into child_merge (kept_id, duplicate_id, reason, nhs_number_moved, merged_by, merged_at)
     values ($1, $2, $3, $4, $5, $6) returning id`,
    [merge.keptId, merge.duplicateId, merge.reason, merge.nhsNumberMoved, merge.mergedBy, merge.mergedAt],
  )) as { id: string }[];
  return rows[0].id;
}

export async function recordMovedRows(
  manager: EntityManager,
  mergeId: string,
  table: string,
  ids: string[],
): Promise<void> {
  if (ids.length === 0) return;
  await manager.query(
    `insert into child_merge_row (merge_id, table_name, row_id) select $1, $2, unnest($3::uuid[])`,
    [mergeId, table, ids],
  );
}

// the duplicate becomes a tombstone naming the kept record; an NHS number that moves leaves
// the duplicate first (the number is unique)
export async function tombstoneChild(
  manager: EntityManager,
  t: { duplicateId: string; keptId: string; movedNhsNumber: string | null },
): Promise<void> {
  await manager.query(
    `update child set merged_into = $2, nhs_number = case when $3 then null else nhs_number end where id = $1`,
    [t.duplicateId, t.keptId, t.movedNhsNumber !== null],
  );
  if (t.movedNhsNumber !== null)
    await manager.query('update child set nhs_number = $2 where id = $1', [t.keptId, t.movedNhsNumber]);
}

// the tombstone is a record again, with the NHS number the merge moved
export async function reviveChild(
  manager: EntityManager,
  r: { duplicateId: string; keptId: string; movedNhsNumber: string | null },
): Promise<void> {
  if (r.movedNhsNumber !== null)
    await manager.query('update child set nhs_number = null where id = $1', [r.keptId]);
  await manager.query(
    'update child set merged_into = null, nhs_number = coalesce($2, nhs_number) where id = $1',
    [r.duplicateId, r.movedNhsNumber],
  );
}

export interface MergeInForce {
  id: string;
  nhsNumberMoved: boolean;
}

export async function mergeInForce(
  manager: EntityManager,
  keptId: string,
  duplicateId: string,
): Promise<MergeInForce | undefined> {
  const rows = (await manager.query(
    `select id, nhs_number_moved from child_merge
      where kept_id = $1 and duplicate_id = $2 and unmerged_at is null`,
    [keptId, duplicateId],
  )) as { id: string; nhs_number_moved: boolean }[];
  return rows[0] ? { id: rows[0].id, nhsNumberMoved: rows[0].nhs_number_moved } : undefined;
}

// the rows a merge moved, by table
export async function movedRowsOf(manager: EntityManager, mergeId: string): Promise<Map<string, string[]>> {
  const rows = (await manager.query(
    `select table_name, array_agg(row_id order by row_id) as ids from child_merge_row
      where merge_id = $1 group by table_name order by table_name`,
    [mergeId],
  )) as { table_name: string; ids: string[] }[];
  return new Map(rows.map((r) => [r.table_name, r.ids]));
}

export async function recordUnmerge(
  manager: EntityManager,
  u: { mergeId: string; reason: string; unmergedBy: string; unmergedAt: Date },
): Promise<void> {
  await manager.query(
    `update child_merge set unmerge_reason = $2, unmerged_by = $3, unmerged_at = $4
      where id = $1 and unmerged_at is null`,
    [u.mergeId, u.reason, u.unmergedBy, u.unmergedAt],
  );
}

const MERGES_SHOWN = 100;

// the merges into a record, newest first (ix_child_merge_kept): the duplicate, who, when, why,
// how many rows moved, and the undoing; a declared read of app_user for the names
export async function mergesInto(manager: EntityManager, keptId: string): Promise<ChildMergeDto[]> {
  const rows = (await manager.query(
    `select m.id, m.duplicate_id, d.first_name, d.last_name, to_char(d.date_of_birth, 'YYYY-MM-DD') as date_of_birth,
            d.nhs_number, m.reason, m.merged_by, mu.name as merged_by_name, m.merged_at,
            m.unmerge_reason, m.unmerged_by, uu.name as unmerged_by_name, m.unmerged_at,
            (select count(*)::int from child_merge_row r where r.merge_id = m.id) as rows_moved
       from child_merge m
       join child d on d.id = m.duplicate_id
       left join app_user mu on mu.id = m.merged_by
       left join app_user uu on uu.id = m.unmerged_by
      where m.kept_id = $1
      order by m.merged_at desc, m.id desc limit $2`,
    [keptId, MERGES_SHOWN],
  )) as {
    id: string;
    duplicate_id: string;
    first_name: string;
    last_name: string;
    date_of_birth: string | null;
    nhs_number: string | null;
    reason: string;
    merged_by: string;
    merged_by_name: string | null;
    merged_at: Date;
    unmerge_reason: string | null;
    unmerged_by: string | null;
    unmerged_by_name: string | null;
    unmerged_at: Date | null;
    rows_moved: number;
  }[];
  return rows.map((r) => ({
    id: r.id,
    duplicate: {
      id: r.duplicate_id,
      firstName: r.first_name,
      lastName: r.last_name,
      ...(r.date_of_birth ? { dateOfBirth: r.date_of_birth } : {}),
      ...(r.nhs_number ? { nhsNumber: r.nhs_number } : {}),
    },
    reason: r.reason,
    mergedBy: { id: r.merged_by, name: r.merged_by_name ?? '' },
    mergedAt: new Date(r.merged_at).toISOString(),
    rowsMoved: r.rows_moved,
    ...(r.unmerged_at && r.unmerged_by && r.unmerge_reason
      ? {
          undone: {
            reason: r.unmerge_reason,
            by: { id: r.unmerged_by, name: r.unmerged_by_name ?? '' },
            at: new Date(r.unmerged_at).toISOString(),
          },
        }
      : {}),
  }));
}
