import { AdvancedConsoleLogger, DataSource, Logger } from "typeorm";
import { StatementCountingLogger } from "../metrics/statement-counting-logger";
import { createDataSource, DataSourceOptions, migrate } from "./data-source";
import { embeddedPoolSize, findRunningEmbeddedDatabase, startEmbeddedDatabase } from "./embedded-database";

export interface OpenDatabase {
  dataSource: DataSource;
  /** "postgresql" for DATABASE_URL, "embedded" for PGlite started by this process or by the running server. */
  kind: "postgresql" | "embedded";
  /** True when this process started the embedded database (and so may seed it). */
  ownsEmbeddedDatabase: boolean;
  /** The migrations this opening applied, oldest first. */
  appliedMigrations: string[];
  close(): Promise<void>;
}

/** The settings a database is opened with (src/config.ts reads and checks them). */
export interface DatabaseSettings {
  databaseUrl: string | undefined;
  databaseReplicaUrls: readonly string[];
  databasePoolSize: number;
  databaseConnectTimeoutMilliseconds: number;
  embeddedDataDir: string;
  embeddedSocketPort: number;
  logSql: boolean;
}

/** How one process opens it: which tables it maps (the composition layer's list, src/entities.ts), its name, its pool. */
export interface OpeningOptions {
  entities: DataSourceOptions["entities"];
  logger?: Logger;
  applicationName?: string;
  poolSize?: number;
  statementTimeoutMilliseconds?: number;
}

/**
 * Opens the database the configuration names and brings its schema up to date:
 * DATABASE_URL when set; else the embedded database of the running server; else a new embedded one.
 */
export async function openDatabase(config: DatabaseSettings, options: OpeningOptions): Promise<OpenDatabase> {
  const poolSize = options.poolSize ?? config.databasePoolSize;
  const connectOptions: ConnectOptions = {
    entities: options.entities,
    applicationName: options.applicationName,
    logger: new StatementCountingLogger(options.logger ?? (config.logSql ? new AdvancedConsoleLogger("all") : undefined)),
    connectTimeoutMilliseconds: config.databaseConnectTimeoutMilliseconds,
    statementTimeoutMilliseconds: options.statementTimeoutMilliseconds,
  };
  if (config.databaseUrl) {
    return connect(config.databaseUrl, "postgresql", false, poolSize, { ...connectOptions, replicaUrls: config.databaseReplicaUrls }, async () => undefined);
  }
  const runningUrl = await findRunningEmbeddedDatabase(config.embeddedDataDir);
  if (runningUrl) {
    return connect(runningUrl, "embedded", false, embeddedPoolSize, connectOptions, async () => undefined);
  }
  const embedded = await startEmbeddedDatabase(config.embeddedDataDir, config.embeddedSocketPort);
  try {
    return await connect(embedded.url, "embedded", true, embeddedPoolSize, connectOptions, () => embedded.stop());
  } catch (error) {
    await embedded.stop();
    throw error;
  }
}

type ConnectOptions = Pick<
  DataSourceOptions,
  "entities" | "logger" | "applicationName" | "connectTimeoutMilliseconds" | "statementTimeoutMilliseconds" | "replicaUrls"
>;

async function connect(
  url: string,
  kind: OpenDatabase["kind"],
  ownsEmbeddedDatabase: boolean,
  poolSize: number,
  options: ConnectOptions,
  release: () => Promise<void>,
): Promise<OpenDatabase> {
  const dataSource = createDataSource({
    url,
    poolSize,
    entities: options.entities,
    logger: options.logger,
    applicationName: options.applicationName,
    connectTimeoutMilliseconds: options.connectTimeoutMilliseconds,
    statementTimeoutMilliseconds: options.statementTimeoutMilliseconds,
    replicaUrls: options.replicaUrls,
  });
  await dataSource.initialize();
  const appliedMigrations = await migrate(dataSource);
  return {
    dataSource,
    kind,
    ownsEmbeddedDatabase,
    appliedMigrations,
    async close() {
      await dataSource.destroy();
      await release();
    },
  };
}
