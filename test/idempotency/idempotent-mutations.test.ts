import { randomUUID } from "node:crypto";
import { deleteExpiredResponses } from "../../src/idempotency/idempotent-requests";
import { createAccount, createPartner } from "../support/factories";
import { errorCodes, partnerCaller, startTestApp, TestApp } from "../support/test-app";

const placeOrder = `mutation PlaceOrder($accountId: ID!, $amount: String!) {
  placeOrder(input: { accountId: $accountId, channel: WEB, lines: [{ product: "Retried widget", quantity: 1, unitPrice: { amount: $amount, currency: "USD" } }] }) {
    id total { amount } account { assessment { tier } }
  }
}`;

describe("idempotent mutations (Idempotency-Key)", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  const ordersOf = async (accountId: string) =>
    (await app.dataSource.query<{ orders: number }[]>("SELECT count(*)::int AS orders FROM orders WHERE account_id = $1", [accountId]))[0].orders;

  test("when a mutation is retried with the same key, then the first response comes back and nothing is written twice", async () => {
    const account = await createAccount(app.dataSource);
    const key = randomUUID();
    const first = await app.executeWithHeaders(placeOrder, { accountId: account.globalId, amount: "12.50" }, { "idempotency-key": key });
    expect(first.errors).toBeUndefined();
    expect(first.http.headers.get("idempotent-replayed")).toBeUndefined();
    const retry = await app.executeWithHeaders(placeOrder, { accountId: account.globalId, amount: "12.50" }, { "idempotency-key": key });
    expect(retry.data).toEqual(first.data);
    expect(retry.http.headers.get("idempotent-replayed")).toBe("true");
    expect(await ordersOf(account.id)).toBe(1);
  });

  test("when the response read the mutation's own writes, then it saw them (one transaction for the request)", async () => {
    const account = await createAccount(app.dataSource);
    const result = await app.executeWithHeaders<{ placeOrder: { account: { assessment: { tier: string } | null } } }>(
      placeOrder,
      { accountId: account.globalId, amount: "5.00" },
      { "idempotency-key": randomUUID() },
    );
    expect(result.data?.placeOrder.account.assessment?.tier).toEqual(expect.any(String));
  });

  test("when the same request races itself with one key, then exactly one runs and every answer is its response", async () => {
    const account = await createAccount(app.dataSource);
    const key = randomUUID();
    const results = await Promise.all(
      Array.from({ length: 5 }, () => app.executeWithHeaders(placeOrder, { accountId: account.globalId, amount: "7.00" }, { "idempotency-key": key })),
    );
    for (const result of results) expect(result.data).toEqual(results[0].data);
    expect(results[0].errors).toBeUndefined();
    expect(await ordersOf(account.id)).toBe(1);
  });

  test("when a key comes again with another request, then it is refused (IDEMPOTENCY_KEY_REUSED, 422) and nothing is written", async () => {
    const account = await createAccount(app.dataSource);
    const key = randomUUID();
    await app.executeWithHeaders(placeOrder, { accountId: account.globalId, amount: "1.00" }, { "idempotency-key": key });
    const other = await app.executeWithHeaders(placeOrder, { accountId: account.globalId, amount: "2.00" }, { "idempotency-key": key });
    expect(errorCodes(other)).toEqual(["IDEMPOTENCY_KEY_REUSED"]);
    expect(other.http.status).toBe(422);
    expect(await ordersOf(account.id)).toBe(1);
  });

  test("when a keyed mutation fails on the client's side, then the failure is the stored response; a bad key is refused", async () => {
    const key = randomUUID();
    const ghost = Buffer.from("Account:00000000-0000-4000-8000-000000000000").toString("base64");
    const first = await app.executeWithHeaders(placeOrder, { accountId: ghost, amount: "1.00" }, { "idempotency-key": key });
    expect(errorCodes(first)).toEqual(["NOT_FOUND"]);
    const retry = await app.executeWithHeaders(placeOrder, { accountId: ghost, amount: "1.00" }, { "idempotency-key": key });
    expect(retry.errors).toEqual(first.errors);
    expect(retry.http.headers.get("idempotent-replayed")).toBe("true");
    const bad = await app.executeWithHeaders(placeOrder, { accountId: ghost, amount: "1.00" }, { "idempotency-key": "with space" });
    expect(errorCodes(bad)).toEqual(["BAD_REQUEST"]);
  });

  test("when two API keys use the same idempotency key, then each has its own; a partner's keyed ticket stays its own", async () => {
    const partner = await createPartner(app.dataSource);
    const account = await createAccount(app.dataSource, { partnerId: partner.id });
    const key = randomUUID();
    const openTicket = `mutation ($accountId: ID!) { openTicket(input: { accountId: $accountId, subject: "Keyed", category: QUESTION, severity: LOW, channel: PARTNER }) { id } }`;
    const byPartner = await app.executeWithHeaders(openTicket, { accountId: account.globalId }, { "idempotency-key": key }, partnerCaller(partner));
    expect(byPartner.errors).toBeUndefined();
    const byStaff = await app.executeWithHeaders(openTicket, { accountId: account.globalId }, { "idempotency-key": key });
    expect(byStaff.errors).toBeUndefined();
    expect(byStaff.http.headers.get("idempotent-replayed")).toBeUndefined();
    const [{ tickets }]: { tickets: number }[] = await app.dataSource.query("SELECT count(*)::int AS tickets FROM tickets WHERE account_id = $1", [account.id]);
    expect(tickets).toBe(2);
  });

  test("when a query carries a key, then it is simply answered", async () => {
    const result = await app.executeWithHeaders(`{ ruleSets { version } }`, undefined, { "idempotency-key": randomUUID() });
    expect(result.errors).toBeUndefined();
  });

  test("when responses are older than 24 hours, then the hourly cleanup deletes them and keeps the younger ones", async () => {
    const keyId = randomUUID();
    const insert = (key: string, age: string) =>
      app.dataSource.query(
        `INSERT INTO idempotent_requests (api_key_id, idempotency_key, request_hash, response, created_at) VALUES ($1, $2, 'h', '{}', now() - $3::interval)`,
        [keyId, key, age],
      );
    await insert("old", "25 hours");
    await insert("young", "23 hours");
    expect(await deleteExpiredResponses(app.dataSource)).toBeGreaterThanOrEqual(1);
    const rows: Array<{ idempotency_key: string }> = await app.dataSource.query("SELECT idempotency_key FROM idempotent_requests WHERE api_key_id = $1", [
      keyId,
    ]);
    expect(rows.map((row) => row.idempotency_key)).toEqual(["young"]);
  });
});
