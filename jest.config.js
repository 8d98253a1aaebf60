/** Jest runs unit, integration (real Azurite, started once per run) and e2e tests. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  globalSetup: '<rootDir>/tests/support/globalSetup.ts',
  globalTeardown: '<rootDir>/tests/support/globalTeardown.ts',
  // See tests/support/stripBom.js: an ESM-only dependency of @microsoft/app-manifest.
  moduleNameMapper: { '^strip-bom$': '<rootDir>/tests/support/stripBom.js' },
  testTimeout: 30000,
  maxWorkers: 2,
};
