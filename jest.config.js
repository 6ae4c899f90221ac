/** Integration tests share one migrated database (PGlite, or TEST_DATABASE_URL), so they run in band. */
module.exports = {
  preset: "ts-jest",
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  globalSetup: "<rootDir>/test/support/global-setup.ts",
  globalTeardown: "<rootDir>/test/support/global-teardown.ts",
  setupFiles: ["reflect-metadata"],
  testTimeout: 60000,
  moduleNameMapper: {
    "^@electric-sql/pglite/contrib/(.*)$": "<rootDir>/node_modules/@electric-sql/pglite/dist/contrib/$1.cjs",
  },
};
