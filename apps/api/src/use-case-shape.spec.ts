import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// issue 13 item 4: one use-case shape, VerbNoun.execute(user, command), one class per operation,
// and feature code audits only through the Journal
const ROOT = join(__dirname, '..', '..', '..');
const DOMAINS = ['contacts', 'thresholds', 'domestic-abuse', 'strategy-meetings', 'accounts'];
// the folders of use cases: each domain's, and the admin API's API clients (issue 14)
const USE_CASE_DIRS = [
  ...DOMAINS.map((lib) => `libs/${lib}/src/use-cases`),
  'libs/accounts/src/clients/use-cases',
];

const useCaseFiles = USE_CASE_DIRS.flatMap((dir) =>
  readdirSync(join(ROOT, dir))
    .filter((name) => name.endsWith('.ts') && !name.endsWith('.spec.ts'))
    .map((name) => ({
      file: `${dir}/${name}`,
      text: readFileSync(join(ROOT, dir, name), 'utf8'),
    })),
);

// an exported @Injectable class and its public methods
function classes(text: string): { name: string; methods: string[]; execute?: string }[] {
  return [...text.matchAll(/@Injectable\(\)\s*export class (\w+)[^{]*\{([\s\S]*?)\n\}/g)].map((m) => {
    const body = m[2];
    const methods = [...body.matchAll(/^ {2}(?:async )?(\w+)\(/gm)]
      .map((x) => x[1])
      .filter((n) => n !== 'constructor');
    const execute = /^ {2}(?:async )?execute\(([^)]*)\)/m.exec(body)?.[1];
    return { name: m[1], methods, execute };
  });
}

describe('use cases (libs/<domain>/src/use-cases)', () => {
  const all = useCaseFiles.flatMap(({ file, text }) => classes(text).map((c) => ({ file, ...c })));

  it('finds them', () => {
    expect(all.length).toBeGreaterThanOrEqual(16);
  });

  it.each(all.map((c) => [c.name, c]))(
    '%s is VerbNoun with one public method, execute(user, command)',
    (_name, c) => {
      // a word may carry digits (RecordS47Outcome: the s47 enquiry)
      expect(c.name).toMatch(/^[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]+)+$/);
      expect(c.methods).toEqual(['execute']);
      // a signature prettier wrapped ends in a comma
      const params = c
        .execute!.split(/,(?![^{]*\})/)
        .map((p) => p.trim())
        .filter(Boolean);
      expect(params).toHaveLength(2);
      // the admin command line runs use cases with no signed-in user (issue 14 item 1)
      expect(params[0]).toMatch(/^_?user: AuthenticatedUser( \| null)?$/);
      expect(params[1]).toMatch(/: \w+Command$/);
    },
  );
});

describe('feature code audits through the Journal only', () => {
  const featureFiles = DOMAINS.flatMap((lib) => {
    const walk = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory()
          ? walk(join(dir, e.name))
          : e.name.endsWith('.ts') && !e.name.endsWith('.spec.ts')
            ? [join(dir, e.name)]
            : [],
      );
    return walk(join(ROOT, 'libs', lib, 'src'));
  });

  it.each(featureFiles.map((f) => [f.slice(ROOT.length + 1), f]))(
    '%s does not call AuditService',
    (_file, path) => {
      const text = readFileSync(path, 'utf8');
      expect(text).not.toMatch(/\bAuditService\b|\.recordAlone\(|auditInsertSql/);
    },
  );
});
