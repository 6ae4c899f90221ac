import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { PolicySpeedReport, printPolicySpeed } from "../policies/benchmark/policy-speed";
import { AssessmentLatency } from "./assessment-latency";
import { DataSetSummary } from "./bench-data-set";
import { LoadSettings, OperationFigures } from "./load-run";

export interface BenchReport {
  startedAt: string;
  machine: { cpus: number; node: string };
  dataSet: DataSetSummary;
  load: Omit<LoadSettings, "apiKey">;
  operations: OperationFigures[];
  targets: TargetCheck[];
  placeOrderAssessment: AssessmentLatency;
  policies: PolicySpeedReport;
}

export interface TargetCheck {
  target: string;
  measured: string;
  met: boolean;
}

/** Issue 5's targets, checked against the figures of the operations that ran. */
export function checkTargets(operations: OperationFigures[]): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const figures = (name: string) => operations.find((operation) => operation.operation === name);
  const list50 = figures("account-360-list-50");
  if (list50) {
    checks.push({ target: "360° list of 50: server CPU <= 4.5 ms/request", measured: `${list50.serverCpuMillisecondsPerRequest.toFixed(2)} ms`, met: list50.serverCpuMillisecondsPerRequest <= 4.5 });
    // Rounded: the API key's lookup, once per key every 10 s, adds a few thousandths.
    const statements = Math.round(list50.sqlStatementsPerRequest * 100) / 100;
    checks.push({ target: "360° list of 50: SQL statements <= 4/request", measured: statements.toFixed(2), met: statements <= 4 });
  }
  const byId = figures("account-by-id");
  if (byId) {
    checks.push({ target: "account by id: server CPU < 0.25 ms/request", measured: `${byId.serverCpuMillisecondsPerRequest.toFixed(3)} ms`, met: byId.serverCpuMillisecondsPerRequest < 0.25 });
  }
  const peak = Math.max(...operations.map((operation) => operation.peakResidentMegabytes));
  checks.push({ target: "server RSS under load < 300 MB", measured: `${peak.toFixed(0)} MB`, met: peak < 300 });
  return checks;
}

export function printBenchReport(report: BenchReport): void {
  const { dataSet, load } = report;
  console.log(
    `\nData set: ${dataSet.accounts.toLocaleString("en")} accounts, ${dataSet.contacts.toLocaleString("en")} contacts, ` +
      `${dataSet.orders.toLocaleString("en")} orders, ${dataSet.openTickets.toLocaleString("en")} open tickets (seed ${dataSet.seed}, as of ${dataSet.referenceDate})`,
  );
  console.log(`Load: ${load.connections} connections, ${load.warmupSeconds} s warm-up, ${load.durationSeconds} s measured; ${report.machine.cpus} CPUs shared by server, PostgreSQL and load generator\n`);
  const header = ["operation", "req/s", "p50 ms", "p90 ms", "p99 ms", "CPU ms/req", "SQL/req", "bytes", "peak RSS MB", "failed"];
  const rows = report.operations.map((figures) => [
    figures.operation,
    figures.requestsPerSecond.toFixed(0),
    figures.latencyMilliseconds.p50.toFixed(1),
    figures.latencyMilliseconds.p90.toFixed(1),
    figures.latencyMilliseconds.p99.toFixed(1),
    figures.serverCpuMillisecondsPerRequest.toFixed(3),
    figures.sqlStatementsPerRequest.toFixed(2),
    figures.responseBytes.toLocaleString("en"),
    figures.peakResidentMegabytes.toFixed(0),
    String(figures.failedRequests),
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  for (const row of [header, ...rows]) console.log(row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join("  "));
  console.log("\nTargets:");
  for (const check of report.targets) console.log(`  ${check.met ? "met    " : "NOT met"}  ${check.target}: ${check.measured}`);
  const assessment = report.placeOrderAssessment;
  console.log(`\nplaceOrder's reassessment alone (${assessment.samples} accounts): p50 ${assessment.p50Milliseconds.toFixed(1)} ms, p90 ${assessment.p90Milliseconds.toFixed(1)} ms\n`);
  printPolicySpeed(report.policies);
}

export async function writeBenchReport(report: BenchReport, file: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
}
