import { ApolloServer } from "@apollo/server";
import { DataSource } from "typeorm";
import { createRequestContext, RequestContext } from "../../src/graphql/request-context";
import { createDataSource } from "../../src/database/data-source";
import { checkReadiness } from "../../src/health/readiness";
import { RunningHttpServer, startGraphQLHttpServer } from "../../src/http/graphql-http-server";
import { PolicyRegistry } from "../../src/policies/policy-registry";
import { buildCustomerGraphSchema } from "../../src/schema";
import { createApolloServer } from "../../src/server";
import { TcpProxy } from "../support/tcp-proxy";
import { internalCaller, shippedRulesDirectory } from "../support/test-app";
import { testDatabaseUrl } from "../support/test-database";
import { stringMatching } from "../support/matchers";
import { entities } from "../../src/entities";

/** The HTTP server on a real socket, with the test database behind a proxy that can take it away. */
describe("the HTTP server", () => {
  let proxy: TcpProxy;
  let dataSource: DataSource;
  let apollo: ApolloServer<RequestContext>;
  let http: RunningHttpServer;
  const readinessProblems: Array<{ check: string; error: unknown }> = [];

  beforeAll(async () => {
    const target = new URL(testDatabaseUrl());
    proxy = new TcpProxy(target.hostname, Number(target.port || 5432));
    await proxy.start();
    target.port = String(proxy.port);
    dataSource = await createDataSource({ entities, url: target.toString(), poolSize: 1, connectTimeoutMilliseconds: 1_500 }).initialize();
    const policies = await PolicyRegistry.open(shippedRulesDirectory);
    apollo = createApolloServer(await buildCustomerGraphSchema(), dataSource, { log: { internalError: () => undefined, audit: () => undefined } });
    http = await startGraphQLHttpServer(apollo, {
      port: 0,
      host: "127.0.0.1",
      maxRequestBytes: 100_000,
      shutdownGraceMilliseconds: 1_000,
      ide: false,
      workbenchAssetDirectory: null,
      readiness: () => checkReadiness(dataSource, policies, (check, error) => readinessProblems.push({ check, error })),
      context: async () => createRequestContext(dataSource, policies, internalCaller),
    });
  });
  afterAll(async () => {
    await http.close();
    await apollo.stop();
    await dataSource.destroy().catch(() => undefined);
    await proxy.stop();
  });

  it("when the content type is written in capitals (Application/JSON; Charset=UTF-8), then the request is served as JSON", async () => {
    const response = await fetch(http.url, {
      method: "POST",
      headers: { "Content-Type": "Application/JSON; Charset=UTF-8" },
      body: JSON.stringify({ query: "{ ruleSets { family } }" }),
    });
    const body = (await response.json()) as { data?: { ruleSets: unknown[] }; errors?: unknown };
    expect([response.status, body.errors]).toEqual([200, undefined]);
    expect(body.data?.ruleSets.length).toBeGreaterThan(0);
  });

  it("when the database is unreachable, then /readyz answers 503 with a general reason and the driver's message goes to the log only", async () => {
    await proxy.stop();
    try {
      const response = await fetch(http.url.replace("/graphql", "/readyz"));
      const text = await response.text();
      expect(response.status).toBe(503);
      expect(JSON.parse(text)).toEqual({
        ready: false,
        checks: { database: "unreachable", migrations: "unknown: the database is unreachable", rules: stringMatching(/^ok \(version \w+\)$/) },
      });
      expect(text).not.toMatch(/ECONN|127\.0\.0\.1|connect|terminated|timeout/i);
      expect(readinessProblems.map((problem) => problem.check)).toEqual(["database"]);
      expect(String(readinessProblems[0].error)).toMatch(/ECONNREFUSED|terminated|timeout|connect/i);
    } finally {
      await proxy.start();
    }
  });
});
