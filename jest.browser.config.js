/** npm run test:browser: the compiled server (npm run build first) opened in Debian's headless Chromium. */
module.exports = {
  preset: "ts-jest",
  testEnvironment: "node",
  roots: ["<rootDir>/test/browser"],
  testMatch: ["**/*.browser.ts"],
  testTimeout: 120000,
};
