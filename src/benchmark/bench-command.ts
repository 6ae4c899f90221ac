import "reflect-metadata";
import { cpus } from "node:os";
import path from "node:path";
import { createApiKey, revokeApiKey } from "../access/api-keys";
import { Role } from "../access/roles";
import { loadConfig } from "../config";
import { openDatabase } from "../database/open-database";
import { measurePolicySpeed } from "../policies/benchmark/policy-speed";
import { runCommand } from "../policies/commands/command-support";
import { PolicyRegistry } from "../policies/policy-registry";
import { measureAssessmentLatency } from "./assessment-latency";
import { BenchArgumentsError, benchUsage, parseBenchArguments } from "./bench-arguments";
import { ensureDataSet, sampleAccountIds } from "./bench-data-set";
import { benchOperations } from "./bench-operations";
import { checkTargets, printBenchReport, writeBenchReport } from "./bench-report";
import { measureOperation, OperationFigures } from "./load-run";
import { startServerProcess } from "./server-process";

/**
 * npm run bench: the read and write paths under load against a real PostgreSQL (DATABASE_URL), on the
 * seeded data set, then the policy layer's speed; prints the table and writes it as JSON.
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
  const database = await openDatabase(config, { applicationName: "customer-graph-bench", poolSize: 2 });
  try {
    const startedAt = new Date().toISOString();
    const dataSet = await ensureDataSet(database.dataSource, options);
    const accountIds = await sampleAccountIds(database.dataSource, 500);
    const operations = benchOperations(accountIds).filter((operation) => !options.only || operation.name.includes(options.only));
    const key = await createApiKey(database.dataSource.manager, { name: "npm run bench", role: Role.INTERNAL, partnerId: null, expiresAt: new Date(Date.now() + 3_600_000) });
    const load = { connections: options.connections, warmupSeconds: options.warmupSeconds, durationSeconds: options.durationSeconds };
    const figures: OperationFigures[] = [];
    const server = await startServerProcess(config.databaseUrl, { profileDirectory: options.profile });
    try {
      for (const operation of operations) {
        console.log(`Measuring ${operation.name} (${operation.description})…`);
        figures.push(await measureOperation(server, operation, { ...load, apiKey: key.key }));
      }
    } finally {
      await server.stop();
      await revokeApiKey(database.dataSource.manager, key.id);
    }
    console.log("Measuring the policy layer (placeOrder's reassessment, then a full re-evaluation)…");
    const ruleSet = (await PolicyRegistry.open(path.resolve(config.rulesDirectory))).current();
    const placeOrderAssessment = await measureAssessmentLatency(database.dataSource, ruleSet, accountIds.slice(0, 200));
    const policies = await measurePolicySpeed(database.dataSource, ruleSet);
    const report = {
      startedAt,
      machine: { cpus: cpus().length, node: process.version },
      dataSet,
      load,
      operations: figures,
      targets: checkTargets(figures),
      placeOrderAssessment,
      policies,
    };
    printBenchReport(report);
    await writeBenchReport(report, options.output);
    console.log(`\nWritten to ${options.output}`);
  } finally {
    await database.close();
  }
});
