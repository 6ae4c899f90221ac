import { randomUUID } from "node:crypto";
import { Partner } from "../../src/partners/partner.entity";
import { ApolloServer, HeaderMap } from "@apollo/server";
import { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { GraphQLFormattedError, GraphQLSchema, print } from "graphql";
import { DataSource } from "typeorm";
import path from "node:path";
import { createRequestContext, RequestContext, RequestServices } from "../../src/graphql/request-context";
import { AuditEntry } from "../../src/graphql/plugins/request-log-plugin";
import { LimitsByRole } from "../../src/access/query-limits";
import { Caller, fullPersonalDataAccess, Role } from "../../src/access/roles";
import { DataSourceOptions } from "../../src/database/data-source";
import { PolicyRegistry } from "../../src/policies/policy-registry";
import { buildCustomerGraphSchema } from "../../src/schema";
import { createApolloServer } from "../../src/server";
import { StatementCounter } from "./statement-counter";
import { openTestDataSource } from "./test-database";

export interface ExecutionResult<Data> {
  data?: Data | null;
  errors?: ReadonlyArray<GraphQLFormattedError>;
  extensions?: Record<string, unknown>;
}

let schemaOnce: Promise<GraphQLSchema> | undefined;

/** The schema every test app serves, built once per test file. */
export function testSchema(): Promise<GraphQLSchema> {
  return (schemaOnce ??= buildCustomerGraphSchema());
}

let resolverSchemaOnce: Promise<GraphQLSchema> | undefined;

/** The schema without the read planner: the resolvers and their loaders, which answer whatever the planner does not plan. */
export function resolverSchema(): Promise<GraphQLSchema> {
  return (resolverSchemaOnce ??= buildCustomerGraphSchema({ readPlanner: false }));
}

/** The shipped rules/ folder, as the server runs it. */
export const shippedRulesDirectory = path.resolve(__dirname, "../../rules");

/** The GraphQL server on the test database, with a statement counter; call `close` in afterAll. */
/** What front-ends are: the caller of every test request unless a test says otherwise. */
export const internalCaller: Caller = {
  keyId: "00000000-0000-0000-0000-000000000000",
  keyPrefix: "cgk_test",
  keyName: "cgk_test",
  role: Role.INTERNAL,
  partnerId: null,
  personalData: fullPersonalDataAccess,
};

/** A partner's caller, as its API key would make it: personal data as its agreement says. */
export function partnerCaller(partner: Partner): Caller {
  return {
    keyId: randomUUID(),
    keyPrefix: "cgk_partner",
    keyName: "cgk_partner",
    role: Role.PARTNER,
    partnerId: partner.id,
    personalData: { contactEmail: partner.sharesContactEmail, contactPhone: partner.sharesContactPhone },
  };
}

export interface TestAppOptions {
  rulesDirectory?: string;
  limits?: LimitsByRole;
  /** E.g. read replicas, which the test database has none of; `poolSize` 1 makes statements run in the order they are sent (as on PGlite). */
  database?: Partial<Pick<DataSourceOptions, "poolSize" | "replicaUrls" | "replicaRetryMilliseconds" | "connectTimeoutMilliseconds">>;
  /** Another build of the schema (e.g. without the read planner). */
  schema?: GraphQLSchema;
  /** Another database than the shared test database (see isolated-database.ts). */
  databaseUrl?: string;
  /** Another app's rule sets, so that two apps answer alike. */
  policies?: PolicyRegistry;
  /** What a server process hands its requests besides the database (e.g. how it publishes rules). */
  services?: RequestServices;
}

export async function startTestApp(options: TestAppOptions = {}) {
  const policies = options.policies ?? (await PolicyRegistry.open(options.rulesDirectory ?? shippedRulesDirectory));
  const statements = new StatementCounter();
  const dataSource: DataSource = await openTestDataSource({
    logger: statements,
    ...options.database,
    ...(options.databaseUrl && { url: options.databaseUrl }),
  });
  const services = options.services ?? {};
  const internalErrors: unknown[] = [];
  const internalErrorRequestIds: string[] = [];
  const auditEntries: AuditEntry[] = [];
  const server: ApolloServer<RequestContext> = createApolloServer(options.schema ?? (await testSchema()), dataSource, {
    limits: options.limits,
    log: {
      internalError: (requestId, error) => {
        internalErrors.push(error);
        internalErrorRequestIds.push(requestId);
      },
      audit: (entry) => auditEntries.push(entry),
    },
  });
  await server.start();

  async function execute<Data, Variables extends Record<string, unknown>>(
    document: TypedDocumentNode<Data, Variables>,
    variables?: Variables,
    caller: Caller = internalCaller,
  ): Promise<ExecutionResult<Data>> {
    return executeText<Data>(print(document), variables, caller);
  }

  /** Any text as a document, as a hostile client might send it. */
  function executeText<Data = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, caller: Caller = internalCaller) {
    return executeInContext<Data>(query, variables, createRequestContext(dataSource, policies, caller, services));
  }

  /** A document run with a context made by the test, e.g. with a data scope of its own, and HTTP headers if given. */
  async function executeInContext<Data = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown> | undefined,
    contextValue: RequestContext,
    headers: Record<string, string> = {},
  ): Promise<ExecutionResult<Data> & { http: { status?: number; headers: HeaderMap } }> {
    const http = { method: "POST", headers: new HeaderMap(Object.entries(headers)), search: "", body: {} };
    const response = await server.executeOperation<Data>({ query, variables, http }, { contextValue });
    if (response.body.kind !== "single") throw new Error("Expected a single result");
    // Through JSON, as a client receives it (scalars serialized, e.g. DateTime as strings).
    const result = JSON.parse(JSON.stringify(response.body.singleResult)) as ExecutionResult<Data>;
    return { ...result, http: { status: response.http.status, headers: response.http.headers } };
  }

  /** Any text as a document, with HTTP headers (e.g. Idempotency-Key). */
  function executeWithHeaders<Data = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown> | undefined,
    headers: Record<string, string>,
    caller: Caller = internalCaller,
  ) {
    return executeInContext<Data>(query, variables, createRequestContext(dataSource, policies, caller, services), headers);
  }

  return {
    dataSource,
    policies,
    statements,
    internalErrors,
    internalErrorRequestIds,
    auditEntries,
    execute,
    executeText,
    executeInContext,
    executeWithHeaders,
    async close() {
      await server.stop();
      await dataSource.destroy();
    },
  };
}

export type TestApp = Awaited<ReturnType<typeof startTestApp>>;

/** The `extensions.code` of each error, for asserting failures. */
export function errorCodes(result: ExecutionResult<unknown>): unknown[] {
  return (result.errors ?? []).map((error) => error.extensions?.code);
}
