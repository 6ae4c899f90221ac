import { DataSource } from "typeorm";
import { createApiKey, NewApiKey } from "../../src/access/api-keys";
import { Authenticator } from "../../src/access/authenticator";
import { defaultLimitsByRole, LimitsByRole } from "../../src/access/query-limits";
import { EventFeed } from "../../src/subscriptions/event-feed";
import { startSubscriptionServer } from "../../src/subscriptions/websocket-server";
import { Role } from "../../src/access/roles";
import { createRequestContext } from "../../src/graphql/request-context";
import { startGraphQLHttpServer } from "../../src/http/graphql-http-server";
import { defaultWorkbenchAssetDirectory } from "../../src/http/rule-workbench";
import { PolicyRegistry } from "../../src/policies/policy-registry";
import { buildCustomerGraphSchema } from "../../src/schema";
import { createApolloServer } from "../../src/server";
import { StatementCounter } from "./statement-counter";
import { shippedRulesDirectory } from "./test-app";
import { openTestDataSource } from "./test-database";

export interface HttpAnswer {
  status: number;
  headers: Headers;
  body: {
    data?: Record<string, unknown> | null;
    errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
    extensions?: Record<string, unknown>;
  };
  text: string;
}

/**
 * The server as clients reach it: our HTTP server on a loopback port, API keys checked by the
 * authenticator, the test database behind it. What a client sends (headers, content types,
 * status codes) is tested here, not through Apollo's `executeOperation`.
 */
export async function startHttpTestServer(options: { limits?: LimitsByRole; maxRequestBytes?: number; subscriptions?: boolean } = {}) {
  const statements = new StatementCounter();
  const dataSource: DataSource = await openTestDataSource({ logger: statements });
  const policies = await PolicyRegistry.open(shippedRulesDirectory);
  const authenticator = new Authenticator(dataSource);
  const schema = await buildCustomerGraphSchema();
  const apollo = createApolloServer(schema, dataSource, {
    limits: options.limits,
    log: { internalError: () => undefined, audit: () => undefined },
  });
  const http = await startGraphQLHttpServer(apollo, {
    port: 0,
    host: "127.0.0.1",
    maxRequestBytes: options.maxRequestBytes ?? 100_000,
    shutdownGraceMilliseconds: 1_000,
    ide: true,
    workbenchAssetDirectory: defaultWorkbenchAssetDirectory(),
    readiness: async () => ({ ready: true }),
    context: async (request) => createRequestContext(dataSource, policies, await authenticator.authenticate(request.headers.authorization)),
  });
  // Only for the tests of subscriptions: the feed's reads would count among the statements and connections others check.
  // Polled often: the tests wait for events, not for a notification the embedded database may not send.
  const events = options.subscriptions ? await EventFeed.start(dataSource, { pollMilliseconds: 50, gapMilliseconds: 1_000, onError: () => undefined }) : null;
  const subscriptions =
    events &&
    startSubscriptionServer(http.server, {
      schema,
      authenticate: (authorization) => authenticator.authenticate(authorization),
      context: (caller) => createRequestContext(dataSource, policies, caller),
      limitsByRole: options.limits ?? defaultLimitsByRole,
      events,
    });

  /** A new API key of the role, as `keys:create` makes it. */
  function createKey(role: Role, partnerId: string | null = null): Promise<NewApiKey> {
    return createApiKey(dataSource.manager, { name: `http test ${role}`, role, partnerId, expiresAt: null });
  }

  /** A raw HTTP request to a path of the server, answered as the client sees it. */
  async function send(path: string, init: RequestInit = {}): Promise<HttpAnswer> {
    const response = await fetch(new URL(path, http.url), { ...init, signal: AbortSignal.timeout(20_000) });
    const text = await response.text();
    let body: HttpAnswer["body"] = {};
    try {
      body = JSON.parse(text) as HttpAnswer["body"];
    } catch {
      // Not JSON (e.g. the IDE's page): the text says it.
    }
    return { status: response.status, headers: response.headers, body, text };
  }

  /** A GraphQL POST with a key and any extra headers. */
  function post(key: string | null, payload: unknown, headers: Record<string, string> = {}): Promise<HttpAnswer> {
    return send("/graphql", {
      method: "POST",
      headers: { "content-type": "application/json", ...(key && { authorization: `Bearer ${key}` }), ...headers },
      body: JSON.stringify(payload),
    });
  }

  /** Connections the pool has handed out and not taken back: a request that ended must leave none. */
  function connectionsInUse(): number {
    const pool = (dataSource.driver as unknown as { master: { totalCount: number; idleCount: number } }).master;
    return pool.totalCount - pool.idleCount;
  }

  /** Statements sent since the last reset, less the key lookups (cached by the authenticator for a few seconds). */
  function statementsBesideKeyLookups(): string[] {
    return statements.statements.filter((statement) => !/FROM api_keys/.test(statement));
  }

  return {
    url: http.url,
    /** The same endpoint for WebSocket clients (subscriptions). */
    webSocketUrl: http.url.replace(/^http/, "ws"),
    statementsBesideKeyLookups,
    dataSource,
    statements,
    createKey,
    send,
    post,
    connectionsInUse,
    async close() {
      await subscriptions?.close();
      await events?.close();
      await http.close();
      await apollo.stop();
      await dataSource.destroy();
    },
  };
}

export type HttpTestServer = Awaited<ReturnType<typeof startHttpTestServer>>;

/** The `extensions.code` of each error of an answer. */
export function answerCodes(answer: HttpAnswer): unknown[] {
  return (answer.body.errors ?? []).map((error) => error.extensions?.code);
}
