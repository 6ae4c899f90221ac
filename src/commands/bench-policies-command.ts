import { mkdir, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import { Command } from "commander";
import { machineName } from "../benchmark/bench-options";
import { writeBenchReport } from "../benchmark/bench-report";
import { ReevaluationReadsOptions, runReevaluationReadsBenchmark } from "../benchmark/reevaluation-reads";
import { loadConfig } from "../config";
import { measurePolicySpeed, printPolicySpeed } from "../policies/benchmark/policy-speed";
import { PolicyRegistry } from "../policies/policy-registry";
import { CommandContext, CommandFactory } from "./harness/command-context";
import { CommandFailure } from "./harness/command-errors";
import { machine, wholeNumber } from "./harness/option-values";
import { shellWord } from "./harness/shell-words";
import { withDatabase } from "./harness/with-database";
import { runSeed } from "./seed-command";

const resultFile = "bench-results/policies.json";

type BenchPoliciesOptions = Omit<ReevaluationReadsOptions, "commandLine" | "seeder"> & { readsDuringReevaluation: boolean };

/**
 * npm run bench:policies: the policy half of `npm run bench` alone; prints a table and writes bench-results/policies.json.
 * With --reads-during-reevaluation: the latency of reads while a server re-evaluates every account (issue 15).
 */
export const benchPoliciesCommand: CommandFactory = (context) =>
  new Command("bench:policies")
    .description(`times a full re-evaluation (facts, engines, writes) beside the bare json-rules-engine on the same facts; writes ${resultFile}`)
    .option(
      "--reads-during-reevaluation",
      "instead: on PostgreSQL (DATABASE_URL; an empty database is seeded first), start a server, time an accounts page with assessments, " +
        "publish a threshold change and time the same page until every account is re-evaluated; writes bench-results/reevaluation-reads-<date>-<machine>.json",
      false,
    )
    .option("--accounts <N>", "with --reads-during-reevaluation: accounts seeded into an empty database", wholeNumber({ least: 1 }), 10_000)
    .option("--clients <N>", "with --reads-during-reevaluation: clients reading at once, each one read after the other", wholeNumber({ least: 1 }), 4)
    .option("--baseline-seconds <N>", "with --reads-during-reevaluation: seconds of reads before the change", wholeNumber({ least: 1 }), 15)
    .option("--machine <name>", "a short, stable name of the machine: the result file is named after it", machine, machineName(hostname()))
    .option("--output <file>", "the result file of --reads-during-reevaluation")
    .option("--notes <text>", "what the figures should be read with, kept in the result file")
    .action((options: BenchPoliciesOptions) => (options.readsDuringReevaluation ? benchReadsDuringReevaluation(context, options) : benchPolicySpeed(context)));

function benchPolicySpeed(context: CommandContext): Promise<void> {
  return withDatabase(context, { applicationName: "customer-graph-policy-benchmark", poolSize: 4 }, async (database) => {
    const ruleSet = (await PolicyRegistry.open(database.rulesDirectory)).current();
    const report = await measurePolicySpeed(database.dataSource, ruleSet);
    printPolicySpeed(report);
    await mkdir("bench-results", { recursive: true });
    await writeFile(resultFile, `${JSON.stringify(report, null, 2)}\n`);
  });
}

async function benchReadsDuringReevaluation(context: CommandContext, options: BenchPoliciesOptions): Promise<void> {
  const config = loadConfig(context.environment);
  if (!config.databaseUrl) throw new CommandFailure("npm run bench:policies -- --reads-during-reevaluation measures against PostgreSQL: set DATABASE_URL");
  const commandLine = ["npm run bench:policies --", ...(context.argv ?? []).slice(1).map(shellWord)].join(" ");
  const { readsDuringReevaluation, ...settings } = options;
  const { report, output } = await runReevaluationReadsBenchmark(config, config.databaseUrl, {
    ...settings,
    commandLine,
    // The seed writes to that database alone: no read replica.
    seeder: (databaseUrl, request) => runSeed({ environment: { ...context.environment, DATABASE_URL: databaseUrl, DATABASE_REPLICA_URLS: "" } }, request),
  });
  const figures = (name: string, latency: typeof report.baseline) =>
    `${name.padEnd(28)} ${String(latency.requests).padStart(6)} reads  p50 ${latency.latencyMilliseconds.p50} ms  p90 ${latency.latencyMilliseconds.p90} ms  ` +
    `p99 ${latency.latencyMilliseconds.p99} ms  max ${latency.latencyMilliseconds.max} ms  failed ${latency.failedRequests}`;
  console.log(figures("no re-evaluation", report.baseline));
  console.log(figures("during the re-evaluation", report.duringReevaluation));
  console.log(
    `re-evaluation: ${report.reevaluation.accounts.toLocaleString("en")} accounts in ${report.reevaluation.seconds.toFixed(1)} s (${report.reevaluation.change})`,
  );
  await writeBenchReport(report, output);
  console.log(`\nWritten to ${output}`);
}
