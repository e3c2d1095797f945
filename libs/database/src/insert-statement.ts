import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { preparedQuery } from './prepared';

export interface Statement {
  sql: string;
  params: unknown[];
}

// an INSERT of one entity, its columns and values as TypeORM would write them, numbered from
// `$${offset + 1}`: for writing rows that belong together in one statement (data-modifying
// CTEs), one round trip instead of one each. Columns the database generates are left out
// when the entity carries no value for them.
export function insertStatement<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  entity: Partial<T>,
  offset = 0,
): Statement {
  const metadata = manager.connection.getMetadata(target);
  const driver = manager.connection.driver;
  const columns: string[] = [];
  const params: unknown[] = [];
  for (const column of metadata.columns) {
    // a column the database fills and TypeORM never writes (insert: false)
    if (!column.isInsert) continue;
    const value: unknown = column.getEntityValue(entity);
    if (value === undefined) {
      if (column.isGenerated || column.default !== undefined || column.isNullable) continue;
      throw new Error(`insert into ${metadata.tableName}: no value for ${column.propertyName}`);
    }
    columns.push(`"${column.databaseName}"`);
    params.push(driver.preparePersistentValue(value, column));
  }
  const placeholders = params.map((_, i) => `$${offset + i + 1}`);
  return {
    sql: `insert into "${metadata.tableName}" (${columns.join(', ')}) values (${placeholders.join(', ')})`,
    params,
  };
}

// rows that belong together, in one statement: each entity's INSERT a data-modifying CTE (a
// row one of them refers to by foreign key may be inserted by another: the check runs at the
// statement's end), then `tail`, CTEs of the caller's numbered from its `first` (the journal's
// rows, say), all in the caller's transaction: one round trip instead of one each
export function insertTogether(
  manager: EntityManager,
  rows: { target: EntityTarget<ObjectLiteral>; entity: ObjectLiteral }[],
  tail?: (first: number) => Statement | undefined,
): Promise<unknown> {
  const params: unknown[] = [];
  const ctes = rows.map(({ target, entity }, i) => {
    const insert = insertStatement(manager, target, entity, params.length);
    params.push(...insert.params);
    return `row_${i} as (${insert.sql})`;
  });
  const more = tail?.(params.length + 1);
  if (more) {
    ctes.push(more.sql);
    params.push(...more.params);
  }
  return preparedQuery(manager, `with ${ctes.join(', ')} select 1`, params);
}

// an entity from a row selected raw (snake_case columns), its values as TypeORM would read them
export function hydrate<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  row: Record<string, unknown>,
): T {
  const metadata = manager.connection.getMetadata(target);
  const driver = manager.connection.driver;
  const entity = metadata.create() as T;
  for (const column of metadata.columns) {
    if (column.databaseName in row)
      column.setEntityValue(entity, driver.prepareHydratedValue(row[column.databaseName], column));
  }
  return entity;
}
