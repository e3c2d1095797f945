import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

// issue 13 item 7: the libraries form a real DAG. import-x/no-cycle follows files, so a cycle
// between two libraries that goes through a subpath (audit -> auth/access -> auth -> audit)
// passes it; this follows packages
const LIBS = join(__dirname, '..', '..', '..', 'libs');
const IMPORT = /from '@app\/([a-z-]+)(?:\/[^']*)?'/g;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return path.endsWith('.ts') && !path.endsWith('.spec.ts') ? [path] : [];
  });
}

function graph(): Map<string, Map<string, string>> {
  const edges = new Map<string, Map<string, string>>();
  for (const lib of readdirSync(LIBS)) {
    const deps = new Map<string, string>();
    for (const file of sources(join(LIBS, lib, 'src'))) {
      for (const [, target] of readFileSync(file, 'utf8').matchAll(IMPORT)) {
        if (target !== lib && !deps.has(target)) deps.set(target, relative(LIBS, file));
      }
    }
    edges.set(lib, deps);
  }
  return edges;
}

// every cycle as "a -> b -> a (a/src/x.ts, b/src/y.ts)"
function cycles(edges: Map<string, Map<string, string>>): string[] {
  const found: string[] = [];
  const visit = (path: string[]) => {
    const at = path[path.length - 1];
    for (const [next, file] of edges.get(at) ?? []) {
      const i = path.indexOf(next);
      if (i === 0) found.push(`${[...path, next].join(' -> ')} (${file})`);
      else if (i < 0 && next > path[0]) visit([...path, next]);
    }
  };
  for (const lib of edges.keys()) visit([lib]);
  return found;
}

describe('package graph', () => {
  it('should have no cycle between libraries, whatever subpath an import goes through', () => {
    expect(cycles(graph())).toEqual([]);
  });

  it('should find a cycle when there is one (the check itself)', () => {
    const edges = new Map([
      ['audit', new Map([['access', 'audit/src/a.ts']])],
      ['access', new Map([['auth', 'access/src/b.ts']])],
      ['auth', new Map([['audit', 'auth/src/c.ts']])],
    ]);
    expect(cycles(edges)).toEqual(['access -> auth -> audit -> access (audit/src/a.ts)']);
  });

  it('should keep access below auth and audit, and core at the bottom', () => {
    const edges = graph();
    expect([...(edges.get('core')?.keys() ?? [])]).toEqual([]);
    expect([...(edges.get('access')?.keys() ?? [])].sort()).toEqual(['core']);
  });
});
