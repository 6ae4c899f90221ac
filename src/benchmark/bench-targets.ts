import { bestOfRounds, growthOperationNames, GrowthPoint } from "./growth-run";
import { OperationFigures } from "./load-run";

export type TargetStatus = "met" | "missed" | "not measured";

export interface TargetCheck {
  target: string;
  measured: string;
  status: TargetStatus;
}

export interface TargetInputs {
  operations: readonly OperationFigures[];
  connections: number;
  /** The placeOrder figures of an earlier result on the same machine, if any. */
  baselinePlaceOrder: OperationFigures | undefined;
  growth: readonly GrowthPoint[];
}

/** How much two figures measured on a shared machine may differ and still count as "no change". */
export const noiseAllowance = 1.25;

interface Measurement {
  measured: string;
  met: boolean;
}

interface Target {
  target: string;
  /** Undefined when the run did not measure what the target is about. */
  check: (inputs: TargetInputs) => Measurement | undefined;
}

/** Three figures where they matter: 0.312, 5.47, 363. */
export const milliseconds = (value: number) => value.toFixed(value < 1 ? 3 : value < 100 ? 2 : 0);

const figuresOf = (operations: readonly OperationFigures[], name: string) => operations.find((operation) => operation.operation === name);

/** At most `limit` ms of server CPU per request of `operation`. */
function cpuAtMost(operation: string, label: string, limit: number): Target {
  return {
    target: `${label}: server CPU <= ${limit} ms/request`,
    check: ({ operations }) => {
      const figures = figuresOf(operations, operation);
      if (!figures) return undefined;
      const cpu = figures.serverCpuMillisecondsPerRequest;
      return { measured: `${milliseconds(cpu)} ms`, met: cpu <= limit };
    },
  };
}

// Rounded: the API key's lookup, once per key every 10 s, adds a few thousandths.
const statements = (figures: OperationFigures) => Math.round(figures.sqlStatementsPerRequest * 100) / 100;

const placeOrderTargets: Target[] = [
  {
    target: `placeOrder: server CPU/request no more than ${noiseAllowance} times the baseline's`,
    check: ({ operations, baselinePlaceOrder }) => {
      const figures = figuresOf(operations, "place-order");
      if (!figures || !baselinePlaceOrder) return undefined;
      const [now, before] = [figures.serverCpuMillisecondsPerRequest, baselinePlaceOrder.serverCpuMillisecondsPerRequest];
      return { measured: `${milliseconds(now)} ms (baseline ${milliseconds(before)} ms)`, met: now <= before * noiseAllowance };
    },
  },
  {
    target: "placeOrder: SQL statements/request no more than the baseline's",
    check: ({ operations, baselinePlaceOrder }) => {
      const figures = figuresOf(operations, "place-order");
      if (!figures || !baselinePlaceOrder) return undefined;
      const [now, before] = [statements(figures), statements(baselinePlaceOrder)];
      return { measured: `${now.toFixed(2)} (baseline ${before.toFixed(2)})`, met: now <= before };
    },
  },
];

/** The figure of `operation` at the largest size must stay within the noise allowance of the smallest size's (best rounds). */
function flatWithSize(operation: string, label: string, figure: (figures: OperationFigures) => number, unit: string): Target {
  return {
    target: `${operation}: ${label} at the largest size <= ${noiseAllowance} x at the smallest (best round of each)`,
    check: ({ growth }) => {
      if (growth.length < 2) return undefined;
      const [smallest, largest] = [growth[0], growth[growth.length - 1]];
      const [first, last] = [bestOfRounds(smallest, operation, figure), bestOfRounds(largest, operation, figure)];
      if (first === undefined || last === undefined) return undefined;
      const ratio = last / first;
      const sizes = `${largest.accounts.toLocaleString("en")} / ${smallest.accounts.toLocaleString("en")} accounts`;
      return { measured: `${milliseconds(last)} / ${milliseconds(first)} ${unit} at ${sizes} (x${ratio.toFixed(2)})`, met: ratio <= noiseAllowance };
    },
  };
}

/** Issue 11's targets for the read path (set for the later SQL planner), then no regression elsewhere. */
const targets: Target[] = [
  cpuAtMost("account-360-page-50", "50-account 360° page", 6),
  {
    target: "50-account 360° page: SQL statements <= 2/request",
    check: ({ operations }) => {
      const figures = figuresOf(operations, "account-360-page-50");
      if (!figures) return undefined;
      return { measured: statements(figures).toFixed(2), met: statements(figures) <= 2 };
    },
  },
  {
    target: "50-account 360° page: p99 <= 250 ms at 20 connections",
    check: ({ operations, connections }) => {
      const figures = figuresOf(operations, "account-360-page-50");
      if (!figures || connections !== 20) return undefined;
      return { measured: `${figures.latencyMilliseconds.p99.toFixed(0)} ms`, met: figures.latencyMilliseconds.p99 <= 250 };
    },
  },
  cpuAtMost("account-360-list-100", "100-account 360° list", 12),
  cpuAtMost("account-by-id", "account by id with 10 contacts", 0.35),
  cpuAtMost("support-queue", "support queue", 3),
  ...placeOrderTargets,
  {
    target: "server RSS under load < 300 MB",
    check: ({ operations }) => {
      if (operations.length === 0) return undefined;
      const peak = Math.max(...operations.map((operation) => operation.peakResidentMegabytes));
      return { measured: `${peak.toFixed(0)} MB`, met: peak < 300 };
    },
  },
  ...growthOperationNames.flatMap((operation) => [
    flatWithSize(operation, "server CPU/request", (figures) => figures.serverCpuMillisecondsPerRequest, "ms"),
    flatWithSize(operation, "p50 latency", (figures) => figures.latencyMilliseconds.p50, "ms"),
  ]),
];

/** Each target, met, missed, or not measured by this run (an operation left out, no baseline, no growth run). */
export function checkTargets(inputs: TargetInputs): TargetCheck[] {
  return targets.map(({ target, check }) => {
    const measurement = check(inputs);
    if (!measurement) return { target, measured: "-", status: "not measured" };
    return { target, measured: measurement.measured, status: measurement.met ? "met" : "missed" };
  });
}
