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

// `first` as a data-modifying CTE, then `second`: both in one statement (a row `second`
// refers to by foreign key may be inserted by `first`; the check runs at the statement's end)
export function insertTogether(
  manager: EntityManager,
  first: { target: EntityTarget<ObjectLiteral>; entity: ObjectLiteral },
  second: { target: EntityTarget<ObjectLiteral>; entity: ObjectLiteral },
): Promise<unknown> {
  const a = insertStatement(manager, first.target, first.entity);
  const b = insertStatement(manager, second.target, second.entity, a.params.length);
  return preparedQuery(manager, `with first_row as (${a.sql}) ${b.sql}`, [...a.params, ...b.params]);
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
