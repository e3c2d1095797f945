import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

// docs/architecture.md is the ownership table; this checks the code against it: only the files
// it names write a table (raw SQL or a TypeORM repository), and a module reads another's table
// only in a declared read projection that lists it
const ROOT = join(__dirname, '..', '..', '..');
const DOC = readFileSync(join(ROOT, 'docs', 'architecture.md'), 'utf8');

function tableRows(heading: string): string[][] {
  const section = DOC.split(/^## /m).find((s) => s.startsWith(heading));
  if (!section) throw new Error(`docs/architecture.md has no "## ${heading}" section`);
  return section
    .split('\n')
    .filter((line) => line.startsWith('|') && !/^\|\s*-/.test(line))
    .slice(1)
    .map((line) =>
      line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim()),
    );
}

const ticked = (cell: string): string[] => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]);

const OWNERSHIP = new Map(
  tableRows('Tables').map(([table, owner, writtenIn]) => [
    ticked(table)[0],
    { owner, writers: new Set(ticked(writtenIn)) },
  ]),
);
const DECLARED_READS = new Map(
  tableRows('Declared cross-module reads').map(([file, , reads]) => [
    ticked(file)[0],
    new Set(ticked(reads)),
  ]),
);

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'migrations' ? [] : sources(path);
    return name.endsWith('.ts') && !name.endsWith('.spec.ts') ? [path] : [];
  });
}

const FILES = readdirSync(join(ROOT, 'libs')).flatMap((lib) => sources(join(ROOT, 'libs', lib, 'src')));
const moduleOf = (file: string) => file.split('/')[1];

// entity class -> table, from the @Entity('name') decorators
const ENTITY_TABLES = new Map<string, string>();
for (const file of FILES) {
  for (const m of readFileSync(file, 'utf8').matchAll(
    /@Entity\(\{\s*name: '([a-z_]+)'[^)]*\)\s*export class (\w+)/g,
  )) {
    ENTITY_TABLES.set(m[2], m[1]);
  }
}

interface Use {
  file: string;
  table: string;
}

// the tables a source file writes
function writesIn(file: string, text: string): Use[] {
  const found: Use[] = [];
  for (const m of text.matchAll(
    /\binsert\s+into\s+"?([a-z_]+)|\bupdate\s+"?([a-z_]+)"?(?:\s+[a-z]\b)?\s+set\b|\bdelete\s+from\s+"?([a-z_]+)/gi,
  )) {
    found.push({ file, table: (m[1] ?? m[2] ?? m[3]).toLowerCase() });
  }
  // a TypeORM repository that writes, or an entity given to insertTogether/insertStatement
  const ormWrites = /\.(insert|update|save|delete|remove|upsert)\(/.test(text);
  for (const m of text.matchAll(/getRepository\((\w+)\)|target: (\w+)/g)) {
    const table = ENTITY_TABLES.get(m[1] ?? m[2]);
    if (table && (ormWrites || m[2])) found.push({ file, table });
  }
  return found;
}

const misplaced = (found: Use[]) =>
  found.filter((w) => OWNERSHIP.has(w.table) && !OWNERSHIP.get(w.table)!.writers.has(w.file));

describe('table ownership (docs/architecture.md)', () => {
  it('names an owner and its files for every table, and the files exist', () => {
    expect(OWNERSHIP.size).toBeGreaterThan(10);
    for (const [table, { owner, writers }] of OWNERSHIP) {
      expect(writers.size).toBeGreaterThan(0);
      for (const writer of writers) {
        expect({ table, writer, exists: FILES.includes(join(ROOT, writer)) }).toEqual({
          table,
          writer,
          exists: true,
        });
        expect({ table, writer, module: moduleOf(writer) }).toEqual({ table, writer, module: owner });
      }
    }
  });

  it('only the owner writes a table, in the files the table names', () => {
    const found = FILES.flatMap((path) => writesIn(relative(ROOT, path), readFileSync(path, 'utf8')));
    expect(found.length).toBeGreaterThan(20);
    const unknown = found.filter((w) => !OWNERSHIP.has(w.table));
    // a write to a table the ownership table does not list: add the table (and its owner) first
    expect(unknown).toEqual([]);
    expect(misplaced(found)).toEqual([]);
  });

  it('a module reads another module’s table only in a declared projection that lists it', () => {
    const undeclared: Use[] = [];
    for (const path of FILES) {
      const file = relative(ROOT, path);
      for (const m of readFileSync(path, 'utf8').matchAll(/\b(?:from|join)\s+([a-z_]+)\b/g)) {
        const owned = OWNERSHIP.get(m[1]);
        if (!owned || owned.owner === moduleOf(file)) continue;
        if (!DECLARED_READS.get(file)?.has(m[1])) undeclared.push({ file, table: m[1] });
      }
    }
    expect(undeclared).toEqual([]);
  });

  // the shapes a stray write takes: what put-into-force.ts did before strategy-meetings owned
  // its insert, an UPDATE with an alias, a DELETE, and a TypeORM repository
  it.each([
    [
      'libs/thresholds/src/put-into-force.ts',
      'manager.query(`insert into strategy_discussion (contact_id) values ($1)`)',
      'strategy_discussion',
    ],
    [
      'libs/strategy-meetings/src/x.ts',
      'manager.query(`update contact c\n set status = $2 where c.id = $1`)',
      'contact',
    ],
    ['libs/contacts/src/x.ts', "manager.query('delete from referral where id = $1')", 'referral'],
    [
      'libs/domestic-abuse/src/x.ts',
      'manager.getRepository(ContactEntity).update({ id }, { rag })',
      'contact',
    ],
    [
      'libs/contacts/src/use-cases/x.ts',
      "manager.query('insert into contact_rag_change (contact_id) values ($1)')",
      'contact_rag_change',
    ],
  ])('sees a write out of place: %s writing %s', (file, text, table) => {
    expect(misplaced(writesIn(file, text))).toEqual([{ file, table }]);
  });

  it('passes the owner writing in its own files, and reads', () => {
    const file = 'libs/strategy-meetings/src/strategy-discussion.repository.ts';
    expect(
      misplaced(writesIn(file, 'manager.query(`insert into strategy_discussion (contact_id) values ($1)`)')),
    ).toEqual([]);
    expect(
      writesIn('libs/thresholds/src/x.ts', 'manager.getRepository(ContactEntity).findOne({ where: { id } })'),
    ).toEqual([]);
  });
});
