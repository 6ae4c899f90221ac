import { Command } from "commander";
import { access, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import { describeMachine, describeSource } from "../benchmark/bench-machine";
import { machineName } from "../benchmark/bench-options";
import { buildCustomerGraphSchema } from "../schema";
import { PolicyRegistry } from "../policies/policy-registry";
import { maxUpsertItems } from "../shared/bulk-upsert";
import { createAccountProgress } from "./harness/account-progress";
import { CommandFactory } from "./harness/command-context";
import { CommandFailure } from "./harness/command-errors";
import { wholeNumber } from "./harness/option-values";
import { CommandDatabase, withDatabase } from "./harness/with-database";
import { graphqlUpsert } from "./import/graphql-upsert";
import { importFile, ImportSummary } from "./import/import-file";
import { writeSampleFile } from "./import/sample-file";

interface ImportCommandOptions {
  file: string;
  batch: number;
  restart?: boolean;
  report?: string;
  machine: string;
}

/**
 * npm run import -- --file data.ndjson: creates or updates accounts, contacts, orders and tickets by their
 * external ids from an NDJSON file (docs/import.md), through the upsert mutations, in batches. A run that
 * stopped resumes after its last committed batch; refused records go to data.ndjson.rejected.ndjson.
 */
export const importCommand: CommandFactory = (context) =>
  new Command("import")
    .description("creates or updates records by external id from an NDJSON file (docs/import.md), resuming after a failure")
    .requiredOption("--file <path>", 'the NDJSON file: one record a line, {"type": "account"|"contact"|"order"|"ticket", ...the upsert item}')
    .option("--batch <N>", `records a request, 1 to ${maxUpsertItems}`, wholeNumber({ least: 1, most: maxUpsertItems }), maxUpsertItems)
    .option("--restart", "start from the first line, even if an earlier run stopped part-way")
    .option("--report <path>", "also write the figures of the run (time, rate, peak memory, machine) to this JSON file")
    .option("--machine <name>", "a short, stable name of the machine, kept in the report", machineName(hostname()))
    .action((options: ImportCommandOptions) =>
      withDatabase(context, { applicationName: "customer-graph-import", poolSize: 2 }, async (database) => {
        await access(options.file).catch(() => {
          throw new CommandFailure(`No file at ${options.file}`);
        });
        const policies = await PolicyRegistry.open(database.rulesDirectory);
        const upsert = graphqlUpsert(await buildCustomerGraphSchema(), database.dataSource, policies);
        const progress = createAccountProgress({ running: "Importing", done: "Imported", unit: "lines" });
        const started = performance.now();
        const summary = await importFile(upsert, {
          file: options.file,
          batchSize: options.batch,
          restart: options.restart === true,
          onProgress: progress.update,
        });
        progress.stop();
        const seconds = (performance.now() - started) / 1000;
        console.log(describeSummary(summary, seconds));
        if (options.report) await writeReport(options.report, { summary, seconds, batchSize: options.batch, database, machine: options.machine });
      }),
    );

/** The run's figures with where they were measured, as the benchmarks write theirs (bench-results/). */
async function writeReport(
  file: string,
  run: { summary: ImportSummary; seconds: number; batchSize: number; database: CommandDatabase; machine: string },
): Promise<void> {
  const { summary, seconds, batchSize, database, machine } = run;
  const report = {
    measuredAt: new Date().toISOString(),
    machine: await describeMachine(machine, database.dataSource),
    source: describeSource(),
    database: database.kind,
    batchSize,
    resumedAfterLine: summary.resumedAfterLine,
    lines: summary.line,
    created: summary.created,
    updated: summary.updated,
    unchanged: summary.unchanged,
    rejected: summary.rejected,
    seconds: Math.round(seconds * 10) / 10,
    linesPerSecond: Math.round((summary.line - summary.resumedAfterLine) / seconds),
    peakRssMegabytes: Math.round(process.resourceUsage().maxRSS / 1024),
  };
  await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
}

function describeSummary(summary: ImportSummary, seconds: number): string {
  const count = (value: number) => value.toLocaleString("en");
  const resumed = summary.resumedAfterLine > 0 ? ` (resumed after line ${count(summary.resumedAfterLine)})` : "";
  const rejected = summary.rejected > 0 ? `; ${count(summary.rejected)} rejected, with their reasons, in ${summary.rejectedFile}` : "; none rejected";
  return (
    `Imported ${count(summary.line)} lines${resumed} in ${seconds.toFixed(1)} s: ` +
    `${count(summary.created)} created, ${count(summary.updated)} updated, ${count(summary.unchanged)} unchanged${rejected}`
  );
}

/** npm run import:sample -- --accounts N --out file: an import file of N generated accounts and their contacts, to try (and measure) the import. */
export const importSampleCommand: CommandFactory = () =>
  new Command("import:sample")
    .description("writes an NDJSON import file of N generated accounts, each followed by its 1 to 4 contacts")
    .requiredOption("--accounts <N>", "accounts to write, 1 to 1,000,000", wholeNumber({ least: 1, most: 1_000_000 }))
    .requiredOption("--out <path>", "the file to write")
    .option("--seed <S>", "the random seed: the same seed writes the same file", wholeNumber({ least: 0 }), 1)
    .action(async (options: { accounts: number; out: string; seed: number }) => {
      const lines = await writeSampleFile(options.out, options.accounts, options.seed);
      console.log(`Wrote ${lines.toLocaleString("en")} lines (${options.accounts.toLocaleString("en")} accounts and their contacts) to ${options.out}`);
    });
