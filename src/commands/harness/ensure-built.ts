import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync, utimesSync } from "node:fs";
import path from "node:path";

/** What the build reads: a file added, changed or removed under these makes dist/ stale. */
const buildInputs = ["src", "tsconfig.json", "tsconfig.build.json"];

/** tsc's incremental state (tsconfig.build.json): its time says when dist/ was last built whole and good. */
export const buildStamp = "dist/tsconfig.build.tsbuildinfo";

/** tsc refused the sources: the command does not run on a stale or broken dist/. */
export class BuildFailedError extends Error {}

/**
 * Compiles what changed since the last build, when something did; otherwise costs a walk of src/
 * (a few milliseconds). tsc's incremental state makes the compile a matter of the changed files.
 * Imports nothing of the project: it runs before the project's compiled code is loaded.
 * `announce` takes the lines for the user: that it compiles, and tsc's report.
 */
export function ensureBuilt(root: string, announce: (line: string) => void): "fresh" | "rebuilt" {
  const stamp = path.join(root, buildStamp);
  const builtAt = existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
  if (builtAt > 0 && newestChange(root) <= builtAt) return "fresh";
  announce("The sources changed since the last build: compiling the changes (tsc, incremental)…");
  // Changes saved while tsc runs are newer than the stamp: the next command compiles them. The stamp is
  // also past every input this build read: a file saved in the same millisecond as the build started
  // (file times are finer than a Date) must not look newer than the build that compiled it.
  const now = Date.now();
  const startedAt = new Date(Math.max(now, Math.min(Math.floor(newestChange(root)) + 1, now + 1)));
  const tsc = require.resolve("typescript/bin/tsc", { paths: [root] });
  // tsc's report goes through `announce` (a test keeps it), in colour when stderr is a terminal, as before.
  const pretty = String(process.stderr.isTTY === true);
  const compiled = spawnSync(process.execPath, [tsc, "-p", "tsconfig.build.json", "--pretty", pretty], {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
    encoding: "utf8",
  });
  const report = `${compiled.stdout ?? ""}${compiled.stderr ?? ""}`.trimEnd();
  if (report) for (const line of report.split("\n")) announce(line);
  if (compiled.status !== 0) {
    // tsc writes its state even when it reports errors: the next command compiles (and reports) again.
    if (existsSync(stamp)) utimesSync(stamp, 0, 0);
    throw new BuildFailedError(`The build failed (tsc ${compiled.error?.message ?? `exit code ${compiled.status}`}): the command did not run`);
  }
  utimesSync(stamp, startedAt, startedAt);
  return "rebuilt";
}

/** The latest modification time among the build's inputs, directories included (a removed file changes its directory). */
function newestChange(root: string): number {
  let newest = 0;
  const visit = (entry: string) => {
    const stats = statSync(entry, { throwIfNoEntry: false });
    if (!stats) return;
    newest = Math.max(newest, stats.mtimeMs);
    if (stats.isDirectory()) for (const name of readdirSync(entry)) visit(path.join(entry, name));
  };
  for (const input of buildInputs) visit(path.join(root, input));
  return newest;
}
