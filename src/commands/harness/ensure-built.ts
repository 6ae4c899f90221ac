import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync, utimesSync } from "node:fs";
import path from "node:path";

/** What the build reads: a file added, changed or removed under these makes dist/ stale. */
const buildInputs = ["src", "tsconfig.json", "tsconfig.build.json"];

/** tsc's incremental state (tsconfig.build.json): its time says when dist/ was last built whole and good. */
export const buildStamp = "dist/tsconfig.build.tsbuildinfo";

/** tsc refused the sources: the command does not run on a stale or broken dist/. */
export class BuildFailedError extends Error {}

/** The workbench page's sources, and the bundle `npm run build:workbench` (esbuild) makes of them. */
const workbenchInputs = ["src/workbench", "schema/rules.schema.json", "schema/rules-tests.schema.json"];
const workbenchBundle = "dist/workbench/workbench.js";

/**
 * Compiles what changed since the last build, when something did; otherwise costs a walk of src/
 * (a few milliseconds). tsc's incremental state makes the compile a matter of the changed files.
 * The workbench page is bundled again when its own sources changed. Imports nothing of the project:
 * it runs before the project's compiled code is loaded.
 * `announce` takes the lines for the user: that it compiles, and tsc's report.
 */
export function ensureBuilt(root: string, announce: (line: string) => void): "fresh" | "rebuilt" {
  const compiled = compileIfChanged(root, announce);
  const bundled = bundleIfChanged(root, announce);
  return compiled || bundled ? "rebuilt" : "fresh";
}

function compileIfChanged(root: string, announce: (line: string) => void): boolean {
  const stamp = path.join(root, buildStamp);
  const builtAt = existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
  if (builtAt > 0 && newestChange(root, buildInputs) <= builtAt) return false;
  announce("The sources changed since the last build: compiling the changes (tsc, incremental)…");
  // Changes saved while tsc runs are newer than the stamp: the next command compiles them. The stamp is
  // also past every input this build read: a file saved in the same millisecond as the build started
  // (file times are finer than a Date) must not look newer than the build that compiled it.
  const now = Date.now();
  const startedAt = new Date(Math.max(now, Math.min(Math.floor(newestChange(root, buildInputs)) + 1, now + 1)));
  const tsc = require.resolve("typescript/bin/tsc", { paths: [root] });
  // tsc's report goes through `announce` (a test keeps it), in colour when stderr is a terminal, as before.
  const pretty = String(process.stderr.isTTY === true);
  const compiled = spawnSync(process.execPath, [tsc, "-p", "tsconfig.build.json", "--pretty", pretty], {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
    encoding: "utf8",
  });
  report(compiled, announce);
  if (compiled.status !== 0) {
    // tsc writes its state even when it reports errors: the next command compiles (and reports) again.
    if (existsSync(stamp)) utimesSync(stamp, 0, 0);
    throw new BuildFailedError(`The build failed (tsc ${compiled.error?.message ?? `exit code ${compiled.status}`}): the command did not run`);
  }
  utimesSync(stamp, startedAt, startedAt);
  return true;
}

/** The page `npm start` serves at /rules is bundled again when its sources are newer than the bundle (or it is missing). */
function bundleIfChanged(root: string, announce: (line: string) => void): boolean {
  if (!existsSync(path.join(root, workbenchInputs[0]))) return false;
  const bundle = path.join(root, workbenchBundle);
  const bundledAt = existsSync(bundle) ? statSync(bundle).mtimeMs : 0;
  if (bundledAt > 0 && newestChange(root, workbenchInputs) <= bundledAt) return false;
  announce("The workbench page changed since the last build: bundling it (npm run build:workbench)…");
  const bundled = spawnSync("npm", ["run", "--silent", "build:workbench"], { cwd: root, stdio: ["ignore", "pipe", "pipe"], encoding: "utf8" });
  report(bundled, announce);
  if (bundled.status !== 0)
    throw new BuildFailedError(`The build failed (esbuild ${bundled.error?.message ?? `exit code ${bundled.status}`}): the command did not run`);
  return true;
}

function report(run: { stdout: string | null; stderr: string | null }, announce: (line: string) => void): void {
  const text = `${run.stdout ?? ""}${run.stderr ?? ""}`.trimEnd();
  if (text) for (const line of text.split("\n")) announce(line);
}

/** The latest modification time among the build's inputs, directories included (a removed file changes its directory). */
function newestChange(root: string, inputs: string[]): number {
  let newest = 0;
  const visit = (entry: string) => {
    const stats = statSync(entry, { throwIfNoEntry: false });
    if (!stats) return;
    newest = Math.max(newest, stats.mtimeMs);
    if (stats.isDirectory()) for (const name of readdirSync(entry)) visit(path.join(entry, name));
  };
  for (const input of inputs) visit(path.join(root, input));
  return newest;
}
