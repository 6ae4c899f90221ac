import path from "node:path";
import { BuildFailedError, ensureBuilt } from "./harness/ensure-built";

/**
 * The one entry point of the command-line tools, `node dist/src/commands/cli.js <command> [options]`,
 * which the npm scripts run: compiles what changed since the last build, then runs the command.
 */
async function main(): Promise<number> {
  ensureBuilt(path.resolve(__dirname, "../../.."), (line) => console.error(line));
  // Loaded after the build, so that the command runs what was just compiled.
  const { runCommandLine } = await import("./harness/command-line");
  return runCommandLine(process.argv.slice(2));
}

main().then(
  (exitCode) => {
    process.exitCode = exitCode;
  },
  (error: unknown) => {
    console.error(error instanceof BuildFailedError ? error.message : error);
    process.exitCode = 1;
  },
);
