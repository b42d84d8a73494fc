// Three suites: pure unit tests, workflow tests on the time-skipping server, and end-to-end tests
// through HTTP against the real Temporal dev server and PostgreSQL.
const transform = {
  '^.+\\.[tj]s$': [
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
const moduleNameMapper = { '^@sss/([^/]+)(/.*)?$': '<rootDir>/libs/$1/src$2' };
// The bpmn-io packages are ESM only; jest's module system needs them compiled to CommonJS.
const transformIgnorePatterns = [
  '/node_modules/(?!(bpmn-moddle|bpmn-auto-layout|moddle|moddle-xml|min-dash|saxen)/)',
];
const common = {
  transform,
  transformIgnorePatterns,
  moduleNameMapper,
  testEnvironment: 'node',
  rootDir: __dirname,
  // The Go module cache of the cluster's binaries holds package.json files jest must not crawl.
  modulePathIgnorePatterns: ['<rootDir>/.tools/'],
};

// E2E_TEMPORAL=cluster: the suites that exercise Temporal, against the production shape (Temporal's
// server on PostgreSQL, mTLS, its Web UI server; docs/deployment.md), and those that need it.
const CLUSTER_SUITES = ['cases', 'records-pending', 'stuck-cases', 'temporal-ui-codec', 'cluster'];
const cluster = process.env.E2E_TEMPORAL === 'cluster';

/** @type {import('jest').Config} */
module.exports = {
  // Workflow and end-to-end tests start real servers and bundle workflow code.
  testTimeout: 120_000,
  reporters: ['default', '<rootDir>/test/summary-reporter.js'],
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,tools}/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'workflows',
      testMatch: ['<rootDir>/libs/workflows/test/**/*.test.ts'],
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: cluster
        ? CLUSTER_SUITES.map((name) => `<rootDir>/test/e2e/${name}.e2e.ts`)
        : ['<rootDir>/test/e2e/**/*.e2e.ts'],
      testPathIgnorePatterns: cluster ? [] : ['/node_modules/', '/test/e2e/cluster\\.e2e\\.ts$'],
      globalSetup: '<rootDir>/test/e2e/global-setup.ts',
      globalTeardown: '<rootDir>/test/e2e/global-teardown.ts',
    },
  ],
};
