import { bool, cleanEnv, makeValidator, num, port, str, url } from "envalid";
import { PolicyFamily, policyFamilies } from "./shared/policy-families";
import { LimitsByRole, limitsWithOverrides } from "./access/query-limits";

/** QUERY_LIMITS: JSON overrides of the per-role query limits, checked here so a typo stops the boot. */
const queryLimits = makeValidator<LimitsByRole>((text) => limitsWithOverrides(JSON.parse(text)));

/** Settings that do not fit: the boot stops with this message, naming each variable. */
export class ConfigurationError extends Error {}

/** envalid's own reporter prints and exits; ours throws, so that the entry point reports it once, its own way. */
function reportInvalidSettings({ errors }: { errors: Partial<Record<string, Error>> }): void {
  const problems = Object.entries(errors).map(([name, error]) => `${name}: ${error?.message ?? "invalid"}`);
  if (problems.length > 0) throw new ConfigurationError(`Invalid settings:\n  ${problems.join("\n  ")}`);
}

/**
 * Every setting of the server and its tools, read from the environment once,
 * validated at boot (a bad value stops the process with a message naming it) and frozen.
 */
export function loadConfig(environment: NodeJS.ProcessEnv = process.env) {
  const settings = cleanEnv(
    environment,
    {
      PORT: port({ default: 4000, desc: "HTTP port of the GraphQL server" }),
      HOST: str({ default: "127.0.0.1", desc: "Interface the server listens on" }),
      DATABASE_URL: url({
        default: undefined,
        desc: "PostgreSQL connection string (secret: may hold a password). Unset: the embedded PGlite database",
      }),
      DATABASE_REPLICA_URLS: str({
        default: "",
        desc: "Read replicas of DATABASE_URL, comma-separated (secret: may hold passwords): staff reads of queries go there (one that does not connect is passed over), writes, transactions and mutations' reads to DATABASE_URL",
      }),
      DATABASE_POOL_SIZE: num({ default: 10, desc: "Connections the server keeps to PostgreSQL" }),
      DATABASE_CONNECT_TIMEOUT_MS: num({ default: 1_500, desc: "How long a request waits for a database connection before it gets 503" }),
      DATABASE_STATEMENT_TIMEOUT_MS: num({ default: 15_000, desc: "The longest a request's statement may run in the server (0: no limit)" }),
      EMBEDDED_DATA_DIR: str({
        default: ".data/pglite",
        desc: "Folder of the embedded database; kept across restarts",
      }),
      EMBEDDED_SOCKET_PORT: port({
        default: 54329,
        desc: "Loopback port on which the embedded database accepts the server's and the tools' connections",
      }),
      DEMO_ACCOUNTS: num({
        default: 200,
        desc: "Accounts seeded on the first start of an empty embedded database (0: none)",
      }),
      GRAPHQL_IDE: bool({ default: true, desc: "Serve GraphiQL (bundled, works offline) to browsers opening /graphql" }),
      RULES_WORKBENCH: bool({ default: true, desc: "Serve the analysts' rule workbench (bundled, works offline) at /rules" }),
      LOG_LEVEL: str({
        default: "info",
        choices: ["fatal", "error", "warn", "info", "debug", "trace", "silent"],
        desc: "Least severe level of the JSON log lines (the logger reads it as it loads)",
      }),
      LOG_SQL: bool({ default: false, desc: "Log every SQL statement (development only)" }),
      MAX_REQUEST_BYTES: num({ default: 1_000_000, desc: "Largest request body accepted (a 500-item upsert fits); larger ones get HTTP 413" }),
      RULES_DIRECTORY: str({ default: "rules", desc: "Folder of the analysts' rule files and their tests (rules/tests)" }),
      RULES_WATCH: bool({ default: true, desc: "Watch the rules folder: a valid change saved there becomes a draft in the workbench (never a publication)" }),
      RULES_REVIEW_FAMILIES: str({
        default: policyFamilies.join(","),
        desc: "Families whose drafts another analyst approves before they are published (four eyes), comma-separated; empty: none",
      }),
      RULES_FOLLOW_MS: num({
        default: 1_000,
        desc: "How often a process looks for a rule set put in service by another (NOTIFY usually tells it sooner)",
      }),
      RULES_PREVIEW_WARNING_SHARE: num({
        default: 0.2,
        desc: "Share of accounts (0 to 1) a draft may change before its impact preview warns that the change is wide (0: always warn of a change, 1: never)",
      }),
      SHUTDOWN_GRACE_MS: num({ default: 10_000, desc: "On SIGTERM, how long requests in flight may take to finish before their connections close" }),
      METRICS_PORT: num({ default: 9464, desc: "Port of GET /metrics (Prometheus), apart from the API's; 0: any free port" }),
      METRICS_HOST: str({ default: "127.0.0.1", desc: "Interface the metrics port listens on (keep it off the partners' network)" }),
      JOB_QUEUE_SCHEMA: str({ default: "job_queue", desc: "PostgreSQL schema of the job queue's tables (pg-boss creates and migrates it)" }),
      JOB_MAINTENANCE_SECONDS: num({
        default: 30,
        desc: "How often the job queue hands on the jobs of a worker that died (they come back this long after their expiry, at most)",
      }),
      EVENT_RETENTION_DAYS: num({
        default: 7,
        desc: "Days the outbox keeps relayed events: a subscriber resumes (since) within them; at least 4 (webhook retries run up to 3 days)",
      }),
      SLA_WARNING_SHARE: num({ default: 0.8, desc: "Share of an SLA target after which a ticket.slaWarning event fires (0.8: at 80% of the time allowed)" }),
      // Partner webhooks (src/webhooks/). The defaults retry for about 28 hours: 25 s·(2^12 − 1), more with jitter.
      WEBHOOK_RETRY_LIMIT: num({ default: 12, desc: "Retries of a failed webhook delivery before it is FAILED (the dead letter)" }),
      WEBHOOK_RETRY_DELAY_SECONDS: num({ default: 25, desc: "Delay before a webhook's first retry; each next one doubles, with jitter" }),
      WEBHOOK_TIMEOUT_MS: num({ default: 10_000, desc: "How long a partner's endpoint has to answer a webhook" }),
      WEBHOOK_EXPIRE_SECONDS: num({
        default: 60,
        desc: "How long an attempt may hold its job before another process retries it (a worker that died); above WEBHOOK_TIMEOUT_MS",
      }),
      WEBHOOK_WORKERS: num({ default: 4, desc: "Webhook deliveries a process sends at once" }),
      WEBHOOK_POLL_SECONDS: num({ default: 2, desc: "How often an idle webhook worker looks for deliveries (at least 0.5)" }),
      QUERY_LIMITS: queryLimits({
        default: limitsWithOverrides({}),
        desc: 'Per-role overrides of the query limits, as JSON, e.g. {"partner": {"cost": 500}} (see README, "For partners")',
      }),
    },
    { reporter: reportInvalidSettings },
  );
  return Object.freeze({
    port: settings.PORT,
    host: settings.HOST,
    databaseUrl: settings.DATABASE_URL,
    databaseReplicaUrls: replicaUrls(settings.DATABASE_REPLICA_URLS),
    databasePoolSize: settings.DATABASE_POOL_SIZE,
    databaseConnectTimeoutMilliseconds: settings.DATABASE_CONNECT_TIMEOUT_MS,
    databaseStatementTimeoutMilliseconds: settings.DATABASE_STATEMENT_TIMEOUT_MS,
    embeddedDataDir: settings.EMBEDDED_DATA_DIR,
    embeddedSocketPort: settings.EMBEDDED_SOCKET_PORT,
    demoAccounts: settings.DEMO_ACCOUNTS,
    logSql: settings.LOG_SQL,
    maxRequestBytes: settings.MAX_REQUEST_BYTES,
    rulesDirectory: settings.RULES_DIRECTORY,
    watchRules: settings.RULES_WATCH,
    followRulesMilliseconds: settings.RULES_FOLLOW_MS,
    reviewFamilies: reviewFamilies(settings.RULES_REVIEW_FAMILIES),
    rulesPreviewWarningShare: shareInclusive("RULES_PREVIEW_WARNING_SHARE", settings.RULES_PREVIEW_WARNING_SHARE),
    queryLimits: settings.QUERY_LIMITS,
    jobQueue: { schema: settings.JOB_QUEUE_SCHEMA, maintenanceSeconds: settings.JOB_MAINTENANCE_SECONDS },
    slaWarningShare: share("SLA_WARNING_SHARE", settings.SLA_WARNING_SHARE),
    eventRetentionDays: atLeast("EVENT_RETENTION_DAYS", settings.EVENT_RETENTION_DAYS, 4),
    shutdownGraceMilliseconds: settings.SHUTDOWN_GRACE_MS,
    graphqlIde: settings.GRAPHQL_IDE,
    rulesWorkbench: settings.RULES_WORKBENCH,
    metricsPort: settings.METRICS_PORT,
    metricsHost: settings.METRICS_HOST,
    webhooks: webhookSettings(settings),
  });
}

function reviewFamilies(text: string): readonly PolicyFamily[] {
  const names = text
    .split(",")
    .map((name) => name.trim())
    .filter((name) => name !== "");
  const unknown = names.filter((name) => !policyFamilies.includes(name as PolicyFamily));
  if (unknown.length > 0)
    throw new ConfigurationError(`Invalid settings:\n  RULES_REVIEW_FAMILIES: ${unknown.join(", ")} not one of ${policyFamilies.join(", ")}`);
  return Object.freeze(names as PolicyFamily[]);
}

/** The WEBHOOK_* settings, checked together: an attempt must time out before its job expires. */
function webhookSettings(settings: Record<`WEBHOOK_${string}`, number>) {
  const webhooks = {
    retryLimit: settings.WEBHOOK_RETRY_LIMIT,
    retryDelaySeconds: settings.WEBHOOK_RETRY_DELAY_SECONDS,
    timeoutMilliseconds: settings.WEBHOOK_TIMEOUT_MS,
    expireSeconds: settings.WEBHOOK_EXPIRE_SECONDS,
    workers: settings.WEBHOOK_WORKERS,
    pollingSeconds: settings.WEBHOOK_POLL_SECONDS,
  };
  const problems = [
    !(Number.isInteger(webhooks.retryLimit) && webhooks.retryLimit >= 0) && "WEBHOOK_RETRY_LIMIT: a whole number, 0 or more",
    !(webhooks.retryDelaySeconds >= 1) && "WEBHOOK_RETRY_DELAY_SECONDS: at least 1",
    !(webhooks.timeoutMilliseconds > 0) && "WEBHOOK_TIMEOUT_MS: more than 0",
    !(webhooks.expireSeconds * 1000 > webhooks.timeoutMilliseconds) && "WEBHOOK_EXPIRE_SECONDS: longer than WEBHOOK_TIMEOUT_MS",
    !(Number.isInteger(webhooks.workers) && webhooks.workers >= 1) && "WEBHOOK_WORKERS: a whole number, 1 or more",
    !(webhooks.pollingSeconds >= 0.5) && "WEBHOOK_POLL_SECONDS: at least 0.5",
  ].filter((problem) => problem !== false);
  if (problems.length > 0) throw new ConfigurationError(`Invalid settings:\n  ${problems.join("\n  ")}`);
  return Object.freeze(webhooks);
}

export type Config = ReturnType<typeof loadConfig>;

/** A share strictly between 0 and 1. */
function share(name: string, value: number): number {
  if (!(value > 0 && value < 1)) throw new ConfigurationError(`Invalid settings:\n  ${name}: must be between 0 and 1 (e.g. 0.8), got ${value}`);
  return value;
}

/** A share from 0 to 1, both ends allowed. */
function shareInclusive(name: string, value: number): number {
  if (!(value >= 0 && value <= 1)) throw new ConfigurationError(`Invalid settings:\n  ${name}: must be from 0 to 1 (e.g. 0.2), got ${value}`);
  return value;
}

function atLeast(name: string, value: number, minimum: number): number {
  if (!(value >= minimum)) throw new ConfigurationError(`Invalid settings:\n  ${name}: must be at least ${minimum}, got ${value}`);
  return value;
}

/** Each replica a PostgreSQL URL; a bad one stops the boot naming it (without echoing a password). */
function replicaUrls(text: string): string[] {
  const urls = text
    .split(",")
    .map((url) => url.trim())
    .filter((url) => url.length > 0);
  urls.forEach((url, index) => {
    if (!/^postgres(ql)?:\/\/[^\s]+$/.test(url)) throw new Error(`DATABASE_REPLICA_URLS: entry ${index + 1} is not a postgres:// URL`);
  });
  return urls;
}
