import { InvalidArgumentError } from "commander";
import { machineName } from "../../benchmark/bench-options";
import { decodeGlobalId, NodeTypeName } from "../../shared/global-id";

/**
 * Parsers of option values, for commander's `.option(flags, description, parser)`: a value they refuse
 * stops the command before it runs, with the reason, and exit code 2.
 */

/** Digits only (an optional "_" or "," between thousands): "1e3", "2.5" and "-1" are mistakes, not numbers. */
export function wholeNumber(range: { least: number; most?: number }): (text: string) => number {
  const most = range.most ?? Number.MAX_SAFE_INTEGER;
  return (text) => {
    const digits = text.trim().replace(/(?<=\d)[_,](?=\d{3})/g, "");
    const value = Number(digits);
    if (!/^\d+$/.test(digits) || !Number.isSafeInteger(value)) throw new InvalidArgumentError(`expected a whole number, got "${text}"`);
    if (value < range.least) throw new InvalidArgumentError(`must be at least ${range.least.toLocaleString("en")}, got ${text}`);
    if (value > most) throw new InvalidArgumentError(`must be at most ${most.toLocaleString("en")}, got ${text}`);
    return value;
  };
}

/** A decimal number like 0.5 or 2, at least `least`. */
export function decimalNumber(range: { least: number }): (text: string) => number {
  return (text) => {
    const value = Number(text.trim());
    if (!/^\d+(\.\d+)?$/.test(text.trim())) throw new InvalidArgumentError(`expected a number like 0.5 or 2, got "${text}"`);
    if (value < range.least) throw new InvalidArgumentError(`must be at least ${range.least}, got ${text}`);
    return value;
  };
}

/** A day like 2025-11-22, as midnight UTC; a day that does not exist (2025-02-30) is refused. */
export function calendarDay(text: string): Date {
  const date = new Date(`${text}T00:00:00.000Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== text) {
    throw new InvalidArgumentError(`expected a date like 2025-11-22, got "${text}"`);
  }
  return date;
}

/** Any date or time `Date` reads, later than now. */
export function futureDate(text: string): Date {
  const date = new Date(text);
  if (Number.isNaN(date.getTime()) || date.getTime() <= Date.now()) throw new InvalidArgumentError(`expected a date in the future, got "${text}"`);
  return date;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The database id of a `typeName`, given as its GraphQL id, or (`uuid: true`) as the uuid itself. */
export function nodeId(typeName: NodeTypeName, accepts: { uuid: boolean }): (text: string) => string {
  return (text) => {
    if (accepts.uuid && uuidPattern.test(text)) return text.toLowerCase();
    try {
      return decodeGlobalId(text, typeName, typeName);
    } catch {
      throw new InvalidArgumentError(`"${text}" is not the id of ${article(typeName)} ${typeName}${accepts.uuid ? " (a GraphQL id or a uuid)" : ""}`);
    }
  };
}

function article(word: string): string {
  return /^[AEIOU]/.test(word) ? "an" : "a";
}

/** A machine's name as bench result files are named after it: lower case letters, digits and dashes. */
export function machine(text: string): string {
  const name = machineName(text);
  if (!name) throw new InvalidArgumentError(`expected letters or digits, got "${text}"`);
  return name;
}
