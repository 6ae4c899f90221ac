import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { runCommand } from "../policies/commands/command-support";
import { replaceReadmeBenchTable } from "./bench-readme";
import { readBenchReport } from "./bench-report";

const usage = "npm run bench:readme -- --from bench-results/<date>-<machine>.json [--readme README.md]";

/**
 * npm run bench:readme: rewrites the README's benchmark table from a result file, so that every figure in it
 * comes from a file in bench-results/ (commit that file with the README: a test checks that it is).
 */
runCommand(async () => {
  const { values } = parseArgs({ args: process.argv.slice(2), options: { from: { type: "string" }, readme: { type: "string", default: "README.md" } }, strict: true });
  if (!values.from) {
    console.error(`--from: which result file?\n\n${usage}`);
    process.exitCode = 2;
    return;
  }
  // Named as the README's link and the test will find it: relative to the repository, with forward slashes.
  const resultFile = path.relative(process.cwd(), path.resolve(values.from)).split(path.sep).join("/");
  const report = await readBenchReport(resultFile);
  const readme = await readFile(values.readme, "utf8");
  await writeFile(values.readme, replaceReadmeBenchTable(readme, resultFile, report));
  console.log(`${values.readme}: the benchmark table now shows ${resultFile}`);
});
