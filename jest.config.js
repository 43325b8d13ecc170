/** One Jest run for every level: *.spec.ts (pure), *.int-spec.ts (real services), *.e2e-spec.ts (HTTP). */
const aliases = ['domain', 'event-store', 'application', 'projections', 'integration', 'platform', 'audit', 'privacy'];

/** @type {import('jest').Config} */
module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test'],
  testRegex: '\\.(spec|int-spec|e2e-spec)\\.ts$',
  moduleFileExtensions: ['ts', 'js', 'json'],
  // Type checking is its own step (npm run typecheck); Jest only transpiles, which keeps it fast.
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json', diagnostics: false }] },
  moduleNameMapper: Object.fromEntries([
    ...aliases.flatMap((lib) => [
      [`^@ledgerline/${lib}$`, `<rootDir>/libs/${lib}/src`],
      [`^@ledgerline/${lib}/(.*)$`, `<rootDir>/libs/${lib}/src/$1`],
    ]),
    ['^@ledgerline/testing$', '<rootDir>/test/support'],
  ]),
  globalSetup: '<rootDir>/test/support/postgres.global-setup.mjs',
  globalTeardown: '<rootDir>/test/support/postgres.global-teardown.mjs',
  reporters: ['default', '<rootDir>/test/support/summary-line.reporter.cjs'],
  testTimeout: 30000,
  // kafkajs keeps timers and sockets of a client whose broker was restarted under it (the outage test)
  // after disconnect(); Jest would then wait forever instead of exiting. Results are unaffected.
  forceExit: true,
};
