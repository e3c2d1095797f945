import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// decision 0011: the service runs on Node 24 LTS (Node 20 reached end of life on
// 30 April 2026), also on a machine whose system Node is older: the `node` devDependency
// puts Node 24 first on the PATH of every npm script, `npm test` included
describe('runtime', () => {
  const pkg = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8')) as {
    engines: { node: string };
    devDependencies: Record<string, string>;
  };

  it('should run the tests on Node 24 or later', () => {
    expect(Number(process.versions.node.split('.')[0])).toBeGreaterThanOrEqual(24);
  });

  it('should declare Node 24 in engines and bring it in as a devDependency', () => {
    expect(pkg.engines.node).toMatch(/^>=24\./);
    expect(pkg.devDependencies.node).toMatch(/^\^24\./);
  });

  it('should build the image on Node 24', () => {
    const dockerfile = readFileSync(join(__dirname, '../../../Dockerfile'), 'utf8');
    const bases = [...dockerfile.matchAll(/^FROM (\S+)/gm)].map((m) => m[1]);
    expect(bases.length).toBeGreaterThan(0);
    for (const base of bases) expect(base).toMatch(/^node:24[.-]/);
  });
});
