import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// decision 0011: the service runs on Node 24 LTS (Node 20 reached end of life on
// 30 April 2026), also on a machine whose system Node is older: the `node` devDependency
// puts Node 24 first on the PATH of every npm script, `npm test` included
describe('runtime', () => {
  const pkg = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8')) as {
    engines: { node: string };
    config: { apiNodeFlags: string };
    scripts: Record<string, string>;
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

  // decision 0012: one set of V8 flags for the api, however it is started
  it('should start the api with the same node flags from npm and in the image', () => {
    const flags = pkg.config.apiNodeFlags;
    expect(flags).toMatch(/--max-semi-space-size=\d+/);
    for (const script of ['start', 'start:prod', 'start:cluster'])
      expect(pkg.scripts[script]).toContain('node $npm_package_config_apiNodeFlags ');
    const dockerfile = readFileSync(join(__dirname, '../../../Dockerfile'), 'utf8');
    const cmd = /^CMD (\[.*\])$/m.exec(dockerfile)?.[1] ?? '[]';
    expect(JSON.parse(cmd)).toEqual(['node', ...flags.split(' '), 'dist/apps/api/src/main.js']);
  });

  // the build (swc) resolves @app/* from .swcrc, type checking and jest from tsconfig.json: a
  // library missing from one builds a dist that cannot start (it happened with @app/accounts)
  it('should give the build the same @app aliases as the type checker', () => {
    const read = (file: string) =>
      JSON.parse(readFileSync(join(__dirname, '../../../', file), 'utf8')) as {
        compilerOptions?: { paths: Record<string, string[]> };
        jsc?: { paths: Record<string, string[]> };
      };
    const aliases = (paths: Record<string, string[]> = {}) =>
      Object.fromEntries(Object.entries(paths).filter(([key]) => key.startsWith('@app/')));
    expect(aliases(read('.swcrc').jsc?.paths)).toEqual(aliases(read('tsconfig.json').compilerOptions?.paths));
  });
});
