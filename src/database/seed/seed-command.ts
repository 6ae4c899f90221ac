import "reflect-metadata";
import path from "node:path";
import { DataSource } from "typeorm";
import { loadConfig } from "../../config";
import { PolicyRegistry } from "../../policies/policy-registry";
import { reevaluateAllAccounts } from "../../policies/reevaluation";
import { openDatabase } from "../open-database";
import { accessTableNames, customerGraphTableNames, policyResultTableNames } from "./customer-graph-tables";
import { parseSeedArguments, SeedArguments, SeedArgumentsError, seedUsage } from "./seed-arguments";
import { seedCustomerGraph, SeedInterruptedError, SeedSummary } from "./seed-customer-graph";
import { createAccountProgress } from "../../shared/account-progress";

/** Exit codes: 0 seeded, 1 failed or refused, 2 bad arguments, 130 interrupted (what shells report for Ctrl-C). */
export const seedExitCodes = { seeded: 0, failed: 1, badArguments: 2, interrupted: 130 } as const;

/**
 * `npm run seed -- --accounts N [--seed S] [--reset]`: fills the configured database (DATABASE_URL, or the
 * embedded one, also while the server holds it) with generated accounts; returns the exit code.
 */
export async function runSeedCommand(argv: readonly string[], environment: NodeJS.ProcessEnv = process.env): Promise<number> {
  let parsed: SeedArguments;
  try {
    parsed = parseSeedArguments(argv);
  } catch (error) {
    if (!(error instanceof SeedArgumentsError)) throw error;
    console.error(`${error.message}\n\n${seedUsage}`);
    return seedExitCodes.badArguments;
  }
  if (parsed.help) {
    console.log(seedUsage);
    return seedExitCodes.seeded;
  }
  const config = loadConfig(environment);
  const database = await openDatabase(config, { applicationName: "customer-graph-seed", poolSize: 3 });
  try {
    const where = database.kind === "embedded" ? "the embedded database" : "PostgreSQL";
    if (!(await emptyOrReset(database.dataSource, parsed.reset))) return seedExitCodes.failed;
    console.log(`Seeding ${parsed.accounts.toLocaleString("en")} accounts into ${where} (seed ${parsed.seed})`);
    const exitCode = await seedWithProgress(database.dataSource, parsed);
    if (exitCode === seedExitCodes.seeded) {
      // Fresh statistics, or the planner guesses at millions of new rows (autovacuum may be off or late).
      await database.dataSource.query("ANALYZE");
      await evaluatePolicies(database.dataSource, config.rulesDirectory);
    }
    return exitCode;
  } finally {
    await database.close();
  }
}

/** Every seeded account gets its tier, lifecycle stage and retention result, every open ticket its priority. */
async function evaluatePolicies(dataSource: DataSource, rulesDirectory: string): Promise<void> {
  const ruleSet = (await PolicyRegistry.open(path.resolve(rulesDirectory))).current();
  const progress = createAccountProgress({ running: "Evaluating policies", done: "Evaluated the policies of" });
  const summary = await reevaluateAllAccounts(dataSource, ruleSet, { onProgress: progress.update });
  progress.stop();
  console.log(`Evaluated the policies (rules version ${ruleSet.version}) for ${summary.accounts.toLocaleString("en")} accounts and ${summary.tickets.toLocaleString("en")} open tickets in ${(summary.milliseconds / 1000).toFixed(1)} s`);
}

/**
 * Ids are deterministic per seed, so seeding on top of earlier data would collide half way through:
 * refuse up front, or empty the tables when asked to.
 */
async function emptyOrReset(dataSource: DataSource, reset: boolean): Promise<boolean> {
  const [existing]: { accounts: number; managers: number; partners: number }[] = await dataSource.query(
    `SELECT (SELECT count(*) FROM accounts) AS accounts, (SELECT count(*) FROM account_managers) AS managers, (SELECT count(*) FROM partners) AS partners`,
  );
  const count = (rows: number) => rows.toLocaleString("en");
  const described = `${count(existing.accounts)} accounts, ${count(existing.managers)} account managers, ${count(existing.partners)} partners`;
  if (existing.accounts + existing.managers + existing.partners === 0) return true;
  if (!reset) {
    console.error(
      `The database already holds customer-graph data (${described}); the seed's rows would collide with it.\n` +
        "Run again with --reset to empty the customer-graph tables first.",
    );
    return false;
  }
  // No CASCADE: should another table come to reference these, the reset stops rather than empty it too.
  await dataSource.query(`TRUNCATE ${[...customerGraphTableNames, ...policyResultTableNames, ...accessTableNames].join(", ")}`);
  console.log(`Emptied the customer-graph tables (${described}) and the API keys`);
  return true;
}

async function seedWithProgress(dataSource: DataSource, parsed: SeedArguments): Promise<number> {
  const started = performance.now();
  const progress = createAccountProgress({ running: "Seeding", done: "Seeded" });
  const stop = new AbortController();
  const interrupt = () => {
    // Stop after the batch at hand, so that the database (embedded ones especially) closes cleanly.
    console.error("\nStopping after the current batch (Ctrl-C again to stop at once)");
    stop.abort();
  };
  process.once("SIGINT", interrupt);
  try {
    const summary = await seedCustomerGraph(dataSource, {
      accounts: parsed.accounts,
      seed: parsed.seed,
      referenceDate: parsed.referenceDate,
      onProgress: (update) => progress.update(update.accountsDone, update.accountsTotal),
      signal: stop.signal,
    });
    progress.stop();
    console.log(describeSummary(summary, (performance.now() - started) / 1000));
    return seedExitCodes.seeded;
  } catch (error) {
    progress.stop();
    if (!(error instanceof SeedInterruptedError)) throw error;
    console.error(`${error.message}\n${describeSummary(error.summary, (performance.now() - started) / 1000)}`);
    return seedExitCodes.interrupted;
  } finally {
    process.removeListener("SIGINT", interrupt);
  }
}

const summaryLabels: Record<keyof SeedSummary, string> = {
  accountManagers: "account managers",
  partners: "partners",
  accounts: "accounts",
  contacts: "contacts",
  orders: "orders",
  orderLines: "order lines",
  tickets: "tickets",
};

export function describeSummary(summary: SeedSummary, seconds: number): string {
  const rows = (Object.keys(summaryLabels) as Array<keyof SeedSummary>).map(
    (table) => `  ${summaryLabels[table].padEnd(18)}${summary[table].toLocaleString("en").padStart(12)}`,
  );
  return [`Inserted in ${seconds.toFixed(1)} s:`, ...rows].join("\n");
}

if (require.main === module) {
  runSeedCommand(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = seedExitCodes.failed;
    },
  );
}
