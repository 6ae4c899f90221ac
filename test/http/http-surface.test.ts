import { randomUUID } from "node:crypto";
import { defaultLimitsByRole, LimitsByRole } from "../../src/access/query-limits";
import { Role } from "../../src/access/roles";
import { Account } from "../../src/accounts/account.entity";
import { createAccount, createPartner } from "../support/factories";
import { answerCodes, HttpTestServer, startHttpTestServer } from "../support/http-test-server";
import { anyNumber } from "../support/matchers";

/** The partner's bucket holds 30 points and barely drains: a few requests empty it. */
const limits: LimitsByRole = {
  ...defaultLimitsByRole,
  [Role.PARTNER]: { ...defaultLimitsByRole[Role.PARTNER], cost: 30, rateLimit: { capacity: 30, leakPerSecond: 0.01 } },
};

const smallQuery = "{ accounts(first: 1) { totalCount } }";

describe("the HTTP surface, through a real socket", () => {
  let server: HttpTestServer;
  let internalKey: string;
  let partnerKey: string;
  let account: Account;

  beforeAll(async () => {
    server = await startHttpTestServer({ limits, maxRequestBytes: 2_000 });
    const partner = await createPartner(server.dataSource);
    account = await createAccount(server.dataSource, { partnerId: partner.id });
    internalKey = (await server.createKey(Role.INTERNAL)).key;
    partnerKey = (await server.createKey(Role.PARTNER, partner.id)).key;
  });
  afterAll(() => server.close());

  test("when no key is sent, then 401 UNAUTHENTICATED with a Bearer challenge; an unknown key too", async () => {
    for (const authorization of [undefined, "Bearer cgk_unknown", "Basic dXNlcjpwYXNz"]) {
      const answer = await server.send("/graphql", {
        method: "POST",
        headers: { "content-type": "application/json", ...(authorization && { authorization }) },
        body: JSON.stringify({ query: smallQuery }),
      });
      expect(answer.status).toBe(401);
      expect(answer.headers.get("www-authenticate")).toBe('Bearer realm="customer-graph"');
      expect(answerCodes(answer)).toEqual(["UNAUTHENTICATED"]);
    }
  });

  test("when a request is answered, then it carries an x-request-id and JSON; a body over the limit gets 413 before it is read", async () => {
    const answered = await server.post(internalKey, { query: smallQuery });
    expect(answered.status).toBe(200);
    expect(answered.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(answered.headers.get("content-type")).toMatch(/^application\/(graphql-response\+)?json/);

    const large = await server.post(internalKey, { query: smallQuery, variables: { padding: "x".repeat(3_000) } });
    expect(large.status).toBe(413);
    expect(answerCodes(large)).toEqual(["PAYLOAD_TOO_LARGE"]);
  });

  test("when a query comes by GET, then it is served; a mutation by GET is refused (405, Allow: POST)", async () => {
    const query = await server.send(`/graphql?query=${encodeURIComponent(smallQuery)}`, {
      headers: { authorization: `Bearer ${internalKey}`, "apollo-require-preflight": "true" },
    });
    expect(query.status).toBe(200);
    expect(query.body.data).toEqual({ accounts: { totalCount: anyNumber() } });

    const mutation = `mutation { closeTicket(id: "x", satisfaction: 5) { id } }`;
    const refused = await server.send(`/graphql?query=${encodeURIComponent(mutation)}`, {
      headers: { authorization: `Bearer ${internalKey}`, "apollo-require-preflight": "true" },
    });
    expect(refused.status).toBe(405);
    expect(refused.headers.get("allow")).toBe("POST");
  });

  test("when a browser could send the request without a preflight (a simple GET or text/plain POST), then it is refused: CSRF", async () => {
    const simpleGet = await server.send(`/graphql?query=${encodeURIComponent(smallQuery)}`, { headers: { authorization: `Bearer ${internalKey}` } });
    expect(simpleGet.status).toBe(400);
    const textPost = await server.send("/graphql", {
      method: "POST",
      headers: { authorization: `Bearer ${internalKey}`, "content-type": "text/plain" },
      body: JSON.stringify({ query: smallQuery }),
    });
    expect(textPost.status).toBe(400);
  });

  test("when operations come batched in an array or the body is not JSON, then 400 BAD_REQUEST", async () => {
    const batched = await server.post(internalKey, [{ query: smallQuery }, { query: smallQuery }]);
    expect(batched.status).toBe(400);
    const broken = await server.send("/graphql", {
      method: "POST",
      headers: { authorization: `Bearer ${internalKey}`, "content-type": "application/json" },
      body: "{ not json",
    });
    expect(broken.status).toBe(400);
    expect(answerCodes(broken)).toEqual(["BAD_REQUEST"]);
  });

  test("when a small body happens to read 'too large', then it is 400 BAD_REQUEST like any other text that is not JSON, not 413", async () => {
    const answer = await server.send("/graphql", {
      method: "POST",
      headers: { authorization: `Bearer ${internalKey}`, "content-type": "application/json" },
      body: "too large",
    });
    expect(answer.status).toBe(400);
    expect(answerCodes(answer)).toEqual(["BAD_REQUEST"]);
  });

  test("when a partner goes over its rate, then 429 RATE_LIMITED with Retry-After in the header and the bucket's state in the body", async () => {
    const query = "{ accounts(first: 10) { nodes { id } } }";
    let answer = await server.post(partnerKey, { query });
    for (let attempt = 0; answer.status === 200 && attempt < 10; attempt += 1) answer = await server.post(partnerKey, { query });

    expect(answer.status).toBe(429);
    expect(answerCodes(answer)).toEqual(["RATE_LIMITED"]);
    expect(Number(answer.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(answer.body.errors?.[0].extensions?.retryAfter).toBe(Number(answer.headers.get("retry-after")));
    expect(answer.body.errors?.[0].extensions?.cost).toMatchObject({ requested: anyNumber(), remaining: anyNumber() });
  });

  test("when an Idempotency-Key is malformed, then 400; reused with another request, then 422; replayed, then Idempotent-Replayed", async () => {
    const open = (subject: string) => ({
      query: `mutation Open($accountId: ID!, $subject: String!) { openTicket(input: { accountId: $accountId, category: QUESTION, channel: EMAIL, severity: LOW, subject: $subject }) { id } }`,
      variables: { accountId: account.globalId, subject },
    });
    const malformed = await server.post(internalKey, open("Malformed key"), { "idempotency-key": "two words" });
    expect(malformed.status).toBe(400);
    expect(answerCodes(malformed)).toEqual(["BAD_REQUEST"]);

    const idempotencyKey = randomUUID();
    const first = await server.post(internalKey, open("First"), { "idempotency-key": idempotencyKey });
    const replay = await server.post(internalKey, open("First"), { "idempotency-key": idempotencyKey });
    const reused = await server.post(internalKey, open("Second"), { "idempotency-key": idempotencyKey });
    expect(first.status).toBe(200);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(replay.body.data).toEqual(first.body.data);
    expect(reused.status).toBe(422);
    expect(answerCodes(reused)).toEqual(["IDEMPOTENCY_KEY_REUSED"]);
  });

  test("when a path other than /graphql is asked, then 404 with a JSON error; /healthz answers without a key", async () => {
    const missing = await server.send("/admin");
    expect(missing.status).toBe(404);
    expect(answerCodes(missing)).toEqual(["NOT_FOUND"]);
    const health = await server.send("/healthz");
    expect(health.status).toBe(200);
    expect(health.body).toEqual({ status: "alive" });
  });
});
