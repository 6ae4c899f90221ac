import { DataSource } from "typeorm";
import { loadConfig } from "../config";
import { openDatabase } from "../database/open-database";
import { DataSetRequest, DataSetSummary, ensureDataSet, sampleAccountIds } from "./bench-data-set";
import { benchOperations } from "./bench-operations";
import { LoadSettings, OperationFigures } from "./load-run";
import { measureOnServer } from "./server-measurement";
import { entities } from "../entities";

/** The operations whose cost must not depend on the size of the database. */
export const growthOperationNames = ["account-360-page-50", "account-by-id"] as const;

export interface GrowthPoint {
  accounts: number;
  /** The database's name (never its URL: that may hold a password). */
  database: string;
  dataSet: DataSetSummary;
  /** The figures of each round, in the order measured. */
  rounds: OperationFigures[][];
}

export interface GrowthSettings extends Omit<DataSetRequest, "accounts"> {
  sizes: readonly number[];
  rounds: number;
  load: Omit<LoadSettings, "apiKey">;
}

interface SizeDatabase {
  accounts: number;
  url: string;
  dataSet: DataSetSummary;
}

/** The database a growth run seeds `accounts` into: DATABASE_URL's, with the size appended to its name. */
export function databaseUrlForSize(databaseUrl: string, accounts: number): string {
  const url = new URL(databaseUrl);
  const name = databaseName(databaseUrl);
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
 * The sizes are measured in turn, round after round, so that each sees the same spells of other work on a shared
 * machine (see bestOfRounds).
 */
export async function runGrowth(administration: DataSource, databaseUrl: string, settings: GrowthSettings): Promise<GrowthPoint[]> {
  const databases: SizeDatabase[] = [];
  for (const accounts of settings.sizes) {
    const url = databaseUrlForSize(databaseUrl, accounts);
    console.log(`\nGrowth run: ${accounts.toLocaleString("en")} accounts in ${databaseName(url)}`);
    await createDatabaseIfMissing(administration, databaseName(url));
    databases.push({ accounts, url, dataSet: await withSizeDatabase(url, (dataSource) => seedSize(dataSource, url, accounts, settings)) });
  }
  const measured: OperationFigures[][][] = databases.map(() => []);
  for (let round = 1; round <= settings.rounds; round++) {
    for (const [index, database] of databases.entries()) {
      console.log(`\nGrowth run, round ${round} of ${settings.rounds}: ${database.accounts.toLocaleString("en")} accounts`);
      measured[index].push(await withSizeDatabase(database.url, (dataSource) => measureSize(dataSource, database.url, settings.load)));
    }
  }
  return databases.map(({ accounts, url, dataSet }, index) => ({ accounts, database: databaseName(url), dataSet, rounds: measured[index] }));
}

/**
 * The least of a figure of `operation` over the rounds at one size, or undefined if no round measured it. Other work
 * on a shared machine only ever adds time, so the least figure is the least disturbed one.
 */
export function bestOfRounds(point: GrowthPoint, operation: string, figure: (figures: OperationFigures) => number): number | undefined {
  const values = point.rounds.flatMap((round) => round.filter((figures) => figures.operation === operation).map(figure));
  return values.length > 0 ? Math.min(...values) : undefined;
}

// The size's own database alone: no read replica of the main one.
const sizeEnvironment = (url: string) => ({ DATABASE_URL: url, DATABASE_REPLICA_URLS: "" });

async function withSizeDatabase<Result>(url: string, work: (dataSource: DataSource) => Promise<Result>): Promise<Result> {
  const database = await openDatabase(loadConfig({ ...process.env, ...sizeEnvironment(url) }), {
    entities,
    applicationName: "customer-graph-bench",
    poolSize: 2,
  });
  try {
    return await work(database.dataSource);
  } finally {
    await database.close();
  }
}

async function seedSize(dataSource: DataSource, url: string, accounts: number, settings: GrowthSettings): Promise<DataSetSummary> {
  const dataSet = await ensureDataSet(dataSource, url, { accounts, seed: settings.seed, reset: settings.reset, seeder: settings.seeder });
  if (dataSet.accounts !== accounts) {
    throw new Error(
      `${databaseName(url)} holds ${dataSet.accounts.toLocaleString("en")} accounts, not ${accounts.toLocaleString("en")}: run with --reset to seed it again`,
    );
  }
  return dataSet;
}

async function measureSize(dataSource: DataSource, url: string, load: GrowthSettings["load"]): Promise<OperationFigures[]> {
  const operations = benchOperations(await sampleAccountIds(dataSource, 500)).filter((operation) =>
    (growthOperationNames as readonly string[]).includes(operation.name),
  );
  return measureOnServer(dataSource, url, operations, load, { environment: sizeEnvironment(url) });
}

async function createDatabaseIfMissing(administration: DataSource, name: string): Promise<void> {
  const existing: unknown[] = await administration.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
  if (existing.length > 0) return;
  // Identifiers cannot be bound as parameters: quoted, with any quote doubled.
  await administration.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  console.log(`Created the database ${name}`);
}
