// One jest run over the whole workspace; tiers are chosen by file suffix
// (*.unit.spec.ts, *.int.spec.ts, *.e2e.spec.ts) through --selectProjects.
const { compilerOptions } = require('./tsconfig.base.json');

// tsconfig paths as jest mappers; a trailing `/*` (`@rhythm/tools/*`) maps the rest of the path.
const moduleNameMapper = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [
    `^${alias.replace('/*', '/(.*)')}$`,
    `<rootDir>/${target.replace('/*', '/$1')}`,
  ]),
);

const transform = {
  '^.+\\.ts$': [
    '@swc/jest',
    {
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true },
        target: 'es2022',
      },
      module: { type: 'commonjs' },
    },
  ],
};

const tier = (displayName, suffix, extra = {}) => ({
  displayName,
  rootDir: __dirname,
  testEnvironment: 'node',
  // tools/demo: the demo organisation's e2e spec (npm run demo).
  roots: ['<rootDir>/libs', '<rootDir>/services', '<rootDir>/tools/demo'],
  testMatch: [`**/*.${suffix}.spec.ts`],
  transform,
  moduleNameMapper,
  setupFiles: ['<rootDir>/tools/jest/set-utc.js'],
  ...extra,
});

module.exports = {
  // Real servers on a shared 2-core machine: seconds, not milliseconds (jest reads this only at
  // the top level). Speed is measured by the benchmarks, never by these limits.
  testTimeout: 60_000,
  projects: [
    tier('unit', 'unit'),
    tier('int', 'int', {
      globalSetup: '<rootDir>/tools/jest/global-setup.js',
      globalTeardown: '<rootDir>/tools/jest/global-teardown.js',
      slowTestThreshold: 30,
    }),
    tier('e2e', 'e2e', {
      globalSetup: '<rootDir>/tools/jest/global-setup.js',
      globalTeardown: '<rootDir>/tools/jest/global-teardown.js',
      setupFilesAfterEnv: ['<rootDir>/tools/jest/e2e-timeout.js'],
      slowTestThreshold: 60,
    }),
    // The console's component tests (beside the components, *.spec.tsx) in a DOM.
    {
      displayName: 'console',
      rootDir: __dirname,
      testEnvironment: '<rootDir>/tools/jest/jsdom-with-web-globals.js',
      roots: ['<rootDir>/services/console'],
      testMatch: ['**/*.spec.tsx'],
      transform: {
        '^.+\\.tsx?$': [
          '@swc/jest',
          {
            jsc: {
              parser: { syntax: 'typescript', tsx: true },
              transform: { react: { runtime: 'automatic' } },
              target: 'es2022',
            },
            module: { type: 'commonjs' },
          },
        ],
      },
      moduleNameMapper: {
        '\\.css$': '<rootDir>/tools/jest/style-stub.js',
        ...moduleNameMapper,
      },
      setupFiles: ['<rootDir>/tools/jest/set-utc.js'],
      setupFilesAfterEnv: ['<rootDir>/services/console/src/testing/setup-tests.ts'],
    },
    // The console in a real browser (Debian's Chromium, playwright-core) against the real stack,
    // services and gateway.
    tier('browser', 'browser', {
      roots: ['<rootDir>/services/console'],
      globalSetup: '<rootDir>/tools/jest/global-setup.js',
      globalTeardown: '<rootDir>/tools/jest/global-teardown.js',
      setupFilesAfterEnv: ['<rootDir>/tools/jest/e2e-timeout.js'],
      slowTestThreshold: 120,
    }),
  ],
};
