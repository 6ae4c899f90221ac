import { OperationFigures } from "../../src/benchmark/load-run";
import { BenchReport } from "../../src/benchmark/bench-report";

/** Figures of one measured operation, with the values a test is about and plausible ones for the rest. */
export function operationFigures(operation: string, figures: { cpu: number; statements?: number; p50?: number; p99?: number; rss?: number }): OperationFigures {
  return {
    operation,
    description: operation,
    requests: 100,
    requestsPerSecond: 10,
    latencyMilliseconds: { p50: figures.p50 ?? 1, p90: 2, p99: figures.p99 ?? 3 },
    serverCpuMillisecondsPerRequest: figures.cpu,
    sqlStatementsPerRequest: figures.statements ?? 2,
    responseBytes: 1000,
    responseNodes: 20,
    peakResidentMegabytes: figures.rss ?? 200,
    failedRequests: 0,
  };
}

/** A result file's content, as `npm run bench` writes it, with `operations` measured. */
export function benchReport(operations: OperationFigures[]): BenchReport {
  return {
    startedAt: "2026-07-04T10:00:00.000Z",
    machine: { name: "test-box", cpuModel: "Test CPU", cores: 2, memoryGigabytes: 8, operatingSystem: "Linux 6", node: "v20.0.0", postgresql: "15.0" },
    source: { commit: "0123456789abcdef0123456789abcdef01234567", uncommittedChanges: false },
    notes: "Shared machine.",
    loadAverage: { start: 1.5, end: 2.25 },
    dataSet: { accounts: 10_000, contacts: 50_000, orders: 195_000, openTickets: 9_000, seed: 1, referenceDate: "2026-06-30" },
    load: { connections: 20, warmupSeconds: 3, durationSeconds: 10 },
    operations,
    baseline: null,
    targets: [{ target: "support queue: server CPU <= 3 ms/request", measured: "2.90 ms", status: "met" }],
    growth: [],
    placeOrderAssessment: { samples: 200, p50Milliseconds: 3.5, p90Milliseconds: 6 },
    policies: {
      rulesVersion: "1",
      accounts: 10_000,
      openTickets: 9_000,
      reevaluationMilliseconds: 4_900,
      phasesMilliseconds: { facts: 1_000, engine: 3_000, writes: 900 },
      bareEngineMilliseconds: { tiering: 1_000, retention: 1_000, servicePriority: 1_200, total: 3_200 },
      ratioToBareEngine: 1.53,
      targetMet: true,
    },
  };
}
