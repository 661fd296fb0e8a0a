/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // Transpile only: type checking is `npm run typecheck`, and a full type check per worker is what
  // made test start-up slow on two cores.
  transform: { '^.+\\.ts$': 'ts-jest' },
  // One embedded database server for the whole run; each test file gets its own database in it.
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 30000,
  maxWorkers: 2,
};
