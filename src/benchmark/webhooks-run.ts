import { Config } from "../config";
import { openDatabase } from "../database/open-database";
import { entities } from "../entities";
import { startRunHeader } from "./run-header";
import { readServerResources, startServerProcess } from "./server-process";
import { measureWebhooks, pendingDeliveries, WebhookBenchSettings } from "./webhook-throughput";
import { ServerWebhookSettings, WebhooksReport, webhooksResultFilePath } from "./webhooks-report";

export interface WebhooksBenchOptions extends WebhookBenchSettings {
  machine: string;
  output: string | undefined;
  notes: string | undefined;
  commandLine: string;
  /** WEBHOOK_WORKERS and WEBHOOK_POLL_SECONDS for the server process; unset, the configuration's. */
  server: Partial<ServerWebhookSettings>;
}

const sharedCores = "The receiver (in the bench process, with the appends), the server process and PostgreSQL share the machine's cores.";
const appends =
  "ticket.priorityChanged rows through appendEvents, each event alone in its transaction, over the partners' accounts in turn; the commit time taken when the commit returns; " +
  "steady: one connection on a fixed schedule; throughput: `appenders` connections, each appending its next event as soon as its last committed";

/**
 * Webhook deliveries against a real PostgreSQL (`databaseUrl`, migrated here): starts the compiled server as its
 * own process (its outbox relay and delivery workers), and times events from commit to the loopback receiver.
 */
export async function runWebhooksBenchmark(
  config: Config,
  databaseUrl: string,
  options: WebhooksBenchOptions,
): Promise<{ report: WebhooksReport; output: string }> {
  const header = startRunHeader();
  const { startedAt } = header;
  const server: ServerWebhookSettings = {
    workers: options.server.workers ?? config.webhooks.workers,
    pollingSeconds: options.server.pollingSeconds ?? config.webhooks.pollingSeconds,
  };
  const database = await openDatabase(config, { entities, applicationName: "customer-graph-bench-webhooks", poolSize: options.appenders + 1 });
  try {
    const pending = await pendingDeliveries(database.dataSource);
    if (pending > 0)
      throw new Error(
        `${pending} webhook deliveries are pending from earlier runs and would compete with the measured ones: measure on a fresh database (createdb)`,
      );
    const serverProcess = await startServerProcess(databaseUrl, {
      environment: { WEBHOOK_WORKERS: String(server.workers), WEBHOOK_POLL_SECONDS: String(server.pollingSeconds) },
    });
    let figures;
    try {
      const target = {
        graphqlUrl: serverProcess.url,
        dataSource: database.dataSource,
        readCpuSeconds: async () => (await readServerResources(serverProcess.metricsUrl)).cpuSeconds,
      };
      console.log(
        `Webhooks: ${options.partners} partners; ${options.steadyEvents} events at ${options.steadyPerSecond}/s, then ${options.events} from ${options.appenders} connections at once…`,
      );
      figures = await measureWebhooks(target, options, `bench:events --webhooks ${startedAt.toISOString()}`);
    } finally {
      await serverProcess.stop();
    }
    const { partners, steadyEvents, steadyPerSecond, events, appenders, settleMilliseconds, machine, output, notes, commandLine } = options;
    const report: WebhooksReport = {
      ...(await header.finish({ commandLine, machine, notes: [notes ?? "", sharedCores], dataSource: database.dataSource })),
      settings: { partners, steadyEvents, steadyPerSecond, events, appenders, settleMilliseconds, appends },
      server,
      figures,
    };
    return { report, output: output ?? webhooksResultFilePath(startedAt, machine) };
  } finally {
    await database.close();
  }
}
