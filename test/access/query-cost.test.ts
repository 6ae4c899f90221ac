import { GraphQLSchema, parse, print, validate } from "graphql";
import { cachedQueryCost, queryCost } from "../../src/access/query-cost";
import { createSeededFaker, SeededRandom } from "../../src/seed/seeded-random";
import { buildCustomerGraphSchema } from "../../src/schema";

type VariableKind = "page" | "flag" | "search" | "filter";

/** How each kind of variable may be declared: with and without defaults, nullable or not. */
const declarations: Record<VariableKind, string[]> = {
  page: ["Int", "Int", "Int = 5", "Int = 100", "Int!"],
  flag: ["Boolean!", "Boolean = true", "Boolean = false", "Boolean! = true"],
  search: ["String", `String = "acme"`],
  filter: ["AccountFilter", `AccountFilter = { search: "acme" }`],
};

/** Values a client may send; few page sizes, so that requests often share them and differ elsewhere. */
const values: Record<VariableKind, unknown[]> = {
  page: [1, 5, 100],
  flag: [true, false],
  search: ["a", "acme"],
  filter: [{ search: "a" }, { status: ["ACTIVE"] }, {}],
};

/** `(a, b)` of the arguments given, nothing when none is. */
function argumentList(...parts: string[]): string {
  const given = parts.filter(Boolean);
  return given.length > 0 ? `(${given.join(", ")})` : "";
}

/** One random operation over accounts, orders and contacts, with its own fragments and variables. */
class OperationWriter {
  readonly variables = new Map<string, { kind: VariableKind; declaration: string }>();
  private readonly fragments: string[] = [];
  private aliases = 0;

  constructor(
    private readonly random: SeededRandom,
    readonly name: string,
  ) {}

  write(): string {
    const roots = Array.from({ length: this.random.integerBetween(1, 2) }, () => (this.random.chance(0.7) ? this.accounts() : this.orders()));
    const variables = [...this.variables].map(([name, { declaration }]) => `$${name}: ${declaration}`);
    const header = variables.length > 0 ? `(${variables.join(", ")})` : "";
    return [`query ${this.name}${header} { ${roots.join(" ")} }`, ...this.fragments].join("\n");
  }

  private accounts(): string {
    const filter = this.oneOf(
      () => "",
      () => `filter: { search: ${this.variable("search")} }`,
      () => `filter: ${this.variable("filter")}`,
      () => `filter: { search: "x" }`,
    );
    return `${this.alias()}: accounts${argumentList(this.pageArgument(), filter)}${this.directives()} { ${this.connection("AccountConnection", () => this.account())} }`;
  }

  private orders(): string {
    return `${this.alias()}: orders${argumentList(this.pageArgument())}${this.directives()} { ${this.connection("OrderConnection", () => this.order())} }`;
  }

  private account(): string {
    const parts = ["name"];
    if (this.random.chance(0.6)) parts.push(this.orders());
    if (this.random.chance(0.4)) {
      const search = this.oneOf(
        () => "",
        () => `filter: { search: ${this.variable("search")} }`,
      );
      parts.push(`${this.alias()}: contacts${argumentList(this.pageArgument(), search)}${this.directives()} { nodes { firstName } }`);
    }
    if (this.random.chance(0.3)) parts.push(`... on Account${this.directives()} { industry }`);
    return parts.join(" ");
  }

  private order(): string {
    const parts = ["id"];
    if (this.random.chance(0.5)) parts.push(`total${this.directives()} { amount }`);
    if (this.random.chance(0.5)) parts.push(`lines${this.directives()} { product quantity }`);
    return parts.join(" ");
  }

  /** The connection's own fields: a count, the page info, and the items, directly or through fragments. */
  private connection(type: string, item: () => string): string {
    const parts = [this.random.chance(0.5) ? `nodes${this.directives()} { ${item()} }` : `edges { cursor node { ${item()} } }`];
    if (this.random.chance(0.4)) parts.push(`totalCount${this.directives()}`);
    if (this.random.chance(0.3)) parts.push(`pageInfo { hasNextPage }`);
    if (this.random.chance(0.4)) parts.push(`...${this.fragment(type, this.random.chance(0.5) ? "totalCount" : `nodes { ${item()} }`)}${this.directives()}`);
    return parts.join(" ");
  }

  private fragment(type: string, selection: string): string {
    const name = `${this.name}Part${this.fragments.length}`;
    this.fragments.push(`fragment ${name} on ${type} { ${selection} }`);
    return name;
  }

  private pageArgument(): string {
    return this.oneOf(
      () => "",
      () => `first: ${this.random.pick([1, 10, 100])}`,
      () => `first: ${this.variable("page")}`,
      () => `last: ${this.variable("page")}`,
    );
  }

  private directives(): string {
    return this.oneOf(
      () => "",
      () => "",
      () => "",
      () => "",
      () => ` @include(if: ${this.variable("flag")})`,
      () => ` @include(if: ${this.variable("flag")})`,
      () => ` @skip(if: ${this.variable("flag")})`,
      () => ` @skip(if: ${this.variable("flag")})`,
      () => " @include(if: false)",
      () => " @skip(if: true)",
    );
  }

  /** A variable of that kind: often one already declared, so that one value steers several places. */
  private variable(kind: VariableKind): string {
    const declared = [...this.variables].filter(([, variable]) => variable.kind === kind).map(([name]) => name);
    if (declared.length > 0 && this.random.chance(0.6)) return `$${this.random.pick(declared)}`;
    const name = `${kind}${this.variables.size}`;
    this.variables.set(name, { kind, declaration: this.random.pick(declarations[kind]) });
    return `$${name}`;
  }

  /** One of the options, written only when chosen: a variable is declared only where it is used. */
  private oneOf(...options: Array<() => string>): string {
    return this.random.pick(options)();
  }

  private alias(): string {
    return `field${this.aliases++}`;
  }
}

/** Each variable omitted, null, a value of its type, or now and then a value that does not fit. */
function randomVariables(random: SeededRandom, writers: OperationWriter[]): Record<string, unknown> {
  const variables: Record<string, unknown> = {};
  for (const writer of writers) {
    for (const [name, { kind }] of writer.variables) {
      const draw = random.fraction();
      if (draw < 0.2) continue;
      if (draw < 0.3) variables[name] = null;
      else if (draw < 0.32) variables[name] = "not of its type";
      else variables[name] = random.pick(values[kind]);
    }
  }
  return variables;
}

/** The cost, or the message of the error that says it cannot be computed. */
function outcome(compute: () => number | undefined): number | string | undefined {
  try {
    return compute();
  } catch (error) {
    return (error as Error).message;
  }
}

describe("the cost of a document, computed before it runs", () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await buildCustomerGraphSchema();
  });

  const cost = (query: string, variables?: Record<string, unknown>) => queryCost(schema, parse(query), undefined, variables);

  test("when random documents are costed with random variables, then the remembered cost always equals a fresh computation", () => {
    const random = new SeededRandom(createSeededFaker(20_260_705));
    let comparisons = 0;
    let documentsWhoseVariablesChangeTheCost = 0;
    for (let index = 0; index < 40; index++) {
      const writers = Array.from({ length: random.chance(0.3) ? 2 : 1 }, (_, operation) => new OperationWriter(random, `Operation${index}x${operation}`));
      const document = parse(writers.map((writer) => writer.write()).join("\n"));
      expect(validate(schema, document)).toEqual([]);
      const costs = new Set<unknown>();
      for (let request = 0; request < 10; request++) {
        const operationName = writers.length > 1 || random.chance(0.5) ? random.pick(writers).name : undefined;
        const variables = randomVariables(random, writers);
        const remembered = outcome(() => cachedQueryCost(schema, document, operationName, variables));
        const fresh = outcome(() => queryCost(schema, parse(print(document)), operationName, variables));
        expect({ document: print(document), operationName, variables, cost: remembered }).toEqual({
          document: print(document),
          operationName,
          variables,
          cost: fresh,
        });
        if (typeof fresh === "number") costs.add(fresh);
        comparisons++;
      }
      if (costs.size > 1) documentsWhoseVariablesChangeTheCost++;
    }
    expect(comparisons).toBe(400);
    // Most documents cost differently from one request to the next: a stale cost would show.
    expect(documentsWhoseVariablesChangeTheCost).toBeGreaterThan(30);
  });

  test("when @include or @skip turns a list on, then it is counted; off, then it is not", () => {
    const big = `query Big($big: Boolean!) { accounts(first: 100) { nodes { name orders(first: 100) @include(if: $big) { nodes { id total { amount } } } } } }`;
    expect(cost(big, { big: false })).toBe(201);
    expect(cost(big, { big: true })).toBe(40_301);
    const skipped = `query Small($small: Boolean!) { accounts(first: 100) { nodes { name ...Orders @skip(if: $small) } } } fragment Orders on Account { orders(first: 100) { nodes { id total { amount } } } }`;
    expect(cost(skipped, { small: true })).toBe(201);
    expect(cost(skipped, { small: false })).toBe(40_301);
  });

  test("when a variable with a default is omitted, then it counts at its default; sent as null, then as no page size", () => {
    const paged = `query Paged($n: Int = 100) { accounts(first: $n) { nodes { id } } }`;
    expect(cost(paged, {})).toBe(201);
    expect(cost(paged, { n: null })).toBe(41);
  });

  test("when a list pages backward, then it counts at `last`, not at the default `first` the schema fills in", () => {
    expect(cost(`{ accounts(last: 100) { nodes { id } } }`)).toBe(201);
    expect(cost(`{ accounts(last: 5) { nodes { id } } }`)).toBe(11);
    expect(cost(`query Back($n: Int) { accounts(last: $n) { nodes { id } } }`, { n: 100 })).toBe(201);
    expect(cost(`query Before($cursor: String) { accounts(before: $cursor) { nodes { id } } }`, { cursor: "x" })).toBe(41);
    expect(cost(`{ accounts { nodes { id } } }`)).toBe(41);
  });

  test("when an order's lines are asked for, then they count at the most lines an order may have (100)", () => {
    expect(cost(`{ orders(first: 5) { nodes { lines { product quantity } } } }`)).toBe(1 + 5 * (1 + 1 + 100 * 2));
  });

  test("when totalCount is asked for, then it costs 20 points once per connection, whatever the page size", () => {
    expect(cost(`{ accounts(first: 1) { totalCount } }`)).toBe(21);
    expect(cost(`{ accounts(first: 100) { totalCount count: totalCount } }`)).toBe(41);
    const counted = `query Counted($count: Boolean!) { accounts(first: 100) { ...Count @include(if: $count) } } fragment Count on AccountConnection { totalCount }`;
    expect(cost(counted, { count: true })).toBe(21);
    expect(cost(counted, { count: false })).toBe(1);
  });

  test("when a list is searched by text, then the search adds 20 points, from a literal or a variable", () => {
    expect(cost(`{ accounts(first: 5) { nodes { id } } }`)).toBe(11);
    expect(cost(`{ accounts(first: 5, filter: { search: "acme" }) { nodes { id } } }`)).toBe(31);
    expect(cost(`query Find($filter: AccountFilter) { accounts(first: 5, filter: $filter) { nodes { id } } }`, { filter: { search: "acme" } })).toBe(31);
    expect(cost(`query Find($filter: AccountFilter) { accounts(first: 5, filter: $filter) { nodes { id } } }`, { filter: { status: ["ACTIVE"] } })).toBe(11);
  });

  test("when a directive's condition is null where it may not be, then the cost cannot be computed and says why", () => {
    const document = `query Flagged($flag: Boolean = true) { accounts(first: 100) { nodes { name orders(first: 100) @include(if: $flag) { nodes { id } } } } }`;
    expect(() => cost(document, { flag: null })).toThrow(/Argument "if" of non-null type "Boolean!" must not be null/);
  });
});
