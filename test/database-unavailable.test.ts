import { ApolloServer, HeaderMap } from "@apollo/server";
import { randomUUID } from "node:crypto";
import { createAccount } from "./support/factories";
import { DataSource } from "typeorm";
import { fullPersonalDataAccess, Role } from "../src/access/roles";
import { createRequestContext, RequestContext } from "../src/graphql/request-context";
import { createDataSource } from "../src/database/data-source";
import { checkReadiness } from "../src/health/readiness";
import { PolicyRegistry } from "../src/policies/policy-registry";
import { buildCustomerGraphSchema } from "../src/schema";
import { createApolloServer } from "../src/server";
import { TcpProxy } from "./support/tcp-proxy";
import { testDatabaseUrl } from "./support/test-database";
import { shippedRulesDirectory } from "./support/test-app";
import { entities } from "../src/entities";

const caller = {
  keyId: "00000000-0000-0000-0000-000000000000",
  keyPrefix: "cgk_test",
  keyName: "cgk_test",
  role: Role.INTERNAL,
  partnerId: null,
  personalData: fullPersonalDataAccess,
};
const query = "{ accounts(first: 1) { nodes { id } } }";

describe("while the database is away", () => {
  let proxy: TcpProxy;
  let dataSource: DataSource;
  let policies: PolicyRegistry;
  let server: ApolloServer<RequestContext>;

  beforeAll(async () => {
    const target = new URL(testDatabaseUrl());
    proxy = new TcpProxy(target.hostname, Number(target.port || 5432));
    await proxy.start();
    const proxied = new URL(testDatabaseUrl());
    proxied.port = String(proxy.port);
    dataSource = await createDataSource({ entities, url: proxied.toString(), poolSize: 1, connectTimeoutMilliseconds: 1_500 }).initialize();
    policies = await PolicyRegistry.open(shippedRulesDirectory);
    server = createApolloServer(await buildCustomerGraphSchema(), dataSource, { log: { internalError: () => undefined, audit: () => undefined } });
    await server.start();
  });
  afterAll(async () => {
    await server.stop();
    await dataSource.destroy().catch(() => undefined);
    await proxy.stop();
  });

  const ask = async (text = query, variables?: Record<string, unknown>, headers: Record<string, string> = {}) => {
    const http = { method: "POST", headers: new HeaderMap(Object.entries(headers)), search: "", body: {} };
    const response = await server.executeOperation({ query: text, variables, http }, { contextValue: createRequestContext(dataSource, policies, caller) });
    if (response.body.kind !== "single") throw new Error("Expected a single result");
    return {
      status: response.http.status,
      headers: response.http.headers,
      retryAfter: response.http.headers.get("retry-after"),
      result: response.body.singleResult,
    };
  };

  test("when it goes, then requests get SERVICE_UNAVAILABLE (HTTP 503, Retry-After) within 2 s and readiness says no; when it is back, the server recovers by itself", async () => {
    expect((await ask()).result.errors).toBeUndefined();

    await proxy.stop();
    const started = Date.now();
    const refused = await ask();
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(refused.status).toBe(503);
    expect(refused.retryAfter).toBe("2");
    expect(refused.result.errors?.map((error) => error.extensions?.code)).toEqual(["SERVICE_UNAVAILABLE"]);
    expect(JSON.stringify(refused.result)).not.toMatch(/ECONN|127\.0\.0\.1|terminated/);
    // The driver's message goes to the server's log, not to the unauthenticated answer.
    const logged: string[] = [];
    const readiness = await checkReadiness(dataSource, policies, (check) => void logged.push(check));
    expect(readiness.ready).toBe(false);
    expect(readiness.checks.database).toMatch(/^unreachable/);
    expect(logged).toEqual(["database"]);

    await proxy.start();
    const back = Date.now();
    let recovered = false;
    while (!recovered && Date.now() - back < 5_000) {
      recovered = (await ask()).result.errors === undefined;
      if (!recovered) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(recovered).toBe(true);
    expect((await checkReadiness(dataSource, policies)).ready).toBe(true);
  });

  test("when a client retries a keyed mutation through a database outage, then exactly one write lands and the retries return it", async () => {
    const account = await createAccount(dataSource);
    const order = `mutation ($accountId: ID!) { placeOrder(input: { accountId: $accountId, channel: WEB, lines: [{ product: "Outage", quantity: 1, unitPrice: { amount: "3.00", currency: "USD" } }] }) { id } }`;
    const headers = { "idempotency-key": randomUUID() };
    await proxy.stop();
    const during = await ask(order, { accountId: account.globalId }, headers);
    expect(during.status).toBe(503);
    await proxy.start();
    let acknowledged: Awaited<ReturnType<typeof ask>> | undefined;
    for (let attempt = 0; attempt < 50 && !acknowledged; attempt++) {
      const retry = await ask(order, { accountId: account.globalId }, headers);
      if (retry.status === 503) await new Promise((resolve) => setTimeout(resolve, 100));
      else acknowledged = retry;
    }
    expect(acknowledged?.result.errors).toBeUndefined();
    const again = await ask(order, { accountId: account.globalId }, headers);
    expect(again.result.data).toEqual(acknowledged?.result.data);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    const [{ orders }]: { orders: number }[] = await dataSource.query("SELECT count(*)::int AS orders FROM orders WHERE account_id = $1", [account.id]);
    expect(orders).toBe(1);
  });
});
