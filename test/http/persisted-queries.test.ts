import { createHash, randomUUID } from "node:crypto";
import { Role } from "../../src/access/roles";
import { Account } from "../../src/accounts/account.entity";
import { createAccount, createPartner } from "../support/factories";
import { answerCodes, HttpTestServer, startHttpTestServer } from "../support/http-test-server";

const persisted = (query: string) => ({ version: 1, sha256Hash: createHash("sha256").update(query).digest("hex") });

const openTicket = (subject: string) => `mutation Open($accountId: ID!) {
  openTicket(input: { accountId: $accountId, category: QUESTION, channel: EMAIL, severity: LOW, subject: "${subject}" }) { id subject }
}`;

describe("automatic persisted queries, through HTTP", () => {
  let server: HttpTestServer;
  let account: Account;
  let partnerKey: string;
  let internalKey: string;

  beforeAll(async () => {
    server = await startHttpTestServer();
    const partner = await createPartner(server.dataSource);
    account = await createAccount(server.dataSource, { partnerId: partner.id });
    partnerKey = (await server.createKey(Role.PARTNER, partner.id)).key;
    internalKey = (await server.createKey(Role.INTERNAL)).key;
  });
  afterAll(() => server.close());

  /** Registers a document (full text and hash) with one key, so that any key may send the hash alone. */
  async function register(query: string, key = internalKey, variables?: Record<string, unknown>) {
    return server.post(key, { query, variables, extensions: { persistedQuery: persisted(query) } });
  }

  const byHash = (query: string, key: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}) =>
    server.post(key, { variables, extensions: { persistedQuery: persisted(query) } }, headers);

  test("when a partner sends only the hash of a document over its token limit, then it is refused like the full text", async () => {
    const long = `{ accounts(first: 1) { nodes { id ${"... on Account { id } ".repeat(220)}} } }`;
    expect((await register(long)).status).toBe(200);

    const hashOnly = await byHash(long, partnerKey);

    expect(hashOnly.status).toBe(400);
    expect(answerCodes(hashOnly)).toEqual(["MAX_TOKENS_EXCEEDED"]);
  });

  test("when two different persisted mutations come with one Idempotency-Key and the same variables, then the second is refused, not given the first's response", async () => {
    const variables = { accountId: account.globalId };
    const [first, second] = [openTicket("First"), openTicket("Second")];
    for (const document of [first, second]) expect((await register(document, partnerKey, variables)).status).toBe(200);
    const idempotencyKey = randomUUID();
    expect((await byHash(first, partnerKey, variables, { "idempotency-key": idempotencyKey })).status).toBe(200);

    const other = await byHash(second, partnerKey, variables, { "idempotency-key": idempotencyKey });

    expect(answerCodes(other)).toEqual(["IDEMPOTENCY_KEY_REUSED"]);
    expect(other.status).toBe(422);
  });

  test("when a keyed mutation is retried with its variables in another order, then it is the same request: replayed", async () => {
    const query = `mutation Open($accountId: ID!, $subject: String!) {
      openTicket(input: { accountId: $accountId, category: QUESTION, channel: EMAIL, severity: LOW, subject: $subject }) { id }
    }`;
    const idempotencyKey = randomUUID();
    const first = await server.post(partnerKey, { query, variables: { accountId: account.globalId, subject: "Order" } }, { "idempotency-key": idempotencyKey });

    const retry = await server.post(partnerKey, { query, variables: { subject: "Order", accountId: account.globalId } }, { "idempotency-key": idempotencyKey });

    expect(retry.status).toBe(200);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    expect(retry.body.data).toEqual(first.body.data);
  });
});
