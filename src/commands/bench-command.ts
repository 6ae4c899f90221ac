import { hostname } from "node:os";
import { Command, InvalidArgumentError } from "commander";
import { BenchOptions, machineName } from "../benchmark/bench-options";
import { printBenchReport, writeBenchReport } from "../benchmark/bench-report";
import { runBenchmark } from "../benchmark/bench-run";
import { loadConfig } from "../config";
import { CommandFactory } from "./harness/command-context";
import { CommandFailure } from "./harness/command-errors";
import { machine, wholeNumber } from "./harness/option-values";
import { runSeed } from "./seed-command";

/**
 * npm run bench: the read and write paths under load against a real PostgreSQL (DATABASE_URL), on the
 * seeded data set, then the policy layer's speed, then (--growth) the read path at each data-set size;
 * prints the figures and the targets, and writes them as a result file.
 */
export const benchCommand: CommandFactory = (context) =>
  new Command("bench")
    .description(
      "measures the read and write paths under load against PostgreSQL (DATABASE_URL; an empty database is seeded first), then the policy layer; " +
        "writes a result file. The growth run seeds each size into a database of its own, named after DATABASE_URL's with the size appended (created when missing)",
    )
    .option("--accounts <N>", "accounts of the data set seeded into an empty database", wholeNumber({ least: 1 }), 10_000)
    .option("--seed <S>", "the data set's random seed", wholeNumber({ least: 1 }), 1)
    .option("--reset", "empty the database and seed the data set again", false)
    .option("--connections <N>", "concurrent connections of the load", wholeNumber({ least: 1 }), 20)
    .option("--warmup <seconds>", "load before the measurement", wholeNumber({ least: 1 }), 3)
    .option("--duration <seconds>", "measured load per operation", wholeNumber({ least: 1 }), 10)
    .option("--only <operation>", "only the operations whose name contains this")
    .option("--machine <name>", "a short, stable name of the machine: the result file is named after it", machine, machineName(hostname()))
    .option("--output <file>", "the result file (default: bench-results/<date>-<machine>.json)")
    .option("--baseline <file>", "an earlier result file to compare placeOrder with (default: the newest of the same machine)")
    .option("--notes <text>", "what the figures should be read with, kept in the result file")
    .option("--growth <sizes>", "data-set sizes at which to measure the 360° page and the account by id, e.g. 10000,100000", growthSizes, [])
    .option("--growth-rounds <N>", "how many times the growth run measures each size, in turn", wholeNumber({ least: 1 }), 2)
    .option("--profile <folder>", "write a V8 CPU profile of the server there when it stops")
    .action(async (options: Omit<BenchOptions, "warmupSeconds" | "durationSeconds"> & { warmup: number; duration: number }) => {
      const config = loadConfig(context.environment);
      if (!config.databaseUrl) throw new CommandFailure("npm run bench measures against PostgreSQL: set DATABASE_URL (--help for the options)");
      const { warmup, duration, ...rest } = options;
      const { report, output } = await runBenchmark(
        config,
        config.databaseUrl,
        { ...rest, warmupSeconds: warmup, durationSeconds: duration },
        (databaseUrl, request) =>
          // The seed writes to that database alone: no read replica.
          runSeed({ environment: { ...context.environment, DATABASE_URL: databaseUrl, DATABASE_REPLICA_URLS: "" } }, request),
      );
      printBenchReport(report);
      await writeBenchReport(report, output);
      console.log(`\nWritten to ${output}; npm run bench:readme -- --from ${output} puts it in the README`);
    });

/** At least two sizes, each once, smallest first. */
function growthSizes(text: string): number[] {
  const sizes = text.split(",").map(wholeNumber({ least: 1 }));
  if (sizes.length < 2) throw new InvalidArgumentError(`expected at least two sizes to compare, got "${text}"`);
  if (new Set(sizes).size !== sizes.length) throw new InvalidArgumentError(`each size once, got "${text}"`);
  return sizes.sort((a, b) => a - b);
}
