import { internalCaller, TestApp } from "../support/test-app";
import { CursorPool, ListKind } from "./generated-list-arguments";

const lists: Readonly<Record<ListKind, { orderType: string; field: string; nested?: boolean }>> = {
  accounts: { orderType: "AccountSort", field: "accounts" },
  contacts: { orderType: "ContactSort", field: "contacts" },
  accountContacts: { orderType: "ContactSort", field: "contacts", nested: true },
  orders: { orderType: "OrderSort", field: "orders" },
  tickets: { orderType: "TicketSort", field: "tickets" },
};

/** Cursors of real pages, read through `app` once per list and orderBy: what a client takes from one page to ask for the next. */
export function cursorPoolOf(app: TestApp): CursorPool {
  const found = new Map<string, Promise<string[]>>();
  const read = async (kind: ListKind, orderBy: unknown): Promise<string[]> => {
    const { orderType, field, nested } = lists[kind];
    const list = `${field}(first: 100, orderBy: $orderBy) { edges { cursor } }`;
    const query = `query CursorPool($orderBy: [${orderType}!]) { ${nested ? `accounts(first: 100) { nodes { ${list} } }` : list} }`;
    const result = await app.executeText<Record<string, unknown>>(query, { orderBy }, internalCaller);
    const connections = nested
      ? ((result.data?.accounts as { nodes: Array<Record<string, unknown>> } | undefined)?.nodes ?? []).map((node) => node[field])
      : [result.data?.[field]];
    return connections.flatMap((connection) => ((connection as { edges?: Array<{ cursor: string }> } | undefined)?.edges ?? []).map((edge) => edge.cursor));
  };
  return {
    cursors(kind, orderBy) {
      const key = `${kind} ${JSON.stringify(orderBy)}`;
      if (!found.has(key)) found.set(key, read(kind, orderBy));
      return found.get(key)!;
    },
  };
}
