import { createServer } from "node:http";
import { AddressInfo } from "node:net";
import path from "node:path";
import { withThresholdRaised } from "../../src/benchmark/threshold-change";
import { readWhile } from "../../src/benchmark/timed-reads";
import { compileRuleSet, readRuleFileSources } from "../../src/policies/rule-set";

describe("reads during a re-evaluation (npm run bench:policies -- --reads-during-reevaluation)", () => {
  test("when the threshold change is made to today's rules, then it raises one revenue threshold by a tenth and the set still compiles as a new version", async () => {
    const sources = await readRuleFileSources(path.resolve("rules"));
    const { sources: changed, change } = withThresholdRaised(sources);
    expect(change).toMatch(/^tiering rule ".+": revenue12m threshold (\d+) → \d+$/);
    const [, before, after] = /threshold (\d+) → (\d+)/.exec(change)!;
    expect(Number(after)).toBe(Math.round(Number(before) * 1.1));
    const original = compileRuleSet(sources);
    const compiled = compileRuleSet(changed);
    expect(compiled.loaded && original.loaded && compiled.ruleSet.version !== original.ruleSet.version).toBe(true);
    expect(changed["service-priority"]).toBe(sources["service-priority"]);
  });

  test("when reads are timed while a condition holds, then every client reads until it ends and the failures are counted", async () => {
    let answered = 0;
    const server = createServer((_request, response) => {
      answered++;
      response.writeHead(200, { "content-type": "application/json" });
      response.end(JSON.stringify(answered % 2 === 0 ? { data: {} } : { errors: [{ message: "no" }] }));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
      let checks = 0;
      const figures = await readWhile({ url, apiKey: "key", body: "{}", clients: 2 }, async () => ++checks < 3);
      expect(figures.requests).toBe(answered);
      expect(figures.failedRequests).toBe(Math.ceil(answered / 2));
      expect(figures.latencyMilliseconds.p50).toBeLessThanOrEqual(figures.latencyMilliseconds.p99);
      expect(figures.latencyMilliseconds.p99).toBeLessThanOrEqual(figures.latencyMilliseconds.max);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
