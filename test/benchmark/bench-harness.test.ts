import { parse, validate } from "graphql";
import { BenchArgumentsError, parseBenchArguments } from "../../src/benchmark/bench-arguments";
import { benchOperations } from "../../src/benchmark/bench-operations";
import { checkTargets } from "../../src/benchmark/bench-report";
import { OperationFigures } from "../../src/benchmark/load-run";
import { buildCustomerGraphSchema } from "../../src/schema";

const figures = (operation: string, cpu: number, statements: number, rss = 200): OperationFigures => ({
  operation,
  description: operation,
  requests: 100,
  requestsPerSecond: 10,
  latencyMilliseconds: { p50: 1, p90: 2, p99: 3 },
  serverCpuMillisecondsPerRequest: cpu,
  sqlStatementsPerRequest: statements,
  responseBytes: 1000,
  peakResidentMegabytes: rss,
  failedRequests: 0,
});

describe("the benchmark harness (npm run bench)", () => {
  test("when no options are given, then it drives 20 connections for 10 s after 3 s of warm-up on 10,000 accounts", () => {
    expect(parseBenchArguments([])).toMatchObject({ accounts: 10_000, seed: 1, connections: 20, warmupSeconds: 3, durationSeconds: 10, reset: false, output: "bench-results/bench.json" });
  });

  test.each([[["--duration", "0"]], [["--connections", "many"]], [["--bogus"]]])("when the options are %j, then they are refused with a message", (argv) => {
    expect(() => parseBenchArguments(argv)).toThrow(BenchArgumentsError);
  });

  test("when each operation's request is checked against the schema, then it is a valid document with its variables", async () => {
    const schema = await buildCustomerGraphSchema();
    const operations = benchOperations(["3f1c2a9e-8d4b-4c1a-9f0e-2b7d6c5a4e3f"]);
    expect(operations.map((operation) => operation.name)).toEqual(["account-by-id", "account-360-list-50", "account-360-list-100", "support-queue", "place-order"]);
    for (const operation of operations) {
      const body = JSON.parse(operation.body(0)) as { query: string; variables?: Record<string, unknown> };
      expect(validate(schema, parse(body.query))).toEqual([]);
    }
    const list100 = JSON.parse(operations[2].body(7)) as { variables: { first: number } };
    expect(list100.variables.first).toBe(100);
  });

  test("when the figures are checked against issue 5's targets, then each target says met or not", () => {
    const met = checkTargets([figures("account-by-id", 0.2, 2), figures("account-360-list-50", 4.4, 4.004, 250)]);
    expect(met.map((check) => check.met)).toEqual([true, true, true, true]);
    const missed = checkTargets([figures("account-by-id", 1, 2), figures("account-360-list-50", 20, 5, 320)]);
    expect(missed.map((check) => check.met)).toEqual([false, false, false, false]);
  });
});
