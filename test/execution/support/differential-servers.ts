import { ApolloServer, HeaderMap } from "@apollo/server";
import { DataSource } from "typeorm";
import { defaultLimitsByRole, LimitsByRole } from "../../../src/access/query-limits";
import { Caller } from "../../../src/access/roles";
import { createRequestContext, RequestContext } from "../../../src/graphql/request-context";
import { PolicyRegistry } from "../../../src/policies/policy-registry";
import { createApolloServer } from "../../../src/server";
import { testSchema } from "../../support/test-app";
import { RandomRequest } from "./random-documents";

/** The shipped limits without rate limits: hundreds of requests from one key must not run into the bucket. */
const limitsWithoutRates = Object.fromEntries(
  Object.entries(defaultLimitsByRole).map(([role, limits]) => [role, { ...limits, rateLimit: null }]),
) as LimitsByRole;

/** Internal errors carry a request id of their own, different on every request. */
const requestIdPattern = /"requestId":"[0-9a-f-]{36}"/g;

export interface Response {
  /** The HTTP status and the JSON body, as a client receives them (request ids blanked). */
  text: string;
  body: { data?: Record<string, unknown> | null; errors?: ReadonlyArray<{ extensions?: { code?: unknown } }> };
}

/**
 * The same server twice on one database: queries on graphql-jit, and everything on graphql-js.
 * Each request gets a context of its own, as over HTTP.
 */
export async function startDifferentialServers(dataSource: DataSource, policies: PolicyRegistry) {
  const schema = await testSchema();
  const quiet = { internalError: () => undefined, audit: () => undefined };
  const compiled = createApolloServer(schema, dataSource, { limits: limitsWithoutRates, log: quiet });
  const graphqlJs = createApolloServer(schema, dataSource, { limits: limitsWithoutRates, log: quiet, compiledQueries: false });
  await Promise.all([compiled.start(), graphqlJs.start()]);

  async function send(server: ApolloServer<RequestContext>, request: RandomRequest, caller: Caller): Promise<Response> {
    const http = { method: "POST", headers: new HeaderMap(), search: "", body: {} };
    const response = await server.executeOperation({ ...request, http }, { contextValue: createRequestContext(dataSource, policies, caller) });
    if (response.body.kind !== "single") throw new Error("Expected a single result");
    const body = response.body.singleResult;
    return { text: `${response.http.status ?? 200} ${JSON.stringify(body).replace(requestIdPattern, '"requestId":"…"')}`, body };
  }

  return {
    onCompiled: (request: RandomRequest, caller: Caller) => send(compiled, request, caller),
    onGraphqlJs: (request: RandomRequest, caller: Caller) => send(graphqlJs, request, caller),
    async stop() {
      await Promise.all([compiled.stop(), graphqlJs.stop()]);
    },
  };
}

export type DifferentialServers = Awaited<ReturnType<typeof startDifferentialServers>>;
