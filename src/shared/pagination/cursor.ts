import { InvalidInputError } from "../errors";
import { orderingFingerprint, SortKey, SortValue, SortValueKind } from "./sort-order";

const valuePatterns: Record<SortValueKind, RegExp> = {
  text: /^[\s\S]*$/,
  integer: /^-?\d{1,15}$/,
  timestamp: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})$/,
  date: /^(\d{4}-\d{2}-\d{2}|infinity)$/,
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
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
  const valuesFit = content.v.length === keys.length && keys.every((key, index) => fitsKind(content.v[index], key.kind));
  if (!valuesFit) {
    throw new InvalidInputError(field, `"${cursor}" is not a cursor of this list`);
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
  return (typeof value === "string" || typeof value === "number") && valuePatterns[kind].test(String(value));
}
