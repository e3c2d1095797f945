import type { EntityManager } from 'typeorm';
import { DomainError } from '@app/core';
import { hydrate } from '@app/database';
import type { ChildChangeDto } from './dto/update-child.dto';
import { ChildEntity } from './entities/child.entity';
import type { ChildFieldValue, FieldChange } from './policy/child-demographics';

// the child register's corrections (issue 17 item 3, decision 0027): the child row and its
// change history, child_change. Values before and after stay in the table; nothing here logs them.

const COLUMNS: Record<FieldChange['field'], string> = {
  firstName: 'first_name',
  lastName: 'last_name',
  sex: 'sex',
  ethnicity: 'ethnicity',
  disabilities: 'disabilities',
  upn: 'upn',
  firstLanguage: 'first_language',
  interpreterNeeded: 'interpreter_needed',
  openToSocialCareSince: 'open_to_social_care_since',
  caseSystemId: 'case_system_id',
  address: 'address',
  postcode: 'postcode',
  school: 'school',
};

export async function lockChild(manager: EntityManager, id: string): Promise<ChildEntity | null> {
  const rows = (await manager.query('select * from child where id = $1 for update', [id])) as Record<
    string,
    unknown
  >[];
  return rows.length > 0 ? hydrate(manager, ChildEntity, rows[0]) : null;
}

// the child row with the changes (and its match key, when the name changes), then one history
// row a field, in one statement
export async function applyChildChanges(
  manager: EntityManager,
  change: {
    childId: string;
    changes: FieldChange[];
    matchKey: string | null;
    reason: string;
    changedBy: string;
    changedAt: Date;
  },
): Promise<void> {
  const params: unknown[] = [change.childId, change.changedAt, change.matchKey];
  const sets = change.changes.map((c) => {
    params.push(c.after);
    return `${COLUMNS[c.field]} = $${params.length}`;
  });
  params.push(
    change.changes.map((c) => c.field),
    change.changes.map((c) => JSON.stringify(c.before)),
    change.changes.map((c) => JSON.stringify(c.after)),
    change.reason,
    change.changedBy,
  );
  const n = params.length;
  try {
    await manager.query(
      `with updated as (
       update child set ${sets.join(', ')}, match_key = $3, updated_at = $2 where id = $1 returning id
     )
     insert into child_change (child_id, field, before, after, reason, changed_by, changed_at)
     select u.id, f.field, f.before::jsonb, f.after::jsonb, $${n - 1}, $${n}, $2
       from updated u, unnest($${n - 4}::text[], $${n - 3}::text[], $${n - 2}::text[]) with ordinality
            as f(field, before, after, ord)
      order by f.ord`,
      params,
    );
  } catch (error) {
    // two children cannot share a case-system id: settled by the constraint, said on the field
    const driver = (error as { driverError?: { code?: string; constraint?: string } }).driverError;
    if (driver?.code === '23505' && driver.constraint === 'uq_child_case_system_id')
      throw DomainError.validation([
        { field: 'caseSystemId', message: 'is another child’s: each child has its own' },
      ]);
    throw error;
  }
}

const CHANGES_SHOWN = 500;

// the record's change history, newest first (ix_child_change_child)
export async function childChangeHistory(manager: EntityManager, childId: string): Promise<ChildChangeDto[]> {
  const rows = (await manager.query(
    `select cc.id, cc.field, cc.before, cc.after, cc.reason, cc.changed_by, u.name as changed_by_name,
            cc.changed_at
       from child_change cc left join app_user u on u.id = cc.changed_by
      where cc.child_id = $1
      order by cc.changed_at desc, cc.id desc limit $2`,
    [childId, CHANGES_SHOWN],
  )) as {
    id: string;
    field: string;
    before: ChildFieldValue;
    after: ChildFieldValue;
    reason: string;
    changed_by: string;
    changed_by_name: string | null;
    changed_at: Date;
  }[];
  return rows.map((r) => ({
    id: r.id,
    field: r.field,
    before: r.before,
    after: r.after,
    reason: r.reason,
    changedBy: { id: r.changed_by, name: r.changed_by_name ?? '' },
    changedAt: new Date(r.changed_at).toISOString(),
  }));
}
