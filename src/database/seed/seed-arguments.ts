import { parseArgs } from "node:util";
import { defaultSeed } from "./seed-customer-graph";

export interface SeedArguments {
  accounts: number;
  seed: number;
  reset: boolean;
  referenceDate?: Date;
  help: boolean;
}

/** A mistake on the command line: the command prints it with the usage and exits with code 2. */
export class SeedArgumentsError extends Error {}

export const seedUsage = [
  "Usage: npm run seed -- --accounts N [--seed S] [--reset] [--reference-date YYYY-MM-DD]",
  "  --accounts N         accounts to generate, 1 to 1,000,000 (each with ~5 contacts, ~20 orders, ~5 tickets)",
  `  --seed S             the random seed, a whole number (default ${defaultSeed}): the same seed gives the same rows`,
  "  --reset              empty the customer-graph tables first (needed when they already hold data)",
  "  --reference-date D   'today' for the generated history (default: today, UTC)",
].join("\n");

const largestAccounts = 1_000_000;

export function parseSeedArguments(argv: readonly string[]): SeedArguments {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        accounts: { type: "string" },
        seed: { type: "string" },
        reset: { type: "boolean", default: false },
        "reference-date": { type: "string" },
        help: { type: "boolean", short: "h", default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new SeedArgumentsError(error instanceof Error ? error.message : String(error));
  }
  if (values.help) return { accounts: 0, seed: defaultSeed, reset: false, help: true };
  return {
    accounts: parseAccounts(values.accounts),
    seed: values.seed === undefined ? defaultSeed : parseWholeNumber("--seed", values.seed, Number.MAX_SAFE_INTEGER),
    reset: values.reset,
    referenceDate: values["reference-date"] === undefined ? undefined : parseReferenceDate(values["reference-date"]),
    help: false,
  };
}

function parseAccounts(text: string | undefined): number {
  if (text === undefined) throw new SeedArgumentsError("--accounts is required");
  const accounts = parseWholeNumber("--accounts", text, largestAccounts);
  if (accounts < 1) throw new SeedArgumentsError(`--accounts must be at least 1, got ${text}`);
  return accounts;
}

/** Digits only (an optional "_" or "," between thousands): "1e3", "2.5" and "-1" are mistakes, not numbers. */
function parseWholeNumber(option: string, text: string, largest: number): number {
  const digits = text.replace(/(?<=\d)[_,](?=\d{3})/g, "");
  const value = Number(digits);
  if (!/^\d+$/.test(digits) || !Number.isSafeInteger(value)) throw new SeedArgumentsError(`${option} must be a whole number, got "${text}"`);
  if (value > largest) throw new SeedArgumentsError(`${option} must be at most ${largest.toLocaleString("en")}, got ${text}`);
  return value;
}

function parseReferenceDate(text: string): Date {
  const date = new Date(`${text}T00:00:00.000Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== text) {
    throw new SeedArgumentsError(`--reference-date must be a date like 2025-11-22, got "${text}"`);
  }
  return date;
}
