import { Brackets, ObjectLiteral, SelectQueryBuilder, WhereExpressionBuilder } from "typeorm";
import { SortDirection, PageRequest } from "./page-arguments";
import { decodeCursor } from "./cursor";
import { SortKey, sortExpression, SortValue } from "./sort-order";

/**
 * Keyset pagination: the page starts strictly after (or before) the cursor's row in the
 * ordering, so rows inserted between two page requests never shift or repeat items.
 */
export function whereAfterCursor<Entity extends ObjectLiteral>(
  query: SelectQueryBuilder<Entity>,
  alias: string,
  keys: ReadonlyArray<SortKey<Entity>>,
  page: PageRequest,
): SelectQueryBuilder<Entity> {
  if (page.cursor === undefined) {
    return query;
  }
  const values = decodeCursor(page.cursor, keys, page.cursorField ?? "after");
  const parameterPrefix = `${alias}_cursor`;
  // The leading-key bound is implied by the OR below; stated alone it lets an index range scan start at the cursor.
  const leadingComparison = readDirection(keys[0].direction, page.direction) === "ASC" ? ">=" : "<=";
  query.andWhere(`${sortExpression(keys[0], alias)} ${leadingComparison} :${parameterPrefix}0`);
  return query.andWhere(new Brackets((where) => addAfterCursor(where, alias, keys, values, page.direction)));
}

/** The SQL ordering of the keys in read order, e.g. `o.placed_at DESC, o.id DESC`. */
export function orderBySql<Entity>(alias: string, keys: ReadonlyArray<SortKey<Entity>>, page: PageRequest): string {
  return keys.map((key) => `${sortExpression(key, alias)} ${readDirection(key.direction, page.direction)}`).join(", ");
}

/** Appends the keys to the query's ORDER BY, in read order. */
export function orderByKeys<Entity extends ObjectLiteral>(
  query: SelectQueryBuilder<Entity>,
  alias: string,
  keys: ReadonlyArray<SortKey<Entity>>,
  page: PageRequest,
): SelectQueryBuilder<Entity> {
  for (const key of keys) {
    query.addOrderBy(sortExpression(key, alias), readDirection(key.direction, page.direction));
  }
  return query;
}

/** The ORDER BY of a key, reversed when paging backward (the page is reversed back afterwards). */
export function readDirection(direction: SortDirection, pageDirection: PageRequest["direction"]): "ASC" | "DESC" {
  const ascending = (direction === SortDirection.ASC) === (pageDirection === "forward");
  return ascending ? "ASC" : "DESC";
}

/** (k1 > v1) OR (k1 = v1 AND k2 > v2) OR ..., with each comparison in its key's read direction. */
function addAfterCursor<Entity>(
  where: WhereExpressionBuilder,
  alias: string,
  keys: ReadonlyArray<SortKey<Entity>>,
  values: SortValue[],
  pageDirection: PageRequest["direction"],
): void {
  const parameterPrefix = `${alias}_cursor`;
  keys.forEach((key, index) => {
    const equalities = keys.slice(0, index).map((previous, previousIndex) => `${sortExpression(previous, alias)} = :${parameterPrefix}${previousIndex}`);
    const comparison = readDirection(key.direction, pageDirection) === "ASC" ? ">" : "<";
    const condition = [...equalities, `${sortExpression(key, alias)} ${comparison} :${parameterPrefix}${index}`].join(" AND ");
    where.orWhere(`(${condition})`, { [`${parameterPrefix}${index}`]: values[index] });
  });
}
