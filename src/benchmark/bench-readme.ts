import { BenchReport } from "./bench-report";
import { milliseconds, TargetStatus } from "./bench-targets";
import { OperationFigures } from "./load-run";

/**
 * The README's figures live between these markers, written from one committed result file that the start
 * marker names: `npm run bench:readme` rewrites them, and a test fails when they differ from that file.
 */
const startMarker = /<!-- bench-table (\S+) -->\n/;
const endMarker = "<!-- /bench-table -->";

export class BenchReadmeError extends Error {}

export interface ReadmeBenchTable {
  /** The result file the table was written from, relative to the repository. */
  resultFile: string;
  table: string;
}

/** The table and the result file it names, as the README holds them; undefined when it holds none. */
export function findReadmeBenchTable(readme: string): ReadmeBenchTable | undefined {
  const place = locateTable(readme);
  return place && { resultFile: place.resultFile, table: readme.slice(place.tableStart, place.tableEnd) };
}

/** The README with its table replaced by the one written from `report` (read from `resultFile`). */
export function replaceReadmeBenchTable(readme: string, resultFile: string, report: BenchReport): string {
  const place = locateTable(readme);
  if (!place)
    throw new BenchReadmeError(
      `The README has no benchmark table to rewrite: put "<!-- bench-table ${resultFile} -->" and "${endMarker}" on lines of their own where it goes`,
    );
  return `${readme.slice(0, place.markerStart)}<!-- bench-table ${resultFile} -->\n${renderBenchTable(report, resultFile)}${readme.slice(place.tableEnd)}`;
}

function locateTable(readme: string): { resultFile: string; markerStart: number; tableStart: number; tableEnd: number } | undefined {
  const start = startMarker.exec(readme);
  if (!start) return undefined;
  const tableStart = start.index + start[0].length;
  const tableEnd = readme.indexOf(endMarker, tableStart);
  if (tableEnd < 0) throw new BenchReadmeError(`The README opens a benchmark table without closing it (${endMarker})`);
  return { resultFile: start[1], markerStart: start.index, tableStart, tableEnd };
}

const statusLabels: Record<TargetStatus, string> = { met: "met", missed: "**missed**", "not measured": "not measured" };

/** The README's view of a result file: where it ran, the figures of each operation, the targets, the growth run. */
export function renderBenchTable(report: BenchReport, resultFile: string): string {
  const { machine, dataSet, load, source } = report;
  const commit = `\`${source.commit.slice(0, 12)}\`${source.uncommittedChanges ? " with uncommitted changes" : ""}`;
  const lines = [
    `Measured ${report.startedAt.slice(0, 10)} on \`${machine.name}\` (${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGigabytes} GB, ` +
      `Node ${machine.node}, PostgreSQL ${machine.postgresql}) at commit ${commit}: ${dataSet.accounts.toLocaleString("en")} accounts ` +
      `(seed ${dataSet.seed}, as of ${dataSet.referenceDate}), ${load.connections} connections, ${load.warmupSeconds} s warm-up, ${load.durationSeconds} s measured; ` +
      `load average ${report.loadAverage.start.toFixed(1)} at the start, ${report.loadAverage.end.toFixed(1)} at the end ` +
      `([${resultFile}](${resultFile})).${report.notes ? ` ${report.notes}` : ""}`,
    "",
    ...figuresTable(report.operations.map((figures) => [`${figures.operation}: ${figures.description}`, figures])),
    "",
    `placeOrder's reassessment alone: p50 ${report.placeOrderAssessment.p50Milliseconds.toFixed(1)} ms. Full re-evaluation of ` +
      `${report.policies.accounts.toLocaleString("en")} accounts: ${(report.policies.reevaluationMilliseconds / 1000).toFixed(1)} s, ` +
      `${report.policies.ratioToBareEngine.toFixed(2)} times the bare engine's ${(report.policies.bareEngineMilliseconds.total / 1000).toFixed(1)} s.`,
  ];
  if (report.growth.length > 0) {
    lines.push("", "Growth run (each size in a database of its own, same load, the sizes in turn round after round):", "");
    const rows = report.growth.flatMap((point) =>
      point.rounds.flatMap((round, index) =>
        round.map((figures) => [`${figures.operation} at ${point.accounts.toLocaleString("en")} accounts, round ${index + 1}`, figures] as const),
      ),
    );
    lines.push(...figuresTable(rows));
  }
  lines.push(
    "",
    `Targets${report.baseline ? ` (placeOrder compared with ${report.baseline})` : ""}:`,
    "",
    "| target | measured | status |",
    "| --- | --- | --- |",
  );
  lines.push(...report.targets.map((check) => `| ${check.target} | ${check.measured} | ${statusLabels[check.status]} |`));
  return `${lines.join("\n")}\n`;
}

function figuresTable(rows: ReadonlyArray<readonly [string, OperationFigures]>): string[] {
  const header = "| operation | req/s | p50 ms | p99 ms | server CPU ms/request | SQL/request | bytes | nodes | peak RSS MB |";
  return [
    header,
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ...rows.map(([label, figures]) => {
      const cells = [
        label,
        figures.requestsPerSecond.toFixed(0),
        figures.latencyMilliseconds.p50.toFixed(0),
        figures.latencyMilliseconds.p99.toFixed(0),
        milliseconds(figures.serverCpuMillisecondsPerRequest),
        figures.sqlStatementsPerRequest.toFixed(2),
        figures.responseBytes.toLocaleString("en"),
        figures.responseNodes.toLocaleString("en"),
        figures.peakResidentMegabytes.toFixed(0),
      ];
      return `| ${cells.join(" | ")} |`;
    }),
  ];
}
