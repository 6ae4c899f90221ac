import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { Command } from "commander";
import { replaceReadmeBenchTable } from "../benchmark/bench-readme";
import { readBenchReport } from "../benchmark/bench-report";
import { CommandFactory } from "./harness/command-context";

/**
 * npm run bench:readme: rewrites the README's benchmark table from a result file, so that every figure in it
 * comes from a file in bench-results/ (commit that file with the README: a test checks that it is).
 */
export const benchReadmeCommand: CommandFactory = () =>
  new Command("bench:readme")
    .description("rewrites the README's benchmark table from a result file (a test fails when they differ)")
    .requiredOption("--from <file>", "the result file, bench-results/<date>-<machine>.json")
    .option("--readme <file>", "the README to rewrite", "README.md")
    .action(async (options: { from: string; readme: string }) => {
      // Named as the README's link and the test will find it: relative to the repository, with forward slashes.
      const resultFile = path.relative(process.cwd(), path.resolve(options.from)).split(path.sep).join("/");
      const report = await readBenchReport(resultFile);
      const readme = await readFile(options.readme, "utf8");
      await writeFile(options.readme, replaceReadmeBenchTable(readme, resultFile, report));
      console.log(`${options.readme}: the benchmark table now shows ${resultFile}`);
    });
