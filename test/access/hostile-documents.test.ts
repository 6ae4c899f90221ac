import { Caller, noPersonalDataAccess, Role } from "../../src/access/roles";
import { startTestApp, TestApp } from "../support/test-app";
import { anyNumber, anyString } from "../support/matchers";

const partner: Caller = {
  keyId: "11111111-1111-1111-1111-111111111111",
  keyPrefix: "cgk_partner1",
  keyName: "cgk_partner1",
  role: Role.PARTNER,
  partnerId: "22222222-2222-2222-2222-222222222222",
  personalData: noPersonalDataAccess,
};

interface HostileDocument {
  name: string;
  query: string;
  variables?: Record<string, unknown>;
  code: string;
}

const repeat = (count: number, make: (index: number) => string) => Array.from({ length: count }, (_, index) => make(index)).join(" ");

/** accounts > contacts > account > contacts ...: each level adds three fields of depth. */
function deepQuery(levels: number): string {
  let selection = "name";
  for (let level = 0; level < levels; level++) selection = `contacts(first: 1) { nodes { account { ${selection} } } }`;
  return `{ accounts(first: 1) { nodes { ${selection} } } }`;
}

const depthDocuments: HostileDocument[] = [2, 3, 4, 5, 8].map((levels) => ({
  name: `nesting ${levels} levels deep`,
  query: deepQuery(levels),
  code: "MAX_DEPTH_EXCEEDED",
}));
depthDocuments.push(
  {
    name: "depth hidden in fragments",
    query: `fragment C on Contact { account { contacts(first: 1) { nodes { account { name } } } } } { accounts(first: 1) { nodes { contacts(first: 1) { nodes { ...C } } } } }`,
    code: "MAX_DEPTH_EXCEEDED",
  },
  {
    name: "depth hidden in inline fragments",
    query: `{ accounts(first: 1) { nodes { ... on Account { contacts(first: 1) { nodes { ... on Contact { account { contacts(first: 1) { nodes { id } } } } } } } } } }`,
    code: "MAX_DEPTH_EXCEEDED",
  },
  {
    name: "depth through node(id)",
    query: `{ node(id: "QWNjb3VudDox") { ... on Account { contacts(first: 1) { nodes { account { orders(first: 1) { nodes { lines { product } } } } } } } } }`,
    code: "MAX_DEPTH_EXCEEDED",
  },
  {
    name: "depth through a mutation result",
    query: `mutation { openTicket(input: { accountId: "x", subject: "s", category: QUESTION, severity: LOW, channel: WEB }) { account { contacts(first: 1) { nodes { account { contacts(first: 1) { nodes { id } } } } } } } }`,
    code: "MAX_DEPTH_EXCEEDED",
  },
  { name: "depth in the second of two operations", query: `query A { ruleSets { version } } query B ${deepQuery(3).slice(0)}`, code: "MAX_DEPTH_EXCEEDED" },
  {
    // edges { node } counts as one level, as nodes does: the same nesting is refused either way.
    name: "nesting through edges { node }",
    query: `{ accounts(first: 1) { edges { node { contacts(first: 1) { edges { node { account { contacts(first: 1) { edges { node { id } } } } } } } } } } }`,
    code: "MAX_DEPTH_EXCEEDED",
  },
  {
    name: "depth hidden in fragments on edges",
    query: `fragment E on ContactEdge { node { account { contacts(first: 1) { edges { ...E2 } } } } } fragment E2 on ContactEdge { node { id } } { accounts(first: 1) { edges { node { contacts(first: 1) { edges { ...E } } } } } }`,
    code: "MAX_DEPTH_EXCEEDED",
  },
);

const aliasDocuments: HostileDocument[] = [16, 20, 40, 80].map((count) => ({
  name: `${count} aliases of one field`,
  query: `{ ${repeat(count, (index) => `a${index}: ruleSets { version }`)} }`,
  code: count * 5 > 1000 ? "MAX_TOKENS_EXCEEDED" : "MAX_ALIASES_EXCEEDED",
}));
aliasDocuments.push(
  {
    name: "aliases spread over nested fields",
    query: `{ accounts(first: 1) { nodes { ${repeat(16, (index) => `n${index}: name`)} } } }`,
    code: "MAX_ALIASES_EXCEEDED",
  },
  {
    name: "aliases inside a fragment",
    query: `fragment F on RuleSet { ${repeat(16, (index) => `v${index}: version`)} } { ruleSets { ...F } }`,
    code: "MAX_ALIASES_EXCEEDED",
  },
  {
    name: "aliased expensive lists",
    query: `{ ${repeat(16, (index) => `l${index}: accounts(first: 100) { nodes { name } }`)} }`,
    code: "MAX_ALIASES_EXCEEDED",
  },
);

const cycleDocuments: HostileDocument[] = [
  {
    name: "a fragment spreading itself",
    query: `fragment A on Account { name ...A } { accounts(first: 1) { nodes { ...A } } }`,
    code: "GRAPHQL_VALIDATION_FAILED",
  },
  {
    name: "two fragments spreading each other",
    query: `fragment A on Account { ...B } fragment B on Account { ...A } { accounts(first: 1) { nodes { ...A } } }`,
    code: "GRAPHQL_VALIDATION_FAILED",
  },
  {
    name: "a three-fragment cycle",
    query: `fragment A on Account { ...B } fragment B on Account { ...C } fragment C on Account { ...A } { accounts(first: 1) { nodes { ...A } } }`,
    code: "GRAPHQL_VALIDATION_FAILED",
  },
  {
    name: "a cycle through nested types",
    query: `fragment A on Account { contacts(first: 1) { nodes { ...B } } } fragment B on Contact { account { ...A } } { accounts(first: 1) { nodes { ...A } } }`,
    code: "GRAPHQL_VALIDATION_FAILED",
  },
];

const directiveDocuments: HostileDocument[] = [11, 20, 50].map((count) => ({
  name: `${count} directives`,
  query: `{ ruleSets { ${repeat(count, (index) => `version @${index % 2 ? "include(if: true)" : "skip(if: false)"}`)} } }`,
  code: count * 7 > 1000 ? "MAX_TOKENS_EXCEEDED" : "MAX_DIRECTIVES_EXCEEDED",
}));
directiveDocuments.push(
  { name: "an unknown directive", query: `{ ruleSets @deprecated { version } }`, code: "GRAPHQL_VALIDATION_FAILED" },
  { name: "a repeated non-repeatable directive", query: `{ ruleSets @skip(if: false) @skip(if: false) { version } }`, code: "GRAPHQL_VALIDATION_FAILED" },
);

const listOfAccounts = `query($n: Int) { accounts(first: $n) { nodes { name contacts(first: $n) { nodes { email } } orders(first: $n) { nodes { placedAt } } } } }`;
const costDocuments: HostileDocument[] = [
  { name: "first: 100 at two levels, from a variable", query: listOfAccounts, variables: { n: 100 }, code: "MAX_COST_EXCEEDED" },
  { name: "first: 5000 from a variable", query: listOfAccounts, variables: { n: 5000 }, code: "MAX_COST_EXCEEDED" },
  { name: "first: 2^31-1 from a variable", query: listOfAccounts, variables: { n: 2147483647 }, code: "MAX_COST_EXCEEDED" },
  {
    name: "last: 100 from a variable",
    query: `query($n: Int) { tickets(last: $n) { nodes { account { contacts(last: $n) { nodes { email } } } } } }`,
    variables: { n: 100 },
    code: "MAX_COST_EXCEEDED",
  },
  {
    name: "a default value for first in the operation",
    query: `query($n: Int = 100) { accounts(first: $n) { nodes { orders(first: $n) { nodes { id } } } } }`,
    code: "MAX_COST_EXCEEDED",
  },
  {
    name: "first written in the document",
    query: `{ accounts(first: 100) { nodes { tickets(first: 100) { nodes { subject } } } } }`,
    code: "MAX_COST_EXCEEDED",
  },
  {
    name: "lists without first count at 20 each",
    query: `{ accounts { nodes { contacts { nodes { email } } orders { nodes { id } } tickets { nodes { id } } } } }`,
    code: "MAX_COST_EXCEEDED",
  },
  {
    name: "many cheap aliases of a costly list",
    query: `{ ${repeat(10, (index) => `l${index}: accounts(first: 100) { nodes { name } }`)} }`,
    code: "MAX_COST_EXCEEDED",
  },
  {
    name: "the 360° view of 100 accounts",
    query: `{ accounts(first: 100) { nodes { name contacts { nodes { email } } orders(first: 10) { nodes { id } } tickets { nodes { id } } } } }`,
    code: "MAX_COST_EXCEEDED",
  },
  {
    name: "cost through node(id)",
    query: `query($n: Int) { node(id: "QWNjb3VudDox") { ... on Account { orders(first: $n) { nodes { lines { product } } } tickets(first: $n) { nodes { subject } } } } }`,
    variables: { n: 1000 },
    code: "MAX_COST_EXCEEDED",
  },
];

const introspectionDocuments: HostileDocument[] = [
  { name: "__schema", query: `{ __schema { types { name } } }`, code: "INTROSPECTION_DISABLED" },
  { name: "__type", query: `{ __type(name: "Account") { fields { name } } }`, code: "INTROSPECTION_DISABLED" },
  { name: "__schema under an alias", query: `{ s: __schema { queryType { name } } }`, code: "INTROSPECTION_DISABLED" },
  { name: "__schema in a fragment", query: `fragment S on Query { __schema { types { name } } } { ...S }`, code: "INTROSPECTION_DISABLED" },
  { name: "__type beside real fields", query: `{ ruleSets { version } t: __type(name: "ApiKey") { name } }`, code: "INTROSPECTION_DISABLED" },
  {
    name: "the full introspection query",
    query: `query IntrospectionQuery { __schema { queryType { name } mutationType { name } types { kind name fields(includeDeprecated: true) { name } } directives { name } } }`,
    code: "INTROSPECTION_DISABLED",
  },
];

const tokenDocuments: HostileDocument[] = [
  {
    name: "1,001 tokens of repeated fields (validation gives up first)",
    query: `{ ruleSets { ${repeat(998, () => "version")} } }`,
    code: "GRAPHQL_VALIDATION_FAILED",
  },
  {
    name: "a long argument list",
    query: `{ accounts(filter: { industry: [${repeat(1200, (index) => `"i${index}"`)}] }) { nodes { id } } }`,
    code: "MAX_TOKENS_EXCEEDED",
  },
  { name: "more tokens than any role may send", query: `{ ruleSets { ${repeat(6000, () => "version")} } }`, code: "GRAPHQL_PARSE_FAILED" },
  {
    name: "many small operations without a name to pick one",
    query: repeat(120, (index) => `query Q${index} { ruleSets { version } }`),
    code: "OPERATION_RESOLUTION_FAILURE",
  },
  {
    name: "a long list of ids in a filter",
    query: `{ tickets(filter: { severity: [${repeat(1000, () => "LOW")}] }) { nodes { id } } }`,
    code: "MAX_TOKENS_EXCEEDED",
  },
];

const probingDocuments: HostileDocument[] = [
  { name: "a misspelled field (no suggestion for partners)", query: `{ acounts { nodes { id } } }`, code: "GRAPHQL_VALIDATION_FAILED" },
  { name: "a misspelled nested field", query: `{ accounts(first: 1) { nodes { nam } } }`, code: "GRAPHQL_VALIDATION_FAILED" },
  { name: "a syntax error", query: `{ accounts(first: 1) { nodes { name }`, code: "GRAPHQL_PARSE_FAILED" },
  { name: "an empty document", query: ``, code: "BAD_REQUEST" },
  { name: "two operations and no name", query: `query A { ruleSets { version } } query B { ruleSets { family } }`, code: "OPERATION_RESOLUTION_FAILURE" },
  { name: "a subscription (over HTTP)", query: `subscription { supportQueueChanged { id } }`, code: "BAD_REQUEST" },
  { name: "a variable of the wrong type", query: `query($n: String) { accounts(first: $n) { nodes { id } } }`, code: "GRAPHQL_VALIDATION_FAILED" },
];

const corpus = [
  ...depthDocuments,
  ...aliasDocuments,
  ...cycleDocuments,
  ...directiveDocuments,
  ...costDocuments,
  ...introspectionDocuments,
  ...tokenDocuments,
  ...probingDocuments,
];

describe("hostile documents from a partner", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  test("when the corpus is counted, then it holds at least 50 documents", () => {
    expect(corpus.length).toBeGreaterThanOrEqual(50);
  });

  test.each(corpus.map((document) => [document.name, document] as const))(
    "when a partner sends %s, then it is refused (HTTP 400) with its code before any database work",
    async (_, document) => {
      app.statements.reset();
      const result = await app.executeText(document.query, document.variables, partner);
      expect(result.data ?? null).toBeNull();
      expect(result.errors?.map((error) => error.extensions?.code)).toContain(document.code);
      expect(result.errors?.every((error) => !/Did you mean/.test(error.message))).toBe(true);
      expect(app.statements.count).toBe(0);
      expect(result.http.status).toBe(400);
    },
  );

  test("when a refused document is sent by an internal caller with higher limits, then the same shape within them runs", async () => {
    const result = await app.executeText(deepQuery(2));
    expect(result.errors).toBeUndefined();
    expect(result.http.status ?? 200).toBe(200);
  });

  test("when a partner asks within the limits, then the response carries the cost requested and the limit", async () => {
    const result = await app.executeText(`{ ruleSets { version } }`, undefined, partner);
    expect(result.errors).toBeUndefined();
    expect(result.extensions).toEqual({ cost: { requested: 2, actual: 2, limit: 1000, remaining: anyNumber(), resetAt: anyString() } });
  });

  test("when the same documents come again, then each is judged as the first time: refused again, costed by its page sizes", async () => {
    const deep = corpus.find((document) => document.code === "MAX_DEPTH_EXCEEDED")!;
    for (let attempt = 0; attempt < 2; attempt++) {
      const refused = await app.executeText(deep.query, deep.variables, partner);
      expect(refused.errors?.map((error) => error.extensions?.code)).toContain("MAX_DEPTH_EXCEEDED");
    }
    const paged = `query Paged($n: Int, $status: [AccountStatus!]) { accounts(first: $n, filter: { status: $status }) { nodes { id } } }`;
    const costOf = async (variables: Record<string, unknown>) =>
      (await app.executeText(paged, variables)).extensions?.cost as { requested: number } | undefined;
    expect((await costOf({ n: 10 }))?.requested).toBe(21);
    expect((await costOf({ n: 50 }))?.requested).toBe(101);
    // Variables that do not fit their types leave no cost behind for the next request of the same page size.
    expect(await costOf({ n: 30, status: ["NOT_A_STATUS"] })).toBeUndefined();
    expect((await costOf({ n: 30, status: ["ACTIVE"] }))?.requested).toBe(61);
    const huge = await app.executeText(paged, { n: 1000 }, partner);
    expect(huge.errors?.[0].extensions?.code).toBe("MAX_COST_EXCEEDED");
  });
});
