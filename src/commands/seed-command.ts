import { Command } from "commander";
import { DataSource } from "typeorm";
import { makeRoomForSeed, SeedRefusedError } from "../seed/make-room-for-seed";
import { defaultSeed, seedCustomerGraph, SeedInterruptedError, SeedSummary } from "../seed/seed-customer-graph";
import { PolicyRegistry } from "../policies/policy-registry";
import { reevaluateAllAccounts } from "../policies/reevaluation";
import { createAccountProgress } from "./harness/account-progress";
import { CommandContext, CommandFactory } from "./harness/command-context";
import { CommandFailure, exitCodes } from "./harness/command-errors";
import { stoppableByInterrupt } from "./harness/interruption";
import { calendarDay, wholeNumber } from "./harness/option-values";
import { withDatabase } from "./harness/with-database";

export interface SeedOptions {
  accounts: number;
  seed: number;
  reset?: boolean;
  referenceDate?: Date;
}

/**
 * npm run seed -- --accounts N: fills the configured database (DATABASE_URL, or the embedded one, also
 * while the server holds it) with generated accounts, then evaluates their policies. Ctrl-C stops after
 * the batch at hand (exit code 130); the batches committed stay.
 */
export const seedCommand: CommandFactory = (context) =>
  new Command("seed")
    .description("seeds N generated accounts (each with ~5 contacts, ~20 orders, ~5 tickets), then evaluates their policies")
    .requiredOption("--accounts <N>", "accounts to generate, 1 to 1,000,000", wholeNumber({ least: 1, most: 1_000_000 }))
    .option("--seed <S>", "the random seed: the same seed gives the same rows", wholeNumber({ least: 0 }), defaultSeed)
    .option("--reset", "empty the customer-graph tables (and the API keys) first: needed when they hold data")
    .option("--reference-date <YYYY-MM-DD>", "'today' for the generated history (default: today, UTC)", calendarDay)
    .action((options: SeedOptions) => runSeed(context, options));

/** The seed command's work, also the benchmark's way to seed its data set. */
export function runSeed(context: CommandContext, options: SeedOptions): Promise<void> {
  return withDatabase(context, { applicationName: "customer-graph-seed", poolSize: 3 }, async (database) => {
    const emptied = await makeRoomForSeed(database.dataSource, options.reset === true).catch((error: unknown) => {
      throw error instanceof SeedRefusedError ? new CommandFailure(error.message) : error;
    });
    if (emptied) console.log(`Emptied the customer-graph tables (${emptied}) and the API keys`);
    const where = database.kind === "embedded" ? "the embedded database" : "PostgreSQL";
    console.log(`Seeding ${options.accounts.toLocaleString("en")} accounts into ${where} (seed ${options.seed})`);
    await seedWithProgress(database.dataSource, options);
    // Fresh statistics, or the planner guesses at millions of new rows (autovacuum may be off or late).
    await database.dataSource.query("ANALYZE");
    await evaluatePolicies(database.dataSource, database.rulesDirectory);
  });
}

async function seedWithProgress(dataSource: DataSource, options: SeedOptions): Promise<void> {
  const started = performance.now();
  const progress = createAccountProgress({ running: "Seeding", done: "Seeded" });
  const seconds = () => (performance.now() - started) / 1000;
  try {
    // Stops after the batch at hand, so that the database (embedded ones especially) closes cleanly.
    const summary = await stoppableByInterrupt("\nStopping after the current batch (Ctrl-C again to stop at once)", (signal) =>
      seedCustomerGraph(dataSource, {
        accounts: options.accounts,
        seed: options.seed,
        referenceDate: options.referenceDate,
        onProgress: (update) => progress.update(update.accountsDone, update.accountsTotal),
        signal,
      }),
    );
    progress.stop();
    console.log(describeSummary(summary, seconds()));
  } catch (error) {
    progress.stop();
    if (!(error instanceof SeedInterruptedError)) throw error;
    throw new CommandFailure(`${error.message}\n${describeSummary(error.summary, seconds())}`, exitCodes.interrupted);
  }
}

/** Every seeded account gets its tier, lifecycle stage and retention result, every open ticket its priority. */
async function evaluatePolicies(dataSource: DataSource, rulesDirectory: string): Promise<void> {
  const ruleSet = (await PolicyRegistry.open(rulesDirectory)).current();
  const progress = createAccountProgress({ running: "Evaluating policies", done: "Evaluated the policies of" });
  const summary = await reevaluateAllAccounts(dataSource, ruleSet, { onProgress: progress.update });
  progress.stop();
  console.log(
    `Evaluated the policies (rules version ${ruleSet.version}) for ${summary.accounts.toLocaleString("en")} accounts and ` +
      `${summary.tickets.toLocaleString("en")} open tickets in ${(summary.milliseconds / 1000).toFixed(1)} s`,
  );
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

function describeSummary(summary: SeedSummary, seconds: number): string {
  const rows = (Object.keys(summaryLabels) as Array<keyof SeedSummary>).map(
    (table) => `  ${summaryLabels[table].padEnd(18)}${summary[table].toLocaleString("en").padStart(12)}`,
  );
  return [`Inserted in ${seconds.toFixed(1)} s:`, ...rows].join("\n");
}
