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
  output: string;
  /** Folder for a V8 CPU profile of the server (written when it stops), or none. */
  profile: string | undefined;
}

export const benchUsage = `npm run bench -- [--accounts 10000] [--seed 1] [--reset] [--connections 20] [--warmup 3] [--duration 10] [--only <operation>] [--output bench-results/bench.json] [--profile <folder>]
Needs DATABASE_URL (a PostgreSQL; an empty database is seeded with the data set first).`;

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
        output: { type: "string", default: "bench-results/bench.json" },
        profile: { type: "string" },
      },
      strict: true,
    }));
  } catch (error) {
    throw new BenchArgumentsError((error as Error).message);
  }
  return {
    accounts: positiveInteger(values.accounts, "--accounts"),
    seed: positiveInteger(values.seed, "--seed"),
    reset: values.reset,
    connections: positiveInteger(values.connections, "--connections"),
    warmupSeconds: positiveInteger(values.warmup, "--warmup"),
    durationSeconds: positiveInteger(values.duration, "--duration"),
    only: values.only,
    output: values.output,
    profile: values.profile,
  };
}

function positiveInteger(text: string, option: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new BenchArgumentsError(`${option}: expected a whole number of at least 1, got "${text}"`);
  return value;
}
