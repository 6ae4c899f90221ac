import { EntityManager, ObjectLiteral, SelectQueryBuilder } from "typeorm";
import { DataScope } from "./data-scope";
import { groupBy } from "../shared/collections";
import { Page } from "../shared/pagination/connection";
import { orderByKeys, orderBySql, whereAfterCursor } from "../shared/pagination/keyset";
import { PageRequest } from "../shared/pagination/page-arguments";
import { SortKey } from "../shared/pagination/sort-order";

/** The filtered query of a list, built on the manager its statement runs on. */
export type FilteredQuery<Entity extends ObjectLiteral> = (manager: EntityManager, alias: string) => SelectQueryBuilder<Entity>;

/** A list as a client asked for it, before it is read: its filtered query, its ordering and the page. */
export interface ListQuery<Entity extends ObjectLiteral> {
  filtered: FilteredQuery<Entity>;
  keys: ReadonlyArray<SortKey<Entity>>;
  page: PageRequest;
}

/** Reads one page of a filtered list: one statement, plus one count if the client asks for totalCount. */
export async function fetchPage<Entity extends ObjectLiteral>(
  scope: DataScope,
  filtered: FilteredQuery<Entity>,
  keys: ReadonlyArray<SortKey<Entity>>,
  page: PageRequest,
): Promise<Page<Entity>> {
  const alias = "listed";
  const rows = await scope.read((manager) => {
    const query = filtered(manager, alias);
    whereAfterCursor(query, alias, keys, page);
    orderByKeys(query, alias, keys, page);
    // One row beyond the page tells whether another page follows.
    return query.limit(page.size + 1).getMany();
  });
  return toPage(rows, keys, page, () => scope.read((manager) => filtered(manager, alias).getCount()));
}

/**
 * Reads the first page of a list for each of many parents (e.g. the last 10 orders of each of
 * 50 accounts) in one statement: rows are numbered per parent with a window function, so the
 * limit applies per parent, never to the whole result.
 */
export async function fetchPagePerParent<Entity extends ObjectLiteral>(options: {
  scope: DataScope;
  filtered: FilteredQuery<Entity>;
  parentColumn: string;
  parentProperty: keyof Entity & string;
  parentIds: ReadonlyArray<string>;
  keys: ReadonlyArray<SortKey<Entity>>;
  page: PageRequest;
}): Promise<Array<Page<Entity>>> {
  const { scope, filtered, parentColumn, parentProperty, parentIds, keys, page } = options;
  const rows = await scope.read((manager) => fetchRowsPerParent(manager, options));
  const rowsByParent = groupBy(rows, (row) => row[parentProperty] as string);
  const counts = lazyOnce(() => scope.read((manager) => countPerParent(filtered(manager, "counted"), parentColumn, parentIds)));
  return parentIds.map((parentId) => toPage(rowsByParent.get(parentId) ?? [], keys, page, async () => (await counts()).get(parentId) ?? 0));
}

function fetchRowsPerParent<Entity extends ObjectLiteral>(
  manager: EntityManager,
  options: Parameters<typeof fetchPagePerParent<Entity>>[0],
): Promise<Entity[]> {
  const { filtered, parentColumn, parentIds, keys, page } = options;
  const rankedAlias = "ranked_source";
  const ranked = filtered(manager, rankedAlias)
    .select(`${rankedAlias}.id`, "id")
    .addSelect(`row_number() OVER (PARTITION BY ${rankedAlias}.${parentColumn} ORDER BY ${orderBySql(rankedAlias, keys, page)})`, "position")
    .andWhere(`${rankedAlias}.${parentColumn} = ANY(:parentIds)`, { parentIds });
  whereAfterCursor(ranked, rankedAlias, keys, page);

  // The ranked ids carry the filter already: `where` replaces the outer query's own conditions.
  // ANY(ARRAY(...)) runs the ranking first and then reads the few rows by primary key; an IN
  // (subquery) here was planned as a semi-join that scanned the whole table.
  const query = filtered(manager, "paged")
    .where(`paged.id = ANY(ARRAY(SELECT ranked.id FROM (${ranked.getQuery()}) ranked WHERE ranked.position <= :rowsPerParent))`)
    .setParameters({ ...ranked.getParameters(), rowsPerParent: page.size + 1 })
    .orderBy(`paged.${parentColumn}`);
  return orderByKeys(query, "paged", keys, page).getMany();
}

/** One grouped count for all parents, run only when a client asks for totalCount. */
async function countPerParent<Entity extends ObjectLiteral>(
  counted: SelectQueryBuilder<Entity>,
  parentColumn: string,
  parentIds: ReadonlyArray<string>,
): Promise<Map<string, number>> {
  const alias = counted.alias;
  const rows: Array<{ parentId: string; count: number }> = await counted
    .select(`${alias}.${parentColumn}`, "parentId")
    .addSelect("count(*)::int", "count")
    .andWhere(`${alias}.${parentColumn} = ANY(:countedParentIds)`, { countedParentIds: parentIds })
    .groupBy(`${alias}.${parentColumn}`)
    .getRawMany();
  return new Map(rows.map((row) => [row.parentId, row.count]));
}

function toPage<Entity>(rows: Entity[], keys: ReadonlyArray<SortKey<Entity>>, page: PageRequest, countTotal: () => Promise<number>): Page<Entity> {
  const hasMore = rows.length > page.size;
  const pageRows = rows.slice(0, page.size);
  const forward = page.direction === "forward";
  if (!forward) {
    pageRows.reverse();
  }
  const hasCursor = page.cursor !== undefined;
  // A first page that holds the whole list knows its total: no count statement for short lists.
  const complete = !hasCursor && !hasMore;
  return {
    rows: pageRows,
    keys,
    hasNextPage: forward ? hasMore : hasCursor,
    hasPreviousPage: forward ? hasCursor : hasMore,
    countTotal: complete ? async () => pageRows.length : countTotal,
  };
}

function lazyOnce<Value>(compute: () => Promise<Value>): () => Promise<Value> {
  let result: Promise<Value> | undefined;
  return () => (result ??= compute());
}
