import { InvalidInputError } from "../errors";
import { SortDirection } from "./page-arguments";

export type SortValue = string | number | boolean | null;

/** The kind of a sort value, so that a cursor's values are checked before they reach SQL ("integer": 32 bits; "bigint": 64 bits, as far as a number holds it exactly). */
export type SortValueKind = "text" | "integer" | "bigint" | "timestamp" | "date" | "uuid";

/** How one orderBy field sorts: the SQL expression over the table alias and the same value read from a row. */
export interface SortField<Row> {
  /** SQL over the placeholder `{alias}`, e.g. `{alias}.placed_at`. Must never be NULL (coalesce nullable columns). */
  expression: string;
  kind: SortValueKind;
  valueOf(row: Row): SortValue;
}

export interface SortKey<Row> extends SortField<Row> {
  name: string;
  direction: SortDirection;
}

export interface OrderByInput<FieldName extends string> {
  field: FieldName;
  direction: SortDirection;
}

/**
 * Turns a client's orderBy list into sort keys, with the id appended as the last key
 * so that every row has one place in the order (ties broken by id).
 */
export function toSortKeys<Row extends { id: string }, FieldName extends string>(
  orderBy: ReadonlyArray<OrderByInput<FieldName>>,
  fields: Record<FieldName, SortField<Row>>,
): SortKey<Row>[] {
  const seen = new Set<string>();
  const keys: SortKey<Row>[] = orderBy.map((order, index) => {
    if (seen.has(order.field)) {
      throw new InvalidInputError(`orderBy[${index}].field`, `${order.field} is listed twice`);
    }
    seen.add(order.field);
    return { name: order.field, direction: order.direction, ...fields[order.field] };
  });
  const tieBreakDirection = keys.at(-1)?.direction ?? SortDirection.ASC;
  keys.push({ name: "ID", direction: tieBreakDirection, expression: "{alias}.id", kind: "uuid", valueOf: (row: Row) => row.id });
  return keys;
}

export function sortExpression<Row>(key: SortKey<Row>, alias: string): string {
  return key.expression.replaceAll("{alias}", alias);
}

/** A fingerprint of an ordering, kept in cursors so that a cursor is never used with another order. */
export function orderingFingerprint<Row>(keys: ReadonlyArray<SortKey<Row>>): string {
  return keys.map((key) => `${key.name}:${key.direction}`).join(",");
}
