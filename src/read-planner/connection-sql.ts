import { ObjectLiteral } from "typeorm";
import { orderByKeys, orderBySql, whereAfterCursor } from "../shared/pagination/keyset";
import { ListQuery } from "../access/scoped-page-query";
import { FieldRequest, requestedFields } from "./requested-fields";
import { jsonObjectSql, objectTypeOf, plannedMarker } from "./object-sql";
import { NotPlannable, PlanContext } from "./plan-context";
import { cursorSql } from "./sql-formats";

/** Writes a node of the list over its row alias (the node field's request gives its selection). */
export type NodeSql = (request: FieldRequest, row: string) => string;

/**
 * A connection as one SQL expression: the page's rows read as `fetchPage` reads them (the list's
 * own filtered query, keyset condition, ordering and one row more than the page), each written as
 * JSON, then gathered with the page information, cursors and total asked for. `correlate` ties a
 * nested list to its parent row (e.g. an account's contacts).
 */
export function connectionSql<Entity extends ObjectLiteral>(
  list: ListQuery<Entity>,
  request: FieldRequest,
  plan: PlanContext,
  nodeSql: NodeSql,
  correlate?: (alias: string) => string,
): string {
  const { keys, page } = list;
  const alias = plan.alias("listed");
  const parts = requestedFields(plan, objectTypeOf(request), request.nodes);
  const filtered = () => {
    const query = list.filtered(plan.manager, alias);
    return correlate ? query.andWhere(correlate(alias)) : query;
  };

  const rows = filtered();
  whereAfterCursor(rows, alias, keys, page);
  rows.select(`row_number() OVER (ORDER BY ${orderBySql(alias, keys, page)})`, "position");
  const nodes = parts.get("nodes");
  if (nodes) rows.addSelect(nodeSql(nodes, alias), "node");
  const edges = parts.get("edges");
  if (edges) rows.addSelect(edgeSql(edges, alias, plan, nodeSql, cursorSql(keys, alias)), "edge");
  const pageInfo = parts.get("pageInfo");
  if (pageInfo) rows.addSelect(cursorSql(keys, alias), "cursor");
  orderByKeys(rows, alias, keys, page).limit(page.size + 1);
  plan.adoptParameters(rows.getParameters());

  const forward = page.direction === "forward";
  const inPage = `FILTER (WHERE page.position <= ${page.size})`;
  const order = `ORDER BY page.position ${forward ? "ASC" : "DESC"}`;
  const fields = [`'${plannedMarker}', true`];
  if (nodes) fields.push(`'nodes', coalesce(json_agg(page.node ${order}) ${inPage}, '[]'::json)`);
  if (edges) fields.push(`'edges', coalesce(json_agg(page.edge ${order}) ${inPage}, '[]'::json)`);
  if (pageInfo) fields.push(`'pageInfo', ${pageInfoSql(pageInfo, plan, page.size, forward, page.cursor !== undefined)}`);
  if (parts.has("totalCount")) fields.push(`'totalCount', ${totalCountSql(filtered(), plan)}`);
  for (const name of parts.keys()) {
    if (!["nodes", "edges", "pageInfo", "totalCount"].includes(name)) throw new NotPlannable(`connection field ${name}`);
  }
  // The page's rows are read only when a field needs them; GROUP BY () makes the object one row even
  // when no field aggregates them (pageInfo { __typename }), and when the page is empty.
  const fromPage = nodes || edges || pageInfo ? ` FROM (${rows.getQuery()}) page GROUP BY ()` : "";
  return `(SELECT json_build_object(${fields.join(", ")})${fromPage})`;
}

function edgeSql(request: FieldRequest, alias: string, plan: PlanContext, nodeSql: NodeSql, cursor: string): string {
  return jsonObjectSql(objectTypeOf(request), request.nodes, plan, (field) => {
    if (field.name === "cursor") return cursor;
    if (field.name === "node") return nodeSql(field, alias);
    throw new NotPlannable(`edge field ${field.name}`);
  });
}

/** `toPage`: one row more than the page means another page; a cursor means a page before (or after, backward). */
function pageInfoSql(request: FieldRequest, plan: PlanContext, size: number, forward: boolean, hasCursor: boolean): string {
  const hasMore = `count(*) > ${size}`;
  const cursorAt = (direction: "ASC" | "DESC") => `(array_agg(page.cursor ORDER BY page.position ${direction}) FILTER (WHERE page.position <= ${size}))[1]`;
  return jsonObjectSql(objectTypeOf(request), request.nodes, plan, (field) => {
    switch (field.name) {
      case "hasNextPage":
        return forward ? hasMore : String(hasCursor);
      case "hasPreviousPage":
        return forward ? String(hasCursor) : hasMore;
      case "startCursor":
        return cursorAt(forward ? "ASC" : "DESC");
      case "endCursor":
        return cursorAt(forward ? "DESC" : "ASC");
      default:
        throw new NotPlannable(`pageInfo field ${field.name}`);
    }
  });
}

/** Every row of the list, all pages: the filtered query without its keyset condition. */
function totalCountSql<Entity extends ObjectLiteral>(counted: ReturnType<ListQuery<Entity>["filtered"]>, plan: PlanContext): string {
  counted.select("count(*)::int", "total");
  plan.adoptParameters(counted.getParameters());
  return `(${counted.getQuery()})`;
}
