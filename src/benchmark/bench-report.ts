import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { PolicySpeedReport, printPolicySpeed } from "../policies/benchmark/policy-speed";
import { AssessmentLatency } from "./assessment-latency";
import { DataSetSummary } from "./bench-data-set";
import { MachineDescription, SourceVersion } from "./bench-machine";
import { TargetCheck } from "./bench-targets";
import { GrowthPoint } from "./growth-run";
import { LoadSettings, OperationFigures } from "./load-run";
import { printTable } from "./text-table";

/** A result file (bench-results/<date>-<machine>.json): what ran, where, on which commit, and what it measured. */
export interface BenchReport {
  startedAt: string;
  machine: MachineDescription;
  source: SourceVersion;
  /** What the figures should be read with, as given by --notes. */
  notes: string;
  /** The machine's 1-minute load average as the run started and ended: above its cores, others competed for them. */
  loadAverage: { start: number; end: number };
  dataSet: DataSetSummary;
  load: Omit<LoadSettings, "apiKey">;
  operations: OperationFigures[];
  /** The result file placeOrder was compared with, or null. */
  baseline: string | null;
  targets: TargetCheck[];
  /** The growth run's sizes, smallest first; empty without --growth. */
  growth: GrowthPoint[];
  placeOrderAssessment: AssessmentLatency;
  policies: PolicySpeedReport;
}

export async function readBenchReport(file: string): Promise<BenchReport> {
  return JSON.parse(await readFile(file, "utf8")) as BenchReport;
}

/** Writes a result file (of `npm run bench` or another bench command), making its folder when missing. */
export async function writeBenchReport(report: object, file: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
}

/** The newest result file of `machine` in `directory` other than `exclude` (file names start with the date), or none. */
export async function findBaseline(directory: string, machine: string, exclude: string): Promise<string | undefined> {
  const files = await readdir(directory).catch(() => [] as string[]);
  const candidates = files
    .filter((file) => /^\d{4}-\d{2}-\d{2}-/.test(file) && file.endsWith(`-${machine}.json`))
    .map((file) => path.join(directory, file))
    .filter((file) => path.resolve(file) !== path.resolve(exclude))
    .sort();
  return candidates.at(-1);
}

export function printBenchReport(report: BenchReport): void {
  const { dataSet, load, machine } = report;
  console.log(
    `\nData set: ${dataSet.accounts.toLocaleString("en")} accounts, ${dataSet.contacts.toLocaleString("en")} contacts, ` +
      `${dataSet.orders.toLocaleString("en")} orders, ${dataSet.openTickets.toLocaleString("en")} open tickets (seed ${dataSet.seed}, as of ${dataSet.referenceDate})`,
  );
  console.log(
    `Machine: ${machine.name}, ${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGigabytes} GB, Node ${machine.node}, PostgreSQL ${machine.postgresql}`,
  );
  console.log(`Load average: ${report.loadAverage.start.toFixed(1)} at the start, ${report.loadAverage.end.toFixed(1)} at the end`);
  console.log(
    `Load: ${load.connections} connections, ${load.warmupSeconds} s warm-up, ${load.durationSeconds} s measured; the cores shared by server, PostgreSQL and load generator\n`,
  );
  printFiguresTable(report.operations);
  for (const point of report.growth) {
    for (const [index, round] of point.rounds.entries()) {
      console.log(`\nGrowth run, ${point.accounts.toLocaleString("en")} accounts (${point.database}), round ${index + 1}:`);
      printFiguresTable(round);
    }
  }
  console.log(`\nTargets${report.baseline ? ` (baseline ${report.baseline})` : ""}:`);
  for (const check of report.targets) console.log(`  ${check.status.padEnd(12)}  ${check.target}: ${check.measured}`);
  const assessment = report.placeOrderAssessment;
  console.log(
    `\nplaceOrder's reassessment alone (${assessment.samples} accounts): p50 ${assessment.p50Milliseconds.toFixed(1)} ms, p90 ${assessment.p90Milliseconds.toFixed(1)} ms\n`,
  );
  printPolicySpeed(report.policies);
}

function printFiguresTable(operations: readonly OperationFigures[]): void {
  const header = ["operation", "req/s", "p50 ms", "p90 ms", "p99 ms", "CPU ms/req", "SQL/req", "bytes", "nodes", "peak RSS MB", "failed"];
  const cells = operations.map((figures) => [
    figures.operation,
    figures.requestsPerSecond.toFixed(0),
    figures.latencyMilliseconds.p50.toFixed(1),
    figures.latencyMilliseconds.p90.toFixed(1),
    figures.latencyMilliseconds.p99.toFixed(1),
    figures.serverCpuMillisecondsPerRequest.toFixed(3),
    figures.sqlStatementsPerRequest.toFixed(2),
    figures.responseBytes.toLocaleString("en"),
    figures.responseNodes.toLocaleString("en"),
    figures.peakResidentMegabytes.toFixed(0),
    String(figures.failedRequests),
  ]);
  printTable(header, cells);
}
