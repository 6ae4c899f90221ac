import "reflect-metadata";
import { loadavg } from "node:os";
import path from "node:path";
import { loadConfig } from "../config";
import { openDatabase } from "../database/open-database";
import { measurePolicySpeed } from "../policies/benchmark/policy-speed";
import { runCommand } from "../policies/commands/command-support";
import { PolicyRegistry } from "../policies/policy-registry";
import { measureAssessmentLatency } from "./assessment-latency";
import { BenchArgumentsError, benchUsage, parseBenchArguments, resultFilePath } from "./bench-arguments";
import { ensureDataSet, sampleAccountIds } from "./bench-data-set";
import { describeMachine, describeSource } from "./bench-machine";
import { benchOperations } from "./bench-operations";
import { BenchReport, findBaseline, printBenchReport, readBenchReport, writeBenchReport } from "./bench-report";
import { checkTargets } from "./bench-targets";
import { runGrowth } from "./growth-run";
import { measureOnServer } from "./server-measurement";

/**
 * npm run bench: the read and write paths under load against a real PostgreSQL (DATABASE_URL), on the
 * seeded data set, then the policy layer's speed, then (--growth) the read path at each data-set size;
 * prints the figures and the targets, and writes them as a result file.
 */
runCommand(async () => {
  let options;
  try {
    options = parseBenchArguments(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof BenchArgumentsError)) throw error;
    console.error(`${error.message}\n\n${benchUsage}`);
    process.exitCode = 2;
    return;
  }
  const config = loadConfig();
  if (!config.databaseUrl) throw new Error(`npm run bench measures against PostgreSQL: set DATABASE_URL.\n\n${benchUsage}`);
  const startedAt = new Date();
  const loadAverageAtStart = loadavg()[0];
  const output = options.output ?? resultFilePath(startedAt, options.machine);
  const baseline = options.baseline ?? (await findBaseline(path.dirname(output), options.machine, output));
  const database = await openDatabase(config, { applicationName: "customer-graph-bench", poolSize: 2 });
  try {
    const dataSet = await ensureDataSet(database.dataSource, config.databaseUrl, options);
    const accountIds = await sampleAccountIds(database.dataSource, 500);
    const operations = benchOperations(accountIds).filter((operation) => !options.only || operation.name.includes(options.only));
    const load = { connections: options.connections, warmupSeconds: options.warmupSeconds, durationSeconds: options.durationSeconds };
    const figures = await measureOnServer(database.dataSource, config.databaseUrl, operations, load, { profileDirectory: options.profile });
    console.log("Measuring the policy layer (placeOrder's reassessment, then a full re-evaluation)…");
    const ruleSet = (await PolicyRegistry.open(path.resolve(config.rulesDirectory))).current();
    const placeOrderAssessment = await measureAssessmentLatency(database.dataSource, ruleSet, accountIds.slice(0, 200));
    const policies = await measurePolicySpeed(database.dataSource, ruleSet);
    const growth = options.growth.length > 0 ? await runGrowth(database.dataSource, config.databaseUrl, { sizes: options.growth, rounds: options.growthRounds, seed: options.seed, reset: options.reset, load }) : [];
    const baselinePlaceOrder = baseline ? (await readBenchReport(baseline)).operations.find((operation) => operation.operation === "place-order") : undefined;
    const report: BenchReport = {
      startedAt: startedAt.toISOString(),
      machine: await describeMachine(options.machine, database.dataSource),
      source: describeSource(),
      notes: options.notes ?? "",
      loadAverage: { start: loadAverageAtStart, end: loadavg()[0] },
      dataSet,
      load,
      operations: figures,
      baseline: baseline ?? null,
      targets: checkTargets({ operations: figures, connections: load.connections, baselinePlaceOrder, growth }),
      growth,
      placeOrderAssessment,
      policies,
    };
    printBenchReport(report);
    await writeBenchReport(report, output);
    console.log(`\nWritten to ${output}; npm run bench:readme -- --from ${output} puts it in the README`);
  } finally {
    await database.close();
  }
});
