import { SeededRandom } from "../../src/seed/seeded-random";
import { encodeGlobalId } from "../../src/shared/global-id";
import { DifferentialGraph } from "./differential-graph";
import { EnumValue, toJson, Value } from "./generated-values";

/** The lists whose cursors differ: an account's contacts default to another order than all contacts. */
export type ListKind = "accounts" | "contacts" | "accountContacts" | "orders" | "tickets";

/** Cursors of real pages, by list and orderBy (as variables' JSON; null for the default order). */
export interface CursorPool {
  cursors(kind: ListKind, orderBy: unknown): Promise<string[]>;
}

const orderFields: Record<ListKind, string[]> = {
  accounts: ["NAME", "CUSTOMER_SINCE", "CREATED_AT", "LOYALTY_POINTS"],
  contacts: ["NAME", "CREATED_AT", "IS_PRIMARY"],
  accountContacts: ["NAME", "CREATED_AT", "IS_PRIMARY"],
  orders: ["PLACED_AT", "TOTAL"],
  tickets: ["OPENED_AT", "SEVERITY", "PRIORITY", "FIRST_RESPONSE_DUE_AT"],
};

const base64Url = (text: string) => Buffer.from(text).toString("base64url");

/** Cursors no list made: not base64, not JSON, the wrong shape, values of the wrong kind. */
const garbageCursors = [
  "",
  "garbage",
  "!!!",
  base64Url("not json"),
  base64Url('{"o":"NAME:ASC,ID:ASC","v":[]}'),
  base64Url('{"o":"NAME:ASC,ID:ASC","v":["Acme","not-a-uuid"]}'),
  base64Url('{"o":"PLACED_AT:DESC,ID:DESC","v":["yesterday","00000000-0000-0000-0000-000000000000"]}'),
  base64Url('{"o":"OPENED_AT:DESC,ID:DESC","v":["2024-06-01T09:00:00.000Z","00000000-0000-0000-0000-000000000000"]}'),
  base64Url('{"o":"LAST_NAME:ASC,FIRST_NAME:ASC,ID:ASC","v":["Smith\\"","Ada","ffffffff-ffff-ffff-ffff-ffffffffffff"]}'),
  base64Url('{"o":"IS_PRIMARY:DESC,LAST_NAME:DESC,FIRST_NAME:DESC,ID:DESC","v":[1,"Zz","Zz","00000000-0000-0000-0000-000000000000"]}'),
];

/** Page arguments, filter and orderBy of one list field, valid or not, as a client might send them. */
export class ListArgumentGenerator {
  constructor(
    private readonly random: SeededRandom,
    private readonly graph: DifferentialGraph,
    private readonly cursors: CursorPool,
  ) {}

  async generate(kind: ListKind, filterType: string, pageSizes: readonly number[]): Promise<Record<string, Value>> {
    const values: Record<string, Value> = {};
    const orderBy = this.orderBy(kind);
    if (orderBy !== undefined) values.orderBy = orderBy;
    if (this.random.chance(0.45)) values.filter = this.filter(filterType);
    await this.page(values, kind, orderBy ?? null, pageSizes);
    return values;
  }

  private orderBy(kind: ListKind): Value | undefined {
    const draw = this.random.fraction();
    if (draw < 0.35) return undefined;
    if (draw < 0.4) return null;
    if (draw < 0.43) return [];
    const fields = [...orderFields[kind]];
    const count = this.random.integerBetween(1, Math.min(3, fields.length));
    const chosen = Array.from({ length: count }, () => fields.splice(Math.floor(this.random.fraction() * fields.length), 1)[0]);
    if (this.random.chance(0.04)) chosen.push(chosen[0]);
    const orders = chosen.map((field): Value => {
      const direction = this.random.pick([undefined, "ASC", "DESC", "DESC"]);
      return direction === undefined ? { field: new EnumValue(field) } : { field: new EnumValue(field), direction: new EnumValue(direction) };
    });
    // GraphQL takes one item where a list is expected.
    return orders.length === 1 && this.random.chance(0.15) ? orders[0] : orders;
  }

  /** first/after forward, last/before backward, their mixtures (refused), sizes at and beyond the limits. */
  private async page(values: Record<string, Value>, kind: ListKind, orderBy: Value, pageSizes: readonly number[]): Promise<void> {
    const size = () => (this.random.chance(0.08) ? this.random.pick([0, 101, -1, null]) : this.random.pick(pageSizes));
    const cursor = () => this.cursor(kind, orderBy);
    const draw = this.random.fraction();
    if (draw < 0.2) return;
    if (draw < 0.45) values.first = size();
    else if (draw < 0.62) Object.assign(values, { first: size(), after: await cursor() });
    else if (draw < 0.72) values.last = size();
    else if (draw < 0.84) Object.assign(values, { last: size(), before: await cursor() });
    else if (draw < 0.88) values.before = await cursor();
    else if (draw < 0.91) values.after = await cursor();
    else {
      const mixture = this.random.pick([
        async () => ({ first: size(), last: size() }),
        async () => ({ after: await cursor(), before: await cursor() }),
        async () => ({ first: size(), before: await cursor() }),
        async () => ({ last: size(), after: await cursor() }),
      ]);
      Object.assign(values, await mixture());
    }
  }

  /** Mostly a cursor of the same list and order; sometimes one of another order, or garbage. */
  private async cursor(kind: ListKind, orderBy: Value): Promise<Value> {
    const draw = this.random.fraction();
    if (draw < 0.1) return this.random.pick(garbageCursors);
    const otherOrder = draw < 0.2;
    const sourceKind = otherOrder ? this.random.pick(Object.keys(orderFields) as ListKind[]) : kind;
    const sourceOrder = otherOrder ? (this.orderBy(sourceKind) ?? null) : orderBy;
    const found = await this.cursors.cursors(sourceKind, toJson(sourceOrder));
    if (found.length === 0) return this.random.pick(garbageCursors);
    const position = this.random.pick(["first", "last", "any", "any"]);
    if (position === "first") return found[0];
    if (position === "last") return found[found.length - 1];
    return this.random.pick(found);
  }

  private filter(filterType: string): Value {
    if (this.random.chance(0.04)) return null;
    const makers = this.filterMakers()[filterType];
    if (!makers) throw new Error(`No filter values for ${filterType}`);
    const names = Object.keys(makers);
    const filter: Record<string, Value> = {};
    const count = this.random.pick([1, 1, 1, 2, 2, 3]);
    for (let index = 0; index < count; index++) {
      const name = this.random.pick(names);
      filter[name] = this.random.chance(0.05) ? null : makers[name]();
    }
    return filter;
  }

  private filterMakers(): Record<string, Record<string, () => Value>> {
    const { random, graph } = this;
    const some = (values: readonly string[], enums: boolean): Value => {
      if (random.chance(0.1)) return enums ? new EnumValue(random.pick(values)) : random.pick(values);
      const chosen = values.filter(() => random.chance(0.4));
      return enums ? chosen.map((value) => new EnumValue(value)) : chosen;
    };
    const enumValues = (values: readonly string[]) => () => some(values, true);
    const ids = (typeName: "Account" | "Contact" | "Partner" | "AccountManager", known: readonly { globalId: string }[]) => () =>
      random.pick([
        ...known.map((row) => row.globalId),
        "bad id",
        encodeGlobalId(typeName, random.uuid()),
        encodeGlobalId(typeName === "Account" ? "Contact" : "Account", graph.accounts[0].id),
        encodeGlobalId(typeName, (known[0] as unknown as { id: string }).id.toUpperCase()),
      ]);
    const dateRange = (dates: readonly (string | null)[]) => () => ({ from: random.pick(dates), to: random.pick(dates) });
    const instants = [
      "2024-01-01T00:00:00Z",
      "2024-03-03T03:03:03.333Z",
      "2024-03-03T04:03:03.333+01:00",
      "2024-06-05T09:00:00.123Z",
      "2030-01-01T00:00:00.000Z",
      null,
    ];
    const tiny = (values: readonly Value[]) => () => random.pick(values);
    const partners = Object.values(graph.partners);
    return {
      AccountFilter: {
        search: tiny(["acme", "ACME", "%", "_", "ö", "\\", "🚀", "zz-none", "", "x".repeat(201), "'", '"', "é", "istanbul", "İ"]),
        industry: tiny([["Retail"], ["Software", "Energy"], ["Nope"], []]),
        region: enumValues(["NORTH_AMERICA", "LATIN_AMERICA", "EUROPE", "MIDDLE_EAST_AFRICA", "ASIA_PACIFIC"]),
        status: enumValues(["ACTIVE", "CHURNED", "PROSPECT"]),
        partnerId: ids("Partner", partners),
        accountManagerId: ids("AccountManager", graph.accountManagers),
        customerSince: dateRange(["2024-01-01", "2024-02-15", "2025-01-01", null]),
        tier: tiny([["gold"], ["platinum", "bronze"], ["silver"], ["nope"], []]),
        lifecycleStage: tiny([["active"], ["prospect", "churned"], ["new", "loyal", "at_risk"], ["nope"]]),
        retentionRisk: tiny([["low"], ["high", "medium"], ["nope"]]),
      },
      ContactFilter: {
        accountId: ids("Account", graph.accounts),
        role: enumValues(["BUYER", "DECISION_MAKER", "TECHNICAL", "USER"]),
        search: tiny(["smith", "ADA", "example", "%", "_", "'", "Æ", "", "x@y", "navy", "zoë"]),
        isPrimary: tiny([true, false]),
        marketingConsent: tiny([true, false]),
      },
      OrderFilter: {
        status: enumValues(["PENDING", "PAID", "SHIPPED", "DELIVERED", "CANCELLED", "RETURNED"]),
        placedAt: dateRange(instants),
        total: () => ({ min: random.pick([0, 1, 1000, 5_000_000, null]), max: random.pick([0, 999, 100_000, 9_007_199_254_740_991, null]) }),
        currency: tiny(["JPY", "EUR", "BHD", "USD", "XXX"]),
        accountId: ids("Account", graph.accounts),
      },
      TicketFilter: {
        status: enumValues(["OPEN", "PENDING", "RESOLVED", "CLOSED"]),
        category: enumValues(["QUESTION", "REQUEST", "INCIDENT", "COMPLAINT", "RETURN"]),
        severity: enumValues(["LOW", "MEDIUM", "HIGH", "CRITICAL"]),
        channel: enumValues(["EMAIL", "PHONE", "CHAT", "WEB", "SOCIAL", "PARTNER"]),
        openedAt: dateRange(instants),
        accountId: ids("Account", graph.accounts),
        contactId: ids("Contact", graph.contacts),
        open: tiny([true, false]),
      },
    };
  }
}
