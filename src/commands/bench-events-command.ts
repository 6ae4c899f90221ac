import { hostname } from "node:os";
import { Command } from "commander";
import { machineName } from "../benchmark/bench-options";
import { writeBenchReport } from "../benchmark/bench-report";
import { EventsBenchOptions, runEventsBenchmark } from "../benchmark/events-run";
import { printEventsReport } from "../benchmark/fanout-report";
import { printWebhooksReport } from "../benchmark/webhooks-report";
import { runWebhooksBenchmark } from "../benchmark/webhooks-run";
import { Config, loadConfig } from "../config";
import { CommandFactory } from "./harness/command-context";
import { CommandFailure } from "./harness/command-errors";
import { decimalNumber, machine, wholeNumber } from "./harness/option-values";
import { shellWord } from "./harness/shell-words";

interface EventsCommandOptions {
  clients: number;
  partnerPercent: number;
  partners: number;
  events: number;
  spacing: number;
  connectConcurrency: number;
  settle: number;
  machine: string;
  output: string | undefined;
  notes: string | undefined;
  webhooks: boolean;
  steadyEvents: number;
  rate: number;
  appenders: number;
  webhookWorkers: number | undefined;
  webhookPollSeconds: number | undefined;
}

/**
 * npm run bench:events: subscription fan-out against a real PostgreSQL (DATABASE_URL): the server's memory
 * with N clients subscribed, and each event's time from commit to every client; writes a result file.
 * With --webhooks: partner webhooks instead, from commit to a loopback receiver, at a steady rate and as fast as possible.
 */
export const benchEventsCommand: CommandFactory = (context) =>
  new Command("bench:events")
    .description(
      "connects N graphql-ws clients to a server process on PostgreSQL (DATABASE_URL, migrated first), each subscribed to supportQueueChanged, " +
        "then appends events to the outbox and times each from its commit to each client; reads the server's memory before and after; writes a result file",
    )
    .option("--clients <N>", "clients, each on a socket of its own", wholeNumber({ least: 1 }), 1_000)
    .option(
      "--partner-percent <P>",
      "percent of the clients subscribed with partner keys (their own accounts' events only)",
      wholeNumber({ least: 0, most: 100 }),
      10,
    )
    .option("--partners <N>", "partners the partner clients are spread over, one account each", wholeNumber({ least: 1 }), 10)
    .option("--events <K>", "events appended, each in a transaction of its own", wholeNumber({ least: 1 }), 200)
    .option("--spacing <ms>", "milliseconds between two events", wholeNumber({ least: 0 }), 20)
    .option("--connect-concurrency <N>", "WebSocket handshakes in flight at once while connecting", wholeNumber({ least: 1 }), 100)
    .option("--settle <seconds>", "how long the clients are waited for after the last event", wholeNumber({ least: 1 }), 10)
    .option("--machine <name>", "a short, stable name of the machine: the result file is named after it", machine, machineName(hostname()))
    .option("--output <file>", "the result file (default: bench-results/events-<date>-<machine>.json)")
    .option("--notes <text>", "what the figures should be read with, kept in the result file")
    .option(
      "--webhooks",
      "measure partner webhooks instead: --partners subscriptions to a loopback receiver, --steady-events at --rate, then --events as fast as possible; " +
        "writes bench-results/webhooks-<date>-<machine>.json",
      false,
    )
    .option("--steady-events <N>", "with --webhooks: events of the steady phase", wholeNumber({ least: 1 }), 500)
    .option("--rate <N>", "with --webhooks: events a second in the steady phase", wholeNumber({ least: 1 }), 50)
    .option("--appenders <N>", "with --webhooks: connections appending the throughput phase's events at once", wholeNumber({ least: 1, most: 16 }), 4)
    .option("--webhook-workers <N>", "with --webhooks: WEBHOOK_WORKERS of the server process (default: this environment's)", wholeNumber({ least: 1 }))
    .option(
      "--webhook-poll-seconds <N>",
      "with --webhooks: WEBHOOK_POLL_SECONDS of the server process (default: this environment's)",
      decimalNumber({ least: 0.5 }),
    )
    .action(async (options: EventsCommandOptions, command: Command) => {
      const config = loadConfig(context.environment);
      if (!config.databaseUrl) throw new CommandFailure("npm run bench:events measures against PostgreSQL: set DATABASE_URL (--help for the options)");
      const commandLine = ["npm run bench:events", ...(context.argv && context.argv.length > 1 ? ["--", ...context.argv.slice(1).map(shellWord)] : [])].join(
        " ",
      );
      if (options.webhooks) {
        // A backlog of deliveries drains long after the last commit: without --settle, two minutes.
        const settle = command.getOptionValueSource("settle") === "default" ? 120 : options.settle;
        await benchWebhooks(config, config.databaseUrl, { ...options, settle }, commandLine);
        return;
      }
      const { partnerPercent, spacing, settle, webhooks, steadyEvents, rate, appenders, webhookWorkers, webhookPollSeconds, ...rest } = options;
      const benchOptions: EventsBenchOptions = {
        ...rest,
        partnerShare: partnerPercent / 100,
        spacingMilliseconds: spacing,
        settleMilliseconds: settle * 1000,
        commandLine,
      };
      const { report, output } = await runEventsBenchmark(config, config.databaseUrl, benchOptions);
      printEventsReport(report);
      await writeBenchReport(report, output);
      console.log(`\nWritten to ${output}`);
    });

async function benchWebhooks(config: Config, databaseUrl: string, options: EventsCommandOptions, commandLine: string): Promise<void> {
  const { report, output } = await runWebhooksBenchmark(config, databaseUrl, {
    partners: options.partners,
    steadyEvents: options.steadyEvents,
    steadyPerSecond: options.rate,
    events: options.events,
    appenders: options.appenders,
    settleMilliseconds: options.settle * 1000,
    machine: options.machine,
    output: options.output,
    notes: options.notes,
    commandLine,
    server: { workers: options.webhookWorkers, pollingSeconds: options.webhookPollSeconds },
  });
  printWebhooksReport(report);
  await writeBenchReport(report, output);
  console.log(`\nWritten to ${output}`);
}
