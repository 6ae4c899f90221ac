import { loadavg } from "node:os";
import path from "node:path";
import { Config } from "../config";
import { openDatabase } from "../database/open-database";
import { measurePolicySpeed } from "../policies/benchmark/policy-speed";
import { PolicyRegistry } from "../policies/policy-registry";
import { measureAssessmentLatency } from "./assessment-latency";
import { DataSetSeeder, ensureDataSet, sampleAccountIds } from "./bench-data-set";
import { describeMachine, describeSource } from "./bench-machine";
import { benchOperations } from "./bench-operations";
import { BenchOptions, resultFilePath } from "./bench-options";
import { BenchReport, findBaseline, readBenchReport } from "./bench-report";
import { checkTargets } from "./bench-targets";
import { runGrowth } from "./growth-run";
import { measureOnServer } from "./server-measurement";
import { entities } from "../entities";

export interface BenchRun {
  report: BenchReport;
  /** Where the result file belongs. */
  output: string;
}

/**
 * The read and write paths under load against a real PostgreSQL (`databaseUrl`), on the seeded data set
 * (`seeder` seeds an empty database), then the policy layer's speed, then (growth) the read path at each
 * data-set size; the figures and the targets, as a result file's content.
 */
export async function runBenchmark(config: Config, databaseUrl: string, options: BenchOptions, seeder: DataSetSeeder): Promise<BenchRun> {
  const startedAt = new Date();
  const loadAverageAtStart = loadavg()[0];
  const output = options.output ?? resultFilePath(startedAt, options.machine);
  const baseline = options.baseline ?? (await findBaseline(path.dirname(output), options.machine, output));
  const database = await openDatabase(config, { entities, applicationName: "customer-graph-bench", poolSize: 2 });
  try {
    const dataSet = await ensureDataSet(database.dataSource, databaseUrl, { ...options, seeder });
    const accountIds = await sampleAccountIds(database.dataSource, 500);
    const operations = benchOperations(accountIds).filter((operation) => !options.only || operation.name.includes(options.only));
    const load = { connections: options.connections, warmupSeconds: options.warmupSeconds, durationSeconds: options.durationSeconds };
    const figures = await measureOnServer(database.dataSource, databaseUrl, operations, load, { profileDirectory: options.profile });
    console.log("Measuring the policy layer (placeOrder's reassessment, then a full re-evaluation)…");
    const ruleSet = (await PolicyRegistry.open(path.resolve(config.rulesDirectory))).current();
    const placeOrderAssessment = await measureAssessmentLatency(database.dataSource, ruleSet, accountIds.slice(0, 200));
    const policies = await measurePolicySpeed(database.dataSource, ruleSet);
    const growth =
      options.growth.length > 0
        ? await runGrowth(database.dataSource, databaseUrl, {
            sizes: options.growth,
            rounds: options.growthRounds,
            seed: options.seed,
            reset: options.reset,
            seeder,
            load,
          })
        : [];
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
    return { report, output };
  } finally {
    await database.close();
  }
}
