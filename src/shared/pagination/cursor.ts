import { InvalidInputError } from "../errors";
import { orderingFingerprint, SortKey, SortValue, SortValueKind } from "./sort-order";

/**
 * Whether a cursor's value fits its column, checked before it reaches SQL: a value PostgreSQL would
 * refuse (a 13th month, an integer past the column's range, a NUL in text) is the client's error.
 */
const valueChecks: Record<SortValueKind, (value: string | number) => boolean> = {
  text: (value) => typeof value === "string" && !value.includes("\u0000"),
  integer: (value) => isIntegerWithin(value, -2_147_483_648, 2_147_483_647),
  bigint: (value) => isIntegerWithin(value, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER),
  timestamp: (value) => typeof value === "string" && isRealTimestamp(value),
  date: (value) => typeof value === "string" && (value === "infinity" || isRealDate(value)),
  uuid: (value) => typeof value === "string" && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value),
};

/** What a value of each kind must be, as the client is told. */
const kindDescriptions: Record<SortValueKind, string> = {
  text: "text without NUL characters",
  integer: "an integer from -2147483648 to 2147483647",
  bigint: `an integer from ${Number.MIN_SAFE_INTEGER} to ${Number.MAX_SAFE_INTEGER}`,
  timestamp: "a real time (YYYY-MM-DDThh:mm:ssZ)",
  date: "a real date (YYYY-MM-DD)",
  uuid: "a uuid",
};

interface CursorContent {
  /** The ordering the cursor was made for. */
  o: string;
  /** The row's values of each sort key, in order. */
  v: SortValue[];
}

/** Cursors are opaque to clients: base64url JSON of the row's position in its ordering. */
export function encodeCursor<Row>(keys: ReadonlyArray<SortKey<Row>>, row: Row): string {
  const content: CursorContent = { o: orderingFingerprint(keys), v: keys.map((key) => key.valueOf(row)) };
  return Buffer.from(JSON.stringify(content)).toString("base64url");
}

export function decodeCursor<Row>(cursor: string, keys: ReadonlyArray<SortKey<Row>>, field: string): SortValue[] {
  const content = parseCursor(cursor);
  if (!content) {
    throw new InvalidInputError(field, `"${cursor}" is not a cursor of this list`);
  }
  if (content.o !== orderingFingerprint(keys)) {
    throw new InvalidInputError(field, "the cursor was made for another orderBy; start again from the first page");
  }
  if (content.v.length !== keys.length) {
    throw new InvalidInputError(field, `"${cursor}" is not a cursor of this list`);
  }
  const misfit = keys.find((key, index) => !fitsKind(content.v[index], key.kind));
  if (misfit) {
    throw new InvalidInputError(field, `"${cursor}" is not a cursor of this list: its ${misfit.name} value is not ${kindDescriptions[misfit.kind]}`);
  }
  return content.v;
}

function parseCursor(cursor: string): CursorContent | undefined {
  try {
    const content: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (isCursorContent(content)) {
      return content;
    }
  } catch {
    // Not JSON: reported below as a cursor that is not ours.
  }
  return undefined;
}

function isCursorContent(content: unknown): content is CursorContent {
  const candidate = content as CursorContent;
  return typeof candidate === "object" && candidate !== null && typeof candidate.o === "string" && Array.isArray(candidate.v);
}

function fitsKind(value: SortValue, kind: SortValueKind): boolean {
  return (typeof value === "string" || typeof value === "number") && valueChecks[kind](value);
}

function isIntegerWithin(value: string | number, lowest: number, highest: number): boolean {
  const number = typeof value === "number" ? value : /^-?\d{1,16}$/.test(value) ? Number(value) : Number.NaN;
  return Number.isSafeInteger(number) && number >= lowest && number <= highest;
}

/** YYYY-MM-DD naming a day of the calendar, from year 1 (PostgreSQL has no year 0). */
function isRealDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return match !== null && isRealDay(Number(match[1]), Number(match[2]), Number(match[3]));
}

/** ISO 8601 with seconds and an offset, as cursors carry it: a real day, a real time of day, an offset PostgreSQL takes (up to 15:59). */
function isRealTimestamp(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,6})?(Z|[+-](\d{2}):(\d{2}))$/.exec(value);
  if (!match) return false;
  const [hours, minutes, seconds] = [match[4], match[5], match[6]].map(Number);
  const offsetFits = match[8] === "Z" || (Number(match[9]) <= 15 && Number(match[10]) <= 59);
  return isRealDay(Number(match[1]), Number(match[2]), Number(match[3])) && hours <= 23 && minutes <= 59 && seconds <= 59 && offsetFits;
}

function isRealDay(year: number, month: number, day: number): boolean {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return year >= 1 && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
