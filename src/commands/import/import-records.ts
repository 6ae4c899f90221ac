/** The record types an import file holds, in the order a flush writes them: a record's references come first. */
export const recordTypes = ["account", "contact", "order", "ticket"] as const;
export type RecordType = (typeof recordTypes)[number];

/** One line of an import file: its type and the upsert item it carries (the fields of the type's upsert item). */
export interface ImportRecord {
  line: number;
  type: RecordType;
  item: Record<string, unknown>;
}

/** A line that is no record: kept with its reason among the rejected lines. */
export interface UnreadableLine {
  line: number;
  text: string;
  reason: string;
}

/**
 * Reads one NDJSON line: `{"type": "account", "externalId": "…", …}`, the item's fields beside its type.
 * Blank lines are skipped (null).
 */
export function readRecord(text: string, line: number): ImportRecord | UnreadableLine | null {
  if (text.trim() === "") return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { line, text, reason: `not JSON: ${(error as Error).message}` };
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return { line, text, reason: "not a JSON object" };
  const { type, ...item } = parsed as Record<string, unknown>;
  if (!recordTypes.includes(type as RecordType)) return { line, text, reason: `"type" must be one of ${recordTypes.join(", ")}` };
  return { line, type: type as RecordType, item };
}

export function isRecord(read: ImportRecord | UnreadableLine): read is ImportRecord {
  return "type" in read;
}
