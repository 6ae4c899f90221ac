import { WebhookPhaseFigures } from "./webhook-figures";
import { WebhookBenchSettings, WebhookFigures } from "./webhook-throughput";
import { RunHeader } from "./run-header";
import { printTable } from "./text-table";

/** The server's webhook settings in the measured run (WEBHOOK_*, as the server process read them). */
export interface ServerWebhookSettings {
  workers: number;
  pollingSeconds: number;
}

/** A result file of `npm run bench:events -- --webhooks` (bench-results/webhooks-<date>-<machine>.json). */
export interface WebhooksReport extends RunHeader {
  settings: WebhookBenchSettings & { appends: string };
  server: ServerWebhookSettings;
  figures: WebhookFigures;
}

/** One result file a day per machine, beside the fan-out's (events-…). */
export function webhooksResultFilePath(startedAt: Date, machine: string): string {
  return `bench-results/webhooks-${startedAt.toISOString().slice(0, 10)}-${machine}.json`;
}

const milliseconds = (value: number) => value.toFixed(1);
const count = (value: number) => value.toLocaleString("en");

export function printWebhooksReport(report: WebhooksReport): void {
  const { figures, machine, server, settings } = report;
  console.log(
    `\nWebhooks: ${figures.partners} partners, one subscription each to ${figures.eventType}; ${count(settings.steadyEvents)} events at ${settings.steadyPerSecond}/s, ` +
      `then ${count(settings.events)} as fast as ${settings.appenders} connections commit them; WEBHOOK_WORKERS ${server.workers}, WEBHOOK_POLL_SECONDS ${server.pollingSeconds}`,
  );
  console.log(`Machine: ${machine.name}, ${machine.cpuModel}, ${machine.cores} cores, Node ${machine.node}, PostgreSQL ${machine.postgresql}`);
  console.log(`Load average: ${report.loadAverage.start.toFixed(1)} at the start, ${report.loadAverage.end.toFixed(1)} at the end\n`);
  const row = (name: string, phase: WebhookPhaseFigures) => [
    name,
    count(phase.events),
    phase.appendedPerSecond.toFixed(0),
    `${count(phase.delivered)}/${count(phase.expected)}`,
    phase.deliveredPerSecond.toFixed(1),
    ...[phase.latencyMilliseconds.p50, phase.latencyMilliseconds.p95, phase.latencyMilliseconds.p99, phase.latencyMilliseconds.max].map(milliseconds),
    phase.serverCpuMillisecondsPerDelivery.toFixed(2),
  ];
  printTable(
    ["phase", "events", "appended/s", "delivered", "delivered/s", "p50 ms", "p95 ms", "p99 ms", "max ms", "server CPU ms/delivery"],
    [row("steady", figures.steady), row("throughput", figures.throughput)],
  );
  console.log(
    `\nCommit to receipt. Duplicates ${figures.duplicates}, bad signatures ${figures.badSignatures}, wrong partner ${figures.wrongPartner}, ` +
      `unknown path ${figures.unknownPath}. ${report.notes}`,
  );
}
