import { Injectable, type FactoryProvider } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

// decision 0028: the rows that name a child, kept by the module that owns their table. A merge
// asks each owner to move its rows of the duplicate to the kept record, and an unmerge to move
// exactly those rows back; contacts knows the tables only by these registrations (thresholds and
// domestic-abuse depend on contacts, not the other way).
export interface ChildRows {
  // the owner's table whose child_id moves
  readonly table: string;
  // moves every row of one child to another; the ids moved
  move(manager: EntityManager, fromChildId: string, toChildId: string): Promise<string[]>;
  // moves these rows, where they still are on fromChildId, to toChildId; how many moved
  restore(manager: EntityManager, ids: string[], fromChildId: string, toChildId: string): Promise<number>;
}

@Injectable()
export class ChildRowOwners {
  private readonly owners = new Map<string, ChildRows>();

  register(owner: ChildRows): void {
    if (this.owners.has(owner.table)) throw new Error(`${owner.table}: child rows registered twice`);
    this.owners.set(owner.table, owner);
  }

  of(table: string): ChildRows | undefined {
    return this.owners.get(table);
  }

  all(): readonly ChildRows[] {
    return [...this.owners.values()];
  }
}

// an owner module's registration: providers: [childRowsProvider('thresholds', referralChildRows)]
export function childRowsProvider(module: string, ...rows: ChildRows[]): FactoryProvider {
  return {
    provide: `child-rows:${module}`,
    inject: [ChildRowOwners],
    useFactory: (owners: ChildRowOwners) => {
      for (const r of rows) owners.register(r);
      return rows;
    },
  };
}

// an owner's rows from its two statements: move ($1 from, $2 to; returning id) and restore
// ($1 the ids, $2 from, $3 to); the SQL stays in the owner's repository file
export function childRowsOf(table: string, sql: { move: string; restore: string }): ChildRows {
  return {
    table,
    move: async (manager, from, to) =>
      ((await manager.query(sql.move, [from, to])) as [{ id: string }[], number])[0].map((r) => r.id),
    restore: async (manager, ids, from, to) =>
      ((await manager.query(sql.restore, [ids, from, to])) as [unknown[], number])[1],
  };
}
