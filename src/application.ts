import { DataSource } from "typeorm";
import { createApiKey } from "./access/api-keys";
import { Authenticator } from "./access/authenticator";
import { Role } from "./access/roles";
import { Config } from "./config";
import { createRequestContext } from "./context";
import { openDatabase } from "./database/open-database";
import { PolicyRuntime } from "./policies/policy-runtime";
import { buildCustomerGraphSchema } from "./schema";
import { startGraphQLHttpServer } from "./http/graphql-http-server";
import { createApolloServer } from "./server";
import { RunningMetricsServer, startMetricsServer } from "./metrics/metrics-server";
import { checkReadiness } from "./health/readiness";
import { logger } from "./logging/logger";
import { deleteExpiredResponses } from "./idempotency/idempotent-requests";
import { registerServerMetrics } from "./metrics/server-metrics";

export interface RunningApplication {
  url: string;
  metricsUrl: string;
  /** A key printed for development on the embedded database, so that the two-command start works. */
  developmentKey: string | null;
  databaseKind: "postgresql" | "embedded";
  policies: PolicyRuntime;
  stop(): Promise<void>;
}

const log = {
  info: (message: string) => logger.info(message),
  error: (message: string) => logger.error(message),
};

/**
 * Opens (and migrates) the database, seeds demo data into a new embedded database,
 * and serves GraphQL at `/graphql` (any path, with the standalone server) on the configured port.
 */
export async function startApplication(config: Config): Promise<RunningApplication> {
  const database = await openDatabase(config, {
    applicationName: "customer-graph-server",
    statementTimeoutMilliseconds: config.databaseStatementTimeoutMilliseconds,
  });
  let policies: PolicyRuntime | undefined;
  let metrics: RunningMetricsServer | undefined;
  try {
    metrics = await startMetricsServer(config.metricsPort, config.metricsHost);
    policies = await PolicyRuntime.start(database.dataSource, config.rulesDirectory, log, {
      watch: config.watchRules,
      listen: database.kind === "postgresql",
      followMilliseconds: config.followRulesMilliseconds,
    });
    if (database.ownsEmbeddedDatabase) {
      // Loaded only here: the seed's faker holds about 30 MB that a server on PostgreSQL never needs.
      const { seedDemoGraphIfEmpty } = await import("./database/seed/demo-seed");
      await seedDemoGraphIfEmpty(database.dataSource, config.demoAccounts);
    }
    await policies.reevaluateIfStale();
    const registry = policies.registry;
    registerServerMetrics(database.dataSource, registry);
    const authenticator = new Authenticator(database.dataSource);
    const developmentKey = database.ownsEmbeddedDatabase ? await createDevelopmentKey(database.dataSource) : null;
    const server = createApolloServer(await buildCustomerGraphSchema(), database.dataSource, { limits: config.queryLimits });
    const http = await startGraphQLHttpServer(server, {
      port: config.port,
      host: config.host,
      maxRequestBytes: config.maxRequestBytes,
      shutdownGraceMilliseconds: config.shutdownGraceMilliseconds,
      ide: config.graphqlIde,
      readiness: () => checkReadiness(database.dataSource, registry),
      context: async (request) => createRequestContext(database.dataSource, registry, await authenticator.authenticate(request.headers.authorization)),
    });
    const expiry = setInterval(() => {
      deleteExpiredResponses(database.dataSource).catch((error: unknown) => logger.warn({ err: error }, "idempotency: expired responses not deleted"));
    }, 3_600_000);
    expiry.unref();
    const runningPolicies = policies;
    const runningMetrics = metrics;
    return {
      url: http.url,
      metricsUrl: metrics.url,
      developmentKey,
      databaseKind: database.kind,
      policies: runningPolicies,
      async stop() {
        clearInterval(expiry);
        await http.close();
        await runningMetrics.close();
        await server.stop();
        await runningPolicies.close();
        await database.close();
      },
    };
  } catch (error) {
    await metrics?.close();
    await policies?.close();
    await database.close();
    throw error;
  }
}

/** An internal key for the developer running `npm start` on the embedded database; it expires in 30 days. */
async function createDevelopmentKey(dataSource: DataSource): Promise<string> {
  const expiresAt = new Date(Date.now() + 30 * 24 * 3600 * 1000);
  return (await createApiKey(dataSource.manager, { name: "development key (npm start)", role: Role.INTERNAL, partnerId: null, expiresAt })).key;
}
