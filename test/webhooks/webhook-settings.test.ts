import { loadConfig } from "../../src/config";

describe("webhook settings (WEBHOOK_*), checked at boot", () => {
  test("when none are given, then the retries span at least 24 hours (pg-boss waits retryDelay·2^n·(1+random) before retry n)", () => {
    const { retryLimit, retryDelaySeconds } = loadConfig({}).webhooks;
    const shortestSpanSeconds = retryDelaySeconds * (2 ** retryLimit - 1);
    expect(shortestSpanSeconds).toBeGreaterThanOrEqual(24 * 3600);
  });

  test.each([
    [
      "an attempt that may outlast its job",
      { WEBHOOK_TIMEOUT_MS: "60000", WEBHOOK_EXPIRE_SECONDS: "60" },
      /WEBHOOK_EXPIRE_SECONDS: longer than WEBHOOK_TIMEOUT_MS/,
    ],
    ["a poll faster than pg-boss allows", { WEBHOOK_POLL_SECONDS: "0.1" }, /WEBHOOK_POLL_SECONDS: at least 0.5/],
    ["no workers", { WEBHOOK_WORKERS: "0" }, /WEBHOOK_WORKERS: a whole number, 1 or more/],
    ["a retry limit that is not a number", { WEBHOOK_RETRY_LIMIT: "many" }, /WEBHOOK_RETRY_LIMIT/],
  ])("when the settings give %s, then the boot stops naming the variable", (_case, environment, message) => {
    expect(() => loadConfig(environment)).toThrow(message);
  });
});
