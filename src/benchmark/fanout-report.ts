import { LatencySummary } from "./fanout-figures";
import { ServerResources } from "./server-process";
import { RunHeader } from "./run-header";
import { FanoutFigures, FanoutSettings } from "./subscription-fanout";
import { printTable } from "./text-table";

/** A result file of `npm run bench:events` (bench-results/events-<date>-<machine>.json). */
export interface EventsReport extends RunHeader {
  settings: FanoutSettings;
  subscription: string;
  /** Where the server's memory and CPU figures come from. */
  resourcesSource: string;
  figures: FanoutFigures;
}

/** One result file a day per machine; the prefix keeps it apart from `npm run bench`'s files (and from bench:readme). */
export function eventsResultFilePath(startedAt: Date, machine: string): string {
  return `bench-results/events-${startedAt.toISOString().slice(0, 10)}-${machine}.json`;
}

const megabytes = (bytes: number) => (bytes / 2 ** 20).toFixed(1);
const milliseconds = (value: number) => value.toFixed(1);
const count = (value: number) => value.toLocaleString("en");

export function printEventsReport(report: EventsReport): void {
  const { figures, machine, settings } = report;
  const { clients, connection, delivery } = figures;
  console.log(
    `\nSubscription fan-out: ${count(clients.internal + clients.partner)} clients (${count(clients.internal)} internal, ${count(clients.partner)} partner ` +
      `over ${clients.partners} partners), ${figures.events.count} events ${settings.spacingMilliseconds} ms apart`,
  );
  console.log(`Machine: ${machine.name}, ${machine.cpuModel}, ${machine.cores} cores, Node ${machine.node}, PostgreSQL ${machine.postgresql}`);
  console.log(`Load average: ${report.loadAverage.start.toFixed(1)} at the start, ${report.loadAverage.end.toFixed(1)} at the end\n`);
  console.log(
    `Connected in ${milliseconds(connection.allAcknowledgedMilliseconds)} ms (each socket p50 ${milliseconds(connection.perClient.p50)} ms, ` +
      `p95 ${milliseconds(connection.perClient.p95)} ms); every subscription live after ${milliseconds(connection.allSubscribedMilliseconds)} ms ` +
      `(${connection.probeRounds} probe round${connection.probeRounds === 1 ? "" : "s"})\n`,
  );
  printServerTable(figures);
  console.log("");
  printLatencyTable(figures);
  console.log(
    `\nDelivered ${count(delivery.delivered)} of ${count(delivery.expected)}, ${count(Math.round(delivery.perSecond))} a second ` +
      `(missed ${count(delivery.missed)} at ${delivery.clientsWithMisses} clients; out of scope ${delivery.outOfScope}; ` +
      `duplicates ${delivery.duplicates}; clients with errors ${delivery.clientsWithErrors}); the clients' process used ${figures.clientProcessCpuSeconds.toFixed(1)} s of CPU meanwhile`,
  );
  for (const error of delivery.errors) console.log(`  error: ${error}`);
}

function printServerTable({ server, clients }: FanoutFigures): void {
  const sample = (name: string, resources: ServerResources) => [name, megabytes(resources.residentBytes), megabytes(resources.heapUsedBytes)];
  printTable(
    ["server", "RSS MB", "heap used MB"],
    [
      sample("before connecting", server.beforeConnecting),
      sample(`${count(clients.internal + clients.partner)} subscribed`, server.subscribed),
      sample("after delivering", server.delivered),
      ["per client (KB)", server.perClientKilobytes.resident.toFixed(1), server.perClientKilobytes.heapUsed.toFixed(1)],
    ],
  );
  console.log(
    `Server CPU: ${server.cpuMillisecondsPerClientConnected.toFixed(2)} ms per client connected and subscribed, ${server.cpuMillisecondsPerDelivery.toFixed(3)} ms per delivery`,
  );
}

function printLatencyTable({ latencyMilliseconds: latency }: FanoutFigures): void {
  const row = (name: string, summary: LatencySummary) => [
    name,
    count(summary.samples),
    ...[summary.p50, summary.p95, summary.p99, summary.max].map(milliseconds),
  ];
  printTable(
    ["commit to client, ms", "samples", "p50", "p95", "p99", "max"],
    [
      row("every delivery", latency.all),
      row("internal clients", latency.internalClients),
      row("partner clients", latency.partnerClients),
      row("last client per event", latency.lastClientPerEvent),
    ],
  );
}
