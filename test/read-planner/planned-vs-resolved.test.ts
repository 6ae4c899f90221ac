import { GraphQLSchema } from "graphql";
import { rolesFor } from "../../src/access/role-guard";
import { roleRules } from "../../src/access/role-rules";
import { roles } from "../../src/access/roles";
import { defaultLimitsByRole, LimitsByRole } from "../../src/access/query-limits";
import { Caller, Role } from "../../src/access/roles";
import { logger } from "../../src/logging/logger";
import { plannedMarker } from "../../src/read-planner/object-sql";
import { buildCustomerGraphSchema } from "../../src/schema";
import { IsolatedDatabase, openIsolatedDatabase } from "../support/isolated-database";
import { ExecutionResult, internalCaller, partnerCaller, startTestApp, TestApp } from "../support/test-app";
import { DifferentialGraph, seedDifferentialGraph } from "./differential-graph";
import { CallerName, CorpusDocument, generateCorpus } from "./document-generator";
import { cursorPoolOf } from "./cursor-pool";
import { edgeCaseDocuments } from "./edge-case-documents";
import { testQueryDocuments } from "./test-documents";

/** Rate limits would refuse a corpus this size; every other limit stays as it ships. */
/** No bucket and no cost ceiling: what is compared is the answers, and a refused document compares nothing. */
const limits = Object.fromEntries(
  Object.entries(defaultLimitsByRole).map(([role, roleLimits]) => [role, { ...roleLimits, rateLimit: null, cost: 100_000_000 }]),
) as unknown as LimitsByRole;

const generatedDocuments = 520;
const corpusSeed = 11_04;

/** What a client receives, but the request's own id (on internal errors only). */
function comparable(result: ExecutionResult<unknown>): string {
  const errors = result.errors?.map(({ extensions, ...error }) => {
    const { requestId: _requestId, ...rest } = extensions ?? {};
    return { ...error, extensions: rest };
  });
  return JSON.stringify({ data: result.data, errors });
}

/** Where two answers part, with some context, so that a failure shows the difference and not two pages of JSON. */
function firstDifference(planned: string, resolved: string): { planned: string; resolved: string } | undefined {
  if (planned === resolved) return undefined;
  let index = 0;
  while (planned[index] === resolved[index]) index++;
  const excerpt = (text: string) => `${index > 200 ? "…" : ""}${text.slice(Math.max(0, index - 200), index + 200)}`;
  return { planned: excerpt(planned), resolved: excerpt(resolved) };
}

interface Mismatch {
  document: string;
  caller: CallerName;
  query: string;
  variables: Record<string, unknown>;
  difference: { planned: string; resolved: string };
}

describe("the read planner answers as the resolvers do", () => {
  let database: IsolatedDatabase;
  let planned: TestApp;
  let resolved: TestApp;
  let graph: DifferentialGraph;
  let callers: Record<CallerName, Caller>;
  let resolverSchema: GraphQLSchema;

  beforeAll(async () => {
    database = await openIsolatedDatabase("read_planner_differential");
    // One connection each: the resolvers' loaders then answer in the order they ask, and errors from two
    // branches come out in one order; with more, the order is a race even between two runs of the resolvers.
    planned = await startTestApp({ databaseUrl: database.url, limits, database: { poolSize: 1 } });
    resolverSchema = await buildCustomerGraphSchema({ readPlanner: false });
    resolved = await startTestApp({ databaseUrl: database.url, limits, database: { poolSize: 1 }, schema: resolverSchema, policies: planned.policies });
    graph = await seedDifferentialGraph(planned.dataSource, planned.policies.current());
    callers = {
      internal: internalCaller,
      analyst: { ...internalCaller, keyPrefix: "cgk_analyst", keyName: "cgk_analyst", role: Role.ANALYST },
      partnerSharing: partnerCaller(graph.partners.sharing),
      partnerNotSharing: partnerCaller(graph.partners.notSharing),
      partnerEmailOnly: partnerCaller(graph.partners.emailOnly),
      partnerWithoutAccounts: partnerCaller(graph.partners.withoutAccounts),
    };
  }, 120_000);

  afterAll(async () => {
    await planned?.close();
    await resolved?.close();
    await database?.drop();
  });

  /** Runs each document for each of its callers on both servers, one after the other; returns the differences. */
  async function differences(documents: readonly CorpusDocument[]) {
    // A planned statement that fails is answered by the resolvers (and logged): the answers agree, but the planner has a bug.
    const warnings = jest.spyOn(logger, "warn");
    const mismatches: Mismatch[] = [];
    let runs = 0;
    let plannedRuns = 0;
    for (const document of documents) {
      for (const caller of document.callers) {
        planned.statements.reset();
        const plannedResult = await planned.executeText(document.query, document.variables, callers[caller]);
        if (planned.statements.statements.some((statement) => statement.includes(`'${plannedMarker}'`))) plannedRuns++;
        const resolvedResult = await resolved.executeText(document.query, document.variables, callers[caller]);
        runs++;
        const difference = firstDifference(comparable(plannedResult), comparable(resolvedResult));
        if (difference) mismatches.push({ document: document.name, caller, query: document.query, variables: document.variables, difference });
      }
    }
    const failedStatements = warnings.mock.calls
      .filter(([, message]) => String(message).startsWith("read planner"))
      .map((call) => JSON.stringify(call).slice(0, 500));
    warnings.mockRestore();
    return { mismatches, runs, plannedRuns, failedStatements };
  }

  /** One document on both servers: the planned server's statements, and where the answers differ (if they do). */
  async function onBothServers(query: string, variables: Record<string, unknown>, caller: Caller) {
    planned.statements.reset();
    const plannedResult = await planned.executeText(query, variables, caller);
    const plannedStatements = planned.statements.statements;
    resolved.statements.reset();
    const resolvedResult = await resolved.executeText(query, variables, caller);
    return {
      plannedResult,
      plannedStatements,
      resolvedStatements: resolved.statements.statements,
      difference: firstDifference(comparable(plannedResult), comparable(resolvedResult)),
    };
  }

  function expectNoMismatch(outcome: Awaited<ReturnType<typeof differences>>) {
    const shown = outcome.mismatches.slice(0, 3).map((mismatch) => JSON.stringify(mismatch, null, 2));
    expect({ mismatches: outcome.mismatches.length, first: shown, failedStatements: outcome.failedStatements.slice(0, 3) }).toEqual({
      mismatches: 0,
      first: [],
      failedStatements: [],
    });
  }

  test("when every query document of test/ runs for every caller, then the planned and the resolved answers are identical", async () => {
    const documents = testQueryDocuments(graph, Object.keys(callers) as CallerName[]);
    expect(documents.length).toBeGreaterThan(10);
    const outcome = await differences(documents);
    console.log(`test/ documents: ${documents.length} documents, ${outcome.runs} runs per path, ${outcome.plannedRuns} planned`);
    expectNoMismatch(outcome);
  });

  test("when documents written for the likeliest differences run (every value of every row, every ordering both ways, each account by id), then the answers are identical", async () => {
    const documents = edgeCaseDocuments(graph);
    const outcome = await differences(documents);
    console.log(`edge cases: ${documents.length} documents, ${outcome.runs} runs per path, ${outcome.plannedRuns} planned`);
    expectNoMismatch(outcome);
  });

  test(`when ${generatedDocuments} generated documents run for their callers, then the planned and the resolved answers are identical`, async () => {
    const started = Date.now();
    const documents = await generateCorpus(resolverSchema, graph, cursorPoolOf(resolved), generatedDocuments, corpusSeed);
    // The ranks beside the policies' strings are planned from the request's rule set: the corpus must ask for each.
    const rankFields = ["tierRank", "lifecycleStageRank", "riskRank", "levelRank", "laneRank"];
    expect(rankFields.filter((field) => !documents.some((document) => new RegExp(`\\b${field}\\b`).test(document.query)))).toEqual([]);
    const outcome = await differences(documents);
    console.log(`generated: ${documents.length} documents, ${outcome.runs} runs per path, ${outcome.plannedRuns} planned, ${Date.now() - started} ms`);
    expectNoMismatch(outcome);
    // The comparison means little if the planner hardly ever planned.
    expect(outcome.plannedRuns).toBeGreaterThan(outcome.runs / 3);
  }, 300_000);

  test.each([
    ["the total of a list", "{ tickets(first: 2) { totalCount } }"],
    ["the total of an empty list", '{ contacts(filter: { search: "zz-none" }) { totalCount } }'],
    ["the type name of a page's information", "{ accounts(first: 3) { pageInfo { __typename } } }"],
    ["the type name of an empty page's information", '{ accounts(last: 3, filter: { tier: [] , search: "zz-none" }) { pageInfo { __typename } totalCount } }'],
  ])("when a client asks %s only, then one planned statement answers it, as the resolvers do", async (_case, query) => {
    const outcome = await onBothServers(query, {}, internalCaller);
    expect(outcome.difference).toBeUndefined();
    expect(outcome.plannedStatements).toEqual([expect.stringContaining(`'${plannedMarker}'`)]);
  });

  test.each([
    [
      "a list with other arguments",
      '{ tickets(first: 5) { nodes { account { contacts(first: 1) { totalCount } } other: account { contacts(first: 2, before: "x") { nodes { id } } } } } }',
    ],
    ["another field", "{ tickets(first: 5) { nodes { account { x: name } other: account { x: id } } } }"],
  ])("when two aliases of one field ask, under one response key, %s, then each alias gets its own answer", async (_case, query) => {
    const outcome = await onBothServers(query, {}, internalCaller);
    expect(outcome.difference).toBeUndefined();
  });

  test("when a caller asks for a field its role may not use, then the planner leaves it to the role guard (FORBIDDEN, as on the resolvers' path)", async () => {
    expect(roles.filter((role) => rolesFor(roleRules, "Account.retention").includes(role))).not.toContain(Role.PARTNER);
    const query = "{ accounts(first: 3) { nodes { name retention { risk riskScore signals { signal weight } barriers actions letGo } } } }";
    const partner = await onBothServers(query, {}, callers.partnerNotSharing);
    expect(partner.difference).toBeUndefined();
    expect(partner.plannedResult.errors?.map((error) => error.extensions?.code)).toContain("FORBIDDEN");
    const staff = await onBothServers(query, {}, internalCaller);
    expect(staff.difference).toBeUndefined();
    expect(staff.plannedStatements).toHaveLength(1);
  });

  /** The 360° view: accounts with their contacts, last orders, open tickets and assessment. */
  const account360 = `query Account360($filter: AccountFilter) {
    accounts(first: 50, filter: $filter) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { cursor node {
        id name status customerSince
        assessment { tier lifecycleStage evaluatedAt }
        contacts(first: 20) { totalCount nodes { id firstName lastName email phone isPrimary } }
        orders(first: 10) { edges { cursor node { id placedAt status total { amount minorUnits currency } lines { product amount { amount } } } } }
        tickets(filter: { open: true }) { totalCount nodes { id subject status openedAt contact { email } servicePriority { level breached firstResponseDueAt } } }
      } }
    }
  }`;

  /** Every account but the two whose data the API's scalars refuse (their answers go to the resolvers). */
  const servableAccounts = { filter: { industry: ["Retail", "Software", "Energy"] } };

  test("when staff read the 360° view, then the planned server sends exactly one SQL statement and answers as the resolvers do", async () => {
    const outcome = await onBothServers(account360, servableAccounts, internalCaller);
    expect(outcome.difference).toBeUndefined();
    expect(outcome.plannedStatements).toEqual([expect.stringContaining(`'${plannedMarker}'`)]);
    expect(outcome.resolvedStatements.length).toBeGreaterThan(1);
    expect(outcome.plannedResult.errors).toBeUndefined();
    expect((outcome.plannedResult.data as { accounts: { totalCount: number } }).accounts.totalCount).toBe(graph.accounts.length - 2);
  });

  test("when a planned answer holds values the API's scalars refuse, then the resolvers answer instead, with their errors in their order", async () => {
    const outcome = await onBothServers(account360, {}, internalCaller);
    expect(outcome.difference).toBeUndefined();
    expect(outcome.plannedStatements[0]).toContain(`'${plannedMarker}'`);
    expect(outcome.plannedStatements.length).toBeGreaterThan(1);
    // The resolvers' order: each level as its loaders return (contacts of every account, then tickets' contacts), not document order.
    expect(outcome.plannedResult.errors?.map((error) => error.path?.slice(4).join("."))).toEqual([
      "contacts.nodes.0.email",
      "contacts.nodes.1.email",
      "contacts.nodes.0.email",
      "contacts.nodes.1.email",
      "tickets.nodes.0.servicePriority",
      "tickets.nodes.0.contact.email",
      "tickets.nodes.0.contact.email",
    ]);
  });

  test.each([
    [
      "a response time of infinity (the resolver cannot tell whether its target is missed)",
      "{ tickets(first: 100, filter: { status: [PENDING] }) { nodes { subject servicePriority { level breached } } } }",
    ],
    ["a response time of infinity", "{ tickets(first: 100, filter: { status: [PENDING] }) { nodes { subject firstRespondedAt } } }"],
    ["a closing time BC", "{ tickets(first: 100, filter: { status: [CLOSED] }) { nodes { subject closedAt } } }"],
    ["an update time of infinity", "{ orders(first: 100) { nodes { updatedAt } } }"],
  ])("when a list holds %s, then the resolvers answer it", async (_case, query) => {
    const outcome = await onBothServers(query, {}, internalCaller);
    expect(outcome.difference).toBeUndefined();
    expect(outcome.plannedStatements[0]).toContain(`'${plannedMarker}'`);
    expect(outcome.plannedStatements.length).toBeGreaterThan(1);
  });

  /** The same view within a partner's limits (depth 6, cost 1,000). */
  const partner360 = `query Partner360 {
    accounts(first: 10) {
      totalCount
      nodes {
        id name assessment { tier }
        contacts(first: 5) { nodes { email phone } }
        orders(first: 5) { nodes { placedAt total { amount currency } } }
        tickets(first: 5, filter: { open: true }) { nodes { subject servicePriority { level breached } } }
      }
    }
  }`;

  test("when a partner reads the 360° view, then its one planned statement runs inside its own transaction, as the partner's database role", async () => {
    const outcome = await onBothServers(partner360, {}, callers.partnerNotSharing);
    expect(outcome.difference).toBeUndefined();
    expect(outcome.plannedStatements).toEqual([
      "START TRANSACTION",
      expect.stringContaining("set_config('role'"),
      expect.stringContaining(`'${plannedMarker}'`),
      "COMMIT",
    ]);
    const ownAccounts = graph.accounts.filter((account) => account.partnerId === graph.partners.notSharing.id);
    expect((outcome.plannedResult.data as { accounts: { totalCount: number } }).accounts.totalCount).toBe(ownAccounts.length);
  });
});
