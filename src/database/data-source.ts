import { PoolConfig, types } from "pg";
import { DataSource, Logger, MigrationExecutor } from "typeorm";
import { PostgresDataSourceOptions } from "typeorm/driver/postgres/PostgresDataSourceOptions";
import { migrations } from "./migrations";
import { defaultReplicaRetryMilliseconds, routeReadsToReplicas } from "./replica-reads";

// bigint columns hold minor units and counts, far below 2^53: numbers, not strings.
types.setTypeParser(types.builtins.INT8, (value) => Number(value));

export interface DataSourceOptions {
  url: string;
  /** The tables TypeORM maps: the composition layer's list (src/entities.ts), as the database knows no domain. */
  entities: NonNullable<PostgresDataSourceOptions["entities"]>;
  poolSize: number;
  logger?: Logger;
  applicationName?: string;
  /** How long getting a connection may take (from the pool, or a new one) before the statement fails. */
  connectTimeoutMilliseconds?: number;
  /** The longest a statement may run (0: no limit; batch tools and migrations run without one). */
  statementTimeoutMilliseconds?: number;
  /** Read replicas: TypeORM sends a query builder's reads outside transactions to them, everything else to `url`; see replica-reads.ts. */
  replicaUrls?: readonly string[];
  /** How long a replica that failed to connect gets no reads. */
  replicaRetryMilliseconds?: number;
}

/** A database that does not answer a connection within this is treated as away (503 within 2 s). */
export const defaultConnectTimeoutMilliseconds = 1_500;

/** A TypeORM data source on PostgreSQL (a real server, or the embedded one behind its loopback socket). */
export function createDataSource(options: DataSourceOptions): DataSource {
  const replicas = options.replicaUrls ?? [];
  const pools = poolOptions(options);
  const dataSource = new DataSource({
    type: "postgres",
    // With replicas, TypeORM's replication routes the reads and replica-reads.ts gives it their connections.
    ...(replicas.length === 0 ? { url: withJitOff(options.url) } : { replication: { master: { url: withJitOff(options.url) }, slaves: [] } }),
    entities: options.entities,
    migrations,
    migrationsTableName: "schema_migrations",
    synchronize: false,
    logger: options.logger,
    logging: options.logger ? "all" : false,
    extra: pools,
  });
  if (replicas.length > 0) {
    routeReadsToReplicas(dataSource, replicas.map(withJitOff), pools, options.replicaRetryMilliseconds ?? defaultReplicaRetryMilliseconds);
  }
  return dataSource;
}

/** The settings of every pool: the primary's, and each replica's. */
function poolOptions(options: DataSourceOptions): PoolConfig {
  return {
    max: options.poolSize,
    application_name: options.applicationName ?? "customer-graph",
    connectionTimeoutMillis: options.connectTimeoutMilliseconds ?? defaultConnectTimeoutMilliseconds,
    ...(options.statementTimeoutMilliseconds ? { statement_timeout: options.statementTimeoutMilliseconds } : {}),
    // A peer gone silent (no reset, no answer) is noticed by TCP keepalive instead of waited on for ever.
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    // A transaction left open by a crashed request would hold its locks and connection for ever.
    idle_in_transaction_session_timeout: 60_000,
  };
}

/** The primary's connection string (also with replicas): where writes, LISTEN and migrations go. */
export function primaryUrl(dataSource: DataSource): string {
  const options = dataSource.options as PostgresDataSourceOptions;
  return (options.replication?.master.url ?? options.url)!;
}

/**
 * JIT compilation pays off for long analytics, not for our short, well-indexed statements: the planner's
 * high estimates for batch statements made it spend more time compiling than running (measured: 535 ms
 * of a 606 ms statement). Added to the URL's own `options`, which pg would otherwise use instead.
 */
function withJitOff(connectionString: string): string {
  const url = new URL(connectionString);
  const options = url.searchParams.get("options");
  url.searchParams.set("options", options ? `${options} -c jit=off` : "-c jit=off");
  return url.toString();
}

/** Any fixed number: it names the advisory lock that makes concurrent starts migrate one at a time. */
const migrationLockKey = 7_346_210_001;

/**
 * Applies every pending migration, each in its own transaction; returns the names applied.
 * They run on the connection that holds the lock, so one connection is enough.
 */
export async function migrate(dataSource: DataSource): Promise<string[]> {
  const lockHolder = dataSource.createQueryRunner();
  await lockHolder.connect();
  try {
    // An index on a large table may take long: migrations run without the server's statement timeout.
    await lockHolder.query("SET statement_timeout = 0");
    await lockHolder.query("SELECT pg_advisory_lock($1)", [migrationLockKey]);
    const executor = new MigrationExecutor(dataSource, lockHolder);
    executor.transaction = "each";
    const applied = await executor.executePendingMigrations();
    return applied.map((migration) => migration.name);
  } finally {
    await lockHolder.query("SELECT pg_advisory_unlock($1)", [migrationLockKey]);
    await lockHolder.query("RESET statement_timeout");
    await lockHolder.release();
  }
}
