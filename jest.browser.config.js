/** npm run test:browser: the compiled server (npm run build first) opened in Debian's headless Chromium: GraphiQL, and the rule workbench on the local PostgreSQL. */
module.exports = {
  preset: "ts-jest",
  testEnvironment: "node",
  roots: ["<rootDir>/test/browser"],
  testMatch: ["**/*.browser.ts"],
  testTimeout: 120000,
};
