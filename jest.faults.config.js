/**
 * npm run test:faults: each test starts a PostgreSQL cluster of its own and the compiled server
 * (npm run build first), then breaks things; run in band, figures printed.
 */
module.exports = {
  preset: "ts-jest",
  testEnvironment: "node",
  roots: ["<rootDir>/test/faults"],
  testMatch: ["**/*.faults.ts"],
  setupFiles: ["reflect-metadata"],
  testTimeout: 180000,
};
