import { hostname } from "node:os";
import { parseArgs } from "node:util";

export interface BenchArguments {
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

export const benchUsage = `npm run bench -- [--accounts 10000] [--seed 1] [--reset] [--connections 20] [--warmup 3] [--duration 10] [--only <operation>]
  [--machine <name>] [--output bench-results/<date>-<machine>.json] [--baseline <result file>] [--notes <text>]
  [--growth 10000,100000] [--growth-rounds 2] [--profile <folder>]
Needs DATABASE_URL (a PostgreSQL; an empty database is seeded with the data set first). The growth run seeds each size
into a database of its own, named after DATABASE_URL's with the size appended (created when missing).`;

export class BenchArgumentsError extends Error {}

export function parseBenchArguments(argv: readonly string[]): BenchArguments {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        accounts: { type: "string", default: "10000" },
        seed: { type: "string", default: "1" },
        reset: { type: "boolean", default: false },
        connections: { type: "string", default: "20" },
        warmup: { type: "string", default: "3" },
        duration: { type: "string", default: "10" },
        only: { type: "string" },
        machine: { type: "string", default: machineName(hostname()) },
        output: { type: "string" },
        baseline: { type: "string" },
        notes: { type: "string" },
        growth: { type: "string" },
        "growth-rounds": { type: "string", default: "2" },
        profile: { type: "string" },
      },
      strict: true,
    }));
  } catch (error) {
    throw new BenchArgumentsError((error as Error).message);
  }
  const machine = machineName(values.machine);
  if (!machine) throw new BenchArgumentsError(`--machine: expected letters or digits, got "${values.machine}"`);
  return {
    accounts: positiveInteger(values.accounts, "--accounts"),
    seed: positiveInteger(values.seed, "--seed"),
    reset: values.reset,
    connections: positiveInteger(values.connections, "--connections"),
    warmupSeconds: positiveInteger(values.warmup, "--warmup"),
    durationSeconds: positiveInteger(values.duration, "--duration"),
    only: values.only,
    machine,
    output: values.output,
    baseline: values.baseline,
    notes: values.notes,
    growth: values.growth === undefined ? [] : growthSizes(values.growth),
    growthRounds: positiveInteger(values["growth-rounds"], "--growth-rounds"),
    profile: values.profile,
  };
}

/** The result file of a run started at `startedAt` on `machine`: one a day per machine, sorted by date. */
export function resultFilePath(startedAt: Date, machine: string): string {
  return `bench-results/${startedAt.toISOString().slice(0, 10)}-${machine}.json`;
}

/** A name safe in a file name: lower case letters, digits and dashes. */
function machineName(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40);
}

function growthSizes(text: string): number[] {
  const sizes = text.split(",").map((size) => positiveInteger(size.trim(), "--growth"));
  if (sizes.length < 2) throw new BenchArgumentsError(`--growth: expected at least two sizes to compare, got "${text}"`);
  if (new Set(sizes).size !== sizes.length) throw new BenchArgumentsError(`--growth: each size once, got "${text}"`);
  return sizes.sort((a, b) => a - b);
}

function positiveInteger(text: string, option: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new BenchArgumentsError(`${option}: expected a whole number of at least 1, got "${text}"`);
  return value;
}
