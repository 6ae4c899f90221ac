/** What `npm run bench` is asked to do (src/commands/bench-command.ts reads it from the command line). */
export interface BenchOptions {
  /** Accounts of the data set seeded into an empty database. */
  accounts: number;
  seed: number;
  /** Empty the database and seed the data set again. */
  reset: boolean;
  connections: number;
  warmupSeconds: number;
  durationSeconds: number;
  /** Run only the operations whose name contains this. */
  only: string | undefined;
  /** A short, stable name of the machine: the result file is named after it. */
  machine: string;
  /** The result file; none given, `bench-results/<date>-<machine>.json`. */
  output: string | undefined;
  /** An earlier result file to compare placeOrder with; none given, the newest of the same machine. */
  baseline: string | undefined;
  /** What the figures should be read with (a shared machine, a change under test), kept in the result file. */
  notes: string | undefined;
  /** Data-set sizes (accounts) at which the growth run measures the 360° page and the account by id; none: no growth run. */
  growth: number[];
  /** How many times the growth run measures each size, in turn. */
  growthRounds: number;
  /** Folder for a V8 CPU profile of the server (written when it stops), or none. */
  profile: string | undefined;
}

/** The result file of a run started at `startedAt` on `machine`: one a day per machine, sorted by date. */
export function resultFilePath(startedAt: Date, machine: string): string {
  return `bench-results/${startedAt.toISOString().slice(0, 10)}-${machine}.json`;
}

/** A name safe in a file name: lower case letters, digits and dashes. */
export function machineName(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40);
}
