import { ApolloServer } from "@apollo/server";
import { DataSource } from "typeorm";
import { fullPersonalDataAccess, Role } from "../src/access/roles";
import { createRequestContext, RequestContext } from "../src/context";
import { createDataSource } from "../src/database/data-source";
import { checkReadiness } from "../src/health/readiness";
import { PolicyRegistry } from "../src/policies/policy-registry";
import { buildCustomerGraphSchema } from "../src/schema";
import { createApolloServer } from "../src/server";
import { TcpProxy } from "./support/tcp-proxy";
import { testDatabaseUrl } from "./support/test-database";
import { shippedRulesDirectory } from "./support/test-app";

const caller = { keyId: "00000000-0000-0000-0000-000000000000", keyPrefix: "cgk_test", role: Role.INTERNAL, partnerId: null, personalData: fullPersonalDataAccess };
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
    dataSource = await createDataSource({ url: proxied.toString(), poolSize: 1, connectTimeoutMilliseconds: 1_500 }).initialize();
    policies = await PolicyRegistry.open(shippedRulesDirectory);
    server = createApolloServer(await buildCustomerGraphSchema(), dataSource, { log: { internalError: () => undefined, audit: () => undefined } });
    await server.start();
  });
  afterAll(async () => {
    await server.stop();
    await dataSource.destroy().catch(() => undefined);
    await proxy.stop();
  });

  const ask = async () => {
    const response = await server.executeOperation({ query }, { contextValue: createRequestContext(dataSource, policies, caller) });
    if (response.body.kind !== "single") throw new Error("Expected a single result");
    return { status: response.http.status, retryAfter: response.http.headers.get("retry-after"), result: response.body.singleResult };
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
    const readiness = await checkReadiness(dataSource, policies);
    expect(readiness.ready).toBe(false);
    expect(readiness.checks.database).toMatch(/^unreachable/);

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
});
