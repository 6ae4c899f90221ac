import { GraphQLSchema, parse, validate } from "graphql";
import { defaultLimitsByRole, LimitsByRole } from "../../src/access/query-limits";
import { maxDepthRule } from "../../src/access/query-depth";
import { Role } from "../../src/access/roles";
import { Account360ListDocument } from "../generated/graphql";
import { createAccount, createContact, createOrder, createPartner, createTicket } from "../support/factories";
import { readmeQuery } from "../support/readme-queries";
import { partnerCaller, startTestApp, testSchema, TestApp } from "../support/test-app";

/** The depth the rule finds, read from its refusal at a limit of 0. */
function depthOf(schema: GraphQLSchema, query: string): number {
  const [error] = validate(schema, parse(query), [maxDepthRule(0)]);
  return Number(/found (\d+)\.$/.exec(error?.message ?? "")?.[1] ?? 0);
}

describe("query depth: a connection's edges { node } is one level, as its nodes is", () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await testSchema();
  });

  test.each([
    ["a list read through nodes", "{ accounts { nodes { name } } }", 3],
    ["the same list read through edges { node }", "{ accounts { edges { node { name } } } }", 3],
    ["an edge's cursor", "{ accounts { edges { cursor } } }", 3],
    ["a page's information", "{ accounts { pageInfo { hasNextPage } } }", 3],
    ["a page of a page through edges", "{ accounts { edges { node { orders { edges { node { total { amount } } } } } } } }", 6],
    ["a page of a page through nodes", "{ accounts { nodes { orders { nodes { total { amount } } } } } }", 6],
    ["the root node(id), which is no edge's node", '{ node(id: "x") { ... on Account { name } } }', 2],
    ["a list under node(id)", '{ node(id: "x") { ... on Account { contacts { edges { node { id } } } } } }', 4],
    ["introspection, not counted", "{ __schema { types { fields { type { ofType { ofType { name } } } } } } }", 0],
  ])("when a document asks for %s, then its depth is what a client reads", (_case, query, depth) => {
    expect(depthOf(schema, query)).toBe(depth);
  });

  test("when the README's Account360 is measured, then it is 6 deep (account > orders > edges { node } > lines > unitPrice > amount)", () => {
    expect(depthOf(schema, readmeQuery("Account360"))).toBe(6);
  });

  test.each([
    ["named fragments on the edge", "fragment E on ContactEdge { node { account { name } } } { accounts { edges { node { contacts { edges { ...E } } } } } }"],
    ["inline fragments on the edge", "{ accounts { edges { node { contacts { edges { ... on ContactEdge { node { account { name } } } } } } } } }"],
    ["inline fragments without a type", "{ accounts { edges { ... { node { contacts { edges { ... { node { account { name } } } } } } } } } }"],
    [
      "nested named fragments",
      "fragment A on Account { contacts { edges { ...C } } } fragment C on ContactEdge { node { account { name } } } { accounts { edges { node { ...A } } } }",
    ],
  ])("when the depth is written through %s, then it counts as written out", (_case, query) => {
    expect(depthOf(schema, query)).toBe(depthOf(schema, "{ accounts { edges { node { contacts { edges { node { account { name } } } } } } } }"));
    expect(depthOf(schema, query)).toBe(6);
  });

  test("when one fragment is spread at two depths, then the deeper spread counts", () => {
    const query = "fragment N on Account { name } { accounts { nodes { ...N contacts { nodes { account { ...N } } } } } }";
    expect(depthOf(schema, query)).toBe(depthOf(schema, "{ accounts { nodes { name contacts { nodes { account { name } } } } } }"));
    expect(depthOf(schema, query)).toBe(6);
  });

  test("when only node fields of edges are discounted, then a field named node elsewhere counts and edges still count", () => {
    // Each real hop into another object costs its level: edges { node { ... edges { node ... } } } cannot nest for free.
    const deep = "{ accounts { edges { node { contacts { edges { node { account { contacts { edges { node { id } } } } } } } } } } }";
    expect(depthOf(schema, deep)).toBe(8);
  });

  test("when a document is within the limit or over it, then the rule refuses over it only, with the limit and the depth found", () => {
    const query = "{ accounts { edges { node { orders { edges { node { total { amount } } } } } } } }";
    expect(validate(schema, parse(query), [maxDepthRule(6)])).toEqual([]);
    expect(validate(schema, parse(query), [maxDepthRule(5)]).map((error) => error.message)).toEqual(["Query depth limit of 5 exceeded, found 6."]);
  });
});

describe("query depth for partners, through the server", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  async function partnerAccount() {
    const partner = await createPartner(app.dataSource);
    const account = await createAccount(app.dataSource, { partnerId: partner.id });
    await createContact(app.dataSource, account.id);
    await createOrder(app.dataSource, account.id);
    await createTicket(app.dataSource, account.id);
    return { partner, account };
  }

  test("when a partner sends the README's Account360 within its cost, then it runs in full", async () => {
    const { partner, account } = await partnerAccount();
    // Ten orders of up to 100 lines each cost 5,000 points, over a partner's 1,000: this checks the depth alone.
    const limits: LimitsByRole = { ...defaultLimitsByRole, [Role.PARTNER]: { ...defaultLimitsByRole[Role.PARTNER], cost: 100_000, rateLimit: null } };
    const roomy = await startTestApp({ limits, policies: app.policies });
    try {
      const result = await roomy.executeText(readmeQuery("Account360"), { id: account.globalId }, partnerCaller(partner));
      expect(result.errors).toBeUndefined();
      expect(result.data).toMatchObject({ account: { name: account.name, orders: { totalCount: 1 } } });
    } finally {
      await roomy.close();
    }
  });

  test("when a partner sends the README's Account360 with its shipped limits, then only its cost can refuse it, never its depth", async () => {
    const { partner, account } = await partnerAccount();
    const result = await app.executeText(readmeQuery("Account360"), { id: account.globalId }, partnerCaller(partner));
    expect(result.errors?.map((error) => error.extensions?.code)).toEqual(["MAX_COST_EXCEEDED"]);
    const oneOrder = readmeQuery("Account360").replace("orders(first: 10,", "orders(first: 1,");
    const fitting = await app.executeText(oneOrder, { id: account.globalId }, partnerCaller(partner));
    expect(fitting.errors).toBeUndefined();
    expect(fitting.data).toMatchObject({ account: { name: account.name } });
  });

  test("when a partner reads the 360° list of test/graph (edges { node } twice over), then it is not refused", async () => {
    const { partner } = await partnerAccount();
    const result = await app.execute(Account360ListDocument, { first: 2, ordersPerAccount: 2 }, partnerCaller(partner));
    expect(result.errors).toBeUndefined();
    expect(result.data?.accounts.edges).toHaveLength(1);
  });

  test.each([
    ["through edges { node }", "{ accounts(first: 1) { edges { node { contacts(first: 1) { edges { node { account { name } } } } } } } }", 6, false],
    [
      "one level past the limit through edges { node }",
      "{ accounts(first: 1) { edges { node { contacts(first: 1) { edges { node { account { contacts(first: 1) { totalCount } } } } } } } } }",
      7,
      true,
    ],
    [
      "past the limit through fragments on edges",
      "fragment E on ContactEdge { node { account { contacts(first: 1) { totalCount } } } } { accounts(first: 1) { edges { node { contacts(first: 1) { edges { ...E } } } } } }",
      7,
      true,
    ],
    [
      "past the limit through inline fragments",
      "{ accounts(first: 1) { edges { ... on AccountEdge { node { ... on Account { contacts(first: 1) { edges { node { ... on Contact { account { contacts(first: 1) { totalCount } } } } } } } } } } } }",
      7,
      true,
    ],
  ])("when a partner nests %s, then the limit of 6 holds", async (_case, query, depth, refused) => {
    const { partner } = await partnerAccount();
    app.statements.reset();
    const result = await app.executeText(query, undefined, partnerCaller(partner));
    if (refused) {
      expect(result.errors?.map((error) => [error.extensions?.code, error.message])).toEqual([
        ["MAX_DEPTH_EXCEEDED", `Query depth limit of 6 exceeded, found ${depth}.`],
      ]);
      expect(result.http.status).toBe(400);
      expect(app.statements.count).toBe(0);
    } else {
      expect(result.errors).toBeUndefined();
    }
  });
});
