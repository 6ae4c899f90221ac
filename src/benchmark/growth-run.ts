import { DataSource } from "typeorm";
import { loadConfig } from "../config";
import { openDatabase } from "../database/open-database";
import { DataSetRequest, DataSetSummary, ensureDataSet, sampleAccountIds } from "./bench-data-set";
import { benchOperations } from "./bench-operations";
import { LoadSettings, OperationFigures } from "./load-run";
import { measureOnServer } from "./server-measurement";

/** The operations whose cost must not depend on the size of the database. */
export const growthOperationNames = ["account-360-page-50", "account-by-id"] as const;

export interface GrowthPoint {
  accounts: number;
  /** The database's name (never its URL: that may hold a password). */
  database: string;
  dataSet: DataSetSummary;
  operations: OperationFigures[];
}

export interface GrowthSettings extends Omit<DataSetRequest, "accounts"> {
  sizes: readonly number[];
  load: Omit<LoadSettings, "apiKey">;
}

/** The database a growth run seeds `accounts` into: DATABASE_URL's, with the size appended to its name. */
export function databaseUrlForSize(databaseUrl: string, accounts: number): string {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.slice(1));
  if (!name) throw new Error("DATABASE_URL names no database: the growth run names its databases after it");
  url.pathname = `/${encodeURIComponent(`${name}_${accounts}`)}`;
  return url.toString();
}

export function databaseName(databaseUrl: string): string {
  return decodeURIComponent(new URL(databaseUrl).pathname.slice(1));
}

/**
 * For each size, in its own database (created when missing, then seeded with the same seed), the 360° page and the
 * account by id measured as in the main run. `administration` (any database of the same server) creates them.
 */
export async function runGrowth(administration: DataSource, databaseUrl: string, settings: GrowthSettings): Promise<GrowthPoint[]> {
  const points: GrowthPoint[] = [];
  for (const accounts of settings.sizes) {
    const url = databaseUrlForSize(databaseUrl, accounts);
    console.log(`\nGrowth run: ${accounts.toLocaleString("en")} accounts in ${databaseName(url)}`);
    await createDatabaseIfMissing(administration, databaseName(url));
    points.push(await measureSize(url, accounts, settings));
  }
  return points;
}

async function measureSize(url: string, accounts: number, settings: GrowthSettings): Promise<GrowthPoint> {
  // The size's own database alone: no read replica of the main one.
  const environment = { DATABASE_URL: url, DATABASE_REPLICA_URLS: "" };
  const database = await openDatabase(loadConfig({ ...process.env, ...environment }), { applicationName: "customer-graph-bench", poolSize: 2 });
  try {
    const dataSet = await ensureDataSet(database.dataSource, url, { accounts, seed: settings.seed, reset: settings.reset });
    if (dataSet.accounts !== accounts) {
      throw new Error(`${databaseName(url)} holds ${dataSet.accounts.toLocaleString("en")} accounts, not ${accounts.toLocaleString("en")}: run with --reset to seed it again`);
    }
    const operations = benchOperations(await sampleAccountIds(database.dataSource, 500)).filter((operation) =>
      (growthOperationNames as readonly string[]).includes(operation.name),
    );
    const figures = await measureOnServer(database.dataSource, url, operations, settings.load, { environment });
    return { accounts, database: databaseName(url), dataSet, operations: figures };
  } finally {
    await database.close();
  }
}

async function createDatabaseIfMissing(administration: DataSource, name: string): Promise<void> {
  const existing: unknown[] = await administration.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
  if (existing.length > 0) return;
  // Identifiers cannot be bound as parameters: quoted, with any quote doubled.
  await administration.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  console.log(`Created the database ${name}`);
}
