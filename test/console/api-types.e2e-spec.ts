import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createTestApp, type TestApp } from '../support/test-app';

const ROOT = join(__dirname, '..', '..');
const GENERATOR = join(ROOT, 'tools', 'api-types.mjs');
const COMMITTED = join(ROOT, 'apps', 'console', 'src', 'generated', 'openapi.ts');

// generateApiTypes is ESM (tools/api-types.mjs, which plain node runs) and jest runs CommonJS, so it
// runs in a node of its own: the document on stdin, the source on stdout
function generateApiTypes(document: unknown): Promise<string> {
  const script = [
    `import { generateApiTypes } from ${JSON.stringify(pathToFileURL(GENERATOR).href)};`,
    `let input = '';`,
    `for await (const chunk of process.stdin) input += chunk;`,
    `process.stdout.write(await generateApiTypes(JSON.parse(input)));`,
  ].join('\n');
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      ['--input-type=module', '--eval', script],
      { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) =>
        error ? reject(new Error(`tools/api-types.mjs failed: ${stderr || error.message}`)) : resolve(stdout),
    );
    child.stdin?.end(JSON.stringify(document));
  });
}

// where two texts first part, with a few lines of each from there
function firstDifference(committed: string, generated: string): string {
  const a = committed.split('\n');
  const b = generated.split('\n');
  let line = 0;
  while (line < Math.max(a.length, b.length) && a[line] === b[line]) line++;
  const show = (lines: string[]) =>
    lines
      .slice(line, line + 5)
      .map((text, i) => `    ${line + i + 1}: ${text}`)
      .join('\n') || '    (end of file)';
  return `first difference at line ${line + 1}\n  committed:\n${show(a)}\n  generated now:\n${show(b)}`;
}

// issue 15: the console's api types come from the api's own document, and cannot silently drift
describe('console: the generated api types (apps/console/src/generated/openapi.ts)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('should match the types generated from the OpenAPI document the api serves now', async () => {
    const document: unknown = (await t.http().get('/api/docs-json').expect(200)).body;
    const generated = await generateApiTypes(document);
    const committed = await readFile(COMMITTED, 'utf8').catch(() => '');
    if (committed !== generated) {
      throw new Error(
        `${relative(ROOT, COMMITTED)} is stale: it is not what the api's OpenAPI document generates now.\n` +
          'Regenerate it: npm start (the api, in another terminal), then npm run api:types, and commit it.\n' +
          firstDifference(committed, generated),
      );
    }
  }, 60_000);
});
