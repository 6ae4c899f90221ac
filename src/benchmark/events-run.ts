import { Config } from "../config";
import { openDatabase } from "../database/open-database";
import { entities } from "../entities";
import { fanoutSubscription } from "./fanout-clients";
import { EventsReport, eventsResultFilePath } from "./fanout-report";
import { startRunHeader } from "./run-header";
import { readServerResources, startServerProcess } from "./server-process";
import { FanoutSettings, measureFanout } from "./subscription-fanout";

export interface EventsBenchOptions extends FanoutSettings {
  machine: string;
  output: string | undefined;
  notes: string | undefined;
  commandLine: string;
}

const resourcesSource =
  "the server's own /metrics: process_resident_memory_bytes (RSS), nodejs_heap_size_used_bytes (V8 heap in use, between collections), process_cpu_seconds_total";
const sharedCores = "Clients (one process holding every socket), server and PostgreSQL share the machine's cores.";

/**
 * Subscription fan-out against a real PostgreSQL (`databaseUrl`, migrated here): starts the compiled server
 * as its own process, connects the clients to it and times the events from commit to receipt.
 */
export async function runEventsBenchmark(config: Config, databaseUrl: string, options: EventsBenchOptions): Promise<{ report: EventsReport; output: string }> {
  const header = startRunHeader();
  const { startedAt } = header;
  const database = await openDatabase(config, { entities, applicationName: "customer-graph-bench-events", poolSize: 2 });
  try {
    const server = await startServerProcess(databaseUrl);
    let figures;
    try {
      const target = {
        webSocketUrl: server.url.replace(/^http/, "ws"),
        dataSource: database.dataSource,
        readResources: () => readServerResources(server.metricsUrl),
      };
      console.log(`Connecting ${options.clients.toLocaleString("en")} clients, then ${options.events} events ${options.spacingMilliseconds} ms apart…`);
      figures = await measureFanout(target, options, `bench:events ${startedAt.toISOString()}`);
    } finally {
      await server.stop();
    }
    const { machine, output, notes, commandLine, ...settings } = options;
    const report: EventsReport = {
      ...(await header.finish({ commandLine, machine, notes: [notes ?? "", sharedCores], dataSource: database.dataSource })),
      settings,
      subscription: fanoutSubscription,
      resourcesSource,
      figures,
    };
    return { report, output: output ?? eventsResultFilePath(startedAt, machine) };
  } finally {
    await database.close();
  }
}
