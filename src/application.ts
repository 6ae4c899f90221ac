import { developmentKey, DevelopmentKey, hasUsableKey } from "./access/development-key";
import { Authenticator } from "./access/authenticator";
import { Config } from "./config";
import { createRequestContext } from "./graphql/request-context";
import { openDatabase } from "./database/open-database";
import { PolicyRuntime } from "./policies/policy-runtime";
import { buildCustomerGraphSchema } from "./schema";
import { startGraphQLHttpServer } from "./http/graphql-http-server";
import { defaultWorkbenchAssetDirectory } from "./http/rule-workbench";
import { createApolloServer } from "./server";
import { RunningMetricsServer, startMetricsServer } from "./metrics/metrics-server";
import { checkReadiness } from "./health/readiness";
import { logger } from "./logging/logger";
import { deleteExpiredResponses } from "./idempotency/idempotent-requests";
import { registerServerMetrics } from "./metrics/server-metrics";
import { entities } from "./entities";
import { primaryUrl } from "./database/data-source";
import { EventFeed } from "./subscriptions/event-feed";
import { startSubscriptionServer } from "./subscriptions/websocket-server";
import { JobQueue, startJobQueue } from "./jobs/job-queue";
import { RunningEventWork, startEventWork } from "./event-work";
import { listenForNotifications } from "./database/notification-listener";
import { domainEventsChannel } from "./database/migrations/1764900000000-domain-event-feed";

export interface RunningApplication {
  url: string;
  metricsUrl: string;
  /** A key printed for development on the embedded database, so that the two-command start works. */
  developmentKey: DevelopmentKey | null;
  /** On PostgreSQL with no usable key yet: the operator is told how to make the first one. */
  needsFirstKey: boolean;
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
    entities,
    applicationName: "customer-graph-server",
    statementTimeoutMilliseconds: config.databaseStatementTimeoutMilliseconds,
  });
  let policies: PolicyRuntime | undefined;
  let queue: JobQueue | undefined;
  let eventWork: RunningEventWork | undefined;
  let metrics: RunningMetricsServer | undefined;
  try {
    metrics = await startMetricsServer(config.metricsPort, config.metricsHost);
    if (database.ownsEmbeddedDatabase) {
      // Loaded only here: the seed's faker holds about 30 MB that a server on PostgreSQL never needs.
      // Seeded before the policies start following the published rule set: the embedded database's one
      // session is the seed's while it writes, and a follow would time out on it.
      const { seedDemoGraphIfEmpty } = await import("./seed/demo-seed");
      await seedDemoGraphIfEmpty(database.dataSource, config.demoAccounts);
    }
    const dataSource = database.dataSource;
    const jobs = await startJobQueue(primaryUrl(dataSource), config.jobQueue, "worker", (error) => logger.warn({ err: error }, "jobs: the queue failed"));
    queue = jobs;
    policies = await PolicyRuntime.start(database.dataSource, config.rulesDirectory, log, {
      queue: jobs,
      watch: config.watchRules,
      listen: database.kind === "postgresql",
      followMilliseconds: config.followRulesMilliseconds,
    });
    await policies.reevaluateIfStale();
    const registry = policies.registry;
    registerServerMetrics(database.dataSource, () => registry.current().version);
    const authenticator = new Authenticator(database.dataSource);
    const key = database.ownsEmbeddedDatabase ? await developmentKey(database.dataSource, config.embeddedDataDir) : null;
    const needsFirstKey = database.kind === "postgresql" && !(await hasUsableKey(database.dataSource));
    // The embedded database serves this process alone: nothing to LISTEN for, the outbox is polled more often.
    const onPostgres = database.kind === "postgresql";
    const pollMilliseconds = onPostgres ? 1_000 : 250;
    const work = await startEventWork(dataSource, jobs, config, { pollMilliseconds });
    eventWork = work;
    const services = {
      webhookJobs: work.webhookJobs,
      rulePublication: { queue: jobs, reviewFamilies: config.reviewFamilies, previewWarningShare: config.rulesPreviewWarningShare },
    };
    const schema = await buildCustomerGraphSchema();
    const server = createApolloServer(schema, database.dataSource, { limits: config.queryLimits });
    const http = await startGraphQLHttpServer(server, {
      port: config.port,
      host: config.host,
      maxRequestBytes: config.maxRequestBytes,
      shutdownGraceMilliseconds: config.shutdownGraceMilliseconds,
      ide: config.graphqlIde,
      workbenchAssetDirectory: config.rulesWorkbench ? defaultWorkbenchAssetDirectory() : null,
      readiness: () => checkReadiness(database.dataSource, registry),
      context: async (request) => createRequestContext(dataSource, registry, await authenticator.authenticate(request.headers.authorization), services),
    });
    const events = await EventFeed.start(dataSource, {
      pollMilliseconds,
      gapMilliseconds: 5_000,
      onError: (error) => logger.warn({ err: error }, "events: reading the outbox failed; retrying"),
    });
    // One LISTEN connection for appended events, whichever process appended them: it wakes the feed and the relay.
    const appended = onPostgres
      ? listenForNotifications(
          { connectionString: primaryUrl(dataSource), channel: domainEventsChannel, applicationName: "customer-graph-domain-events" },
          () => {
            events.wake();
            work.wake();
          },
          (error) => logger.warn({ err: error }, "events: listening for appended events failed; retrying"),
        )
      : undefined;
    const subscriptions = startSubscriptionServer(http.server, {
      schema,
      authenticate: (authorization) => authenticator.authenticate(authorization),
      context: (caller) => createRequestContext(dataSource, registry, caller, services),
      limitsByRole: config.queryLimits,
      events,
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
      developmentKey: key,
      needsFirstKey,
      databaseKind: database.kind,
      policies: runningPolicies,
      async stop() {
        clearInterval(expiry);
        await subscriptions.close();
        await appended?.close();
        await events.close();
        await http.close();
        await runningMetrics.close();
        await server.stop();
        await runningPolicies.close();
        await work.close();
        await jobs.stop(config.shutdownGraceMilliseconds);
        await database.close();
      },
    };
  } catch (error) {
    await metrics?.close();
    await policies?.close();
    await eventWork?.close();
    await queue?.stop(0);
    await database.close();
    throw error;
  }
}
