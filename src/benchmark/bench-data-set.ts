import { DataSource } from "typeorm";

/** The benchmark's data: the seed's rows as of a fixed day, so that two runs on two machines read the same graph. */
const referenceDate = "2026-06-30";

/** Seeds the database `databaseUrl` names, as `npm run seed` does (its progress, its policies evaluated): the bench command hands it in. */
export type DataSetSeeder = (databaseUrl: string, request: { accounts: number; seed: number; reset: boolean; referenceDate: Date }) => Promise<void>;

export interface DataSetSummary {
  accounts: number;
  contacts: number;
  orders: number;
  openTickets: number;
  seed: number;
  referenceDate: string;
}

export interface DataSetRequest {
  accounts: number;
  seed: number;
  /** Empty the database and seed the data set again. */
  reset: boolean;
  seeder: DataSetSeeder;
}

export class DataSetError extends Error {}

/**
 * Seeds the data set into an empty database (or one being reset), the one `databaseUrl` names and `dataSource`
 * reads; refuses a database holding fewer accounts than asked.
 */
export async function ensureDataSet(dataSource: DataSource, databaseUrl: string, options: DataSetRequest): Promise<DataSetSummary> {
  const existing = await countAccounts(dataSource);
  if (existing === 0 || options.reset) {
    await options.seeder(databaseUrl, {
      accounts: options.accounts,
      seed: options.seed,
      reset: options.reset,
      referenceDate: new Date(`${referenceDate}T00:00:00.000Z`),
    });
  } else if (existing < options.accounts) {
    throw new DataSetError(
      `The database holds ${existing.toLocaleString("en")} accounts, fewer than the ${options.accounts.toLocaleString("en")} asked for: ` +
        "run with --reset to seed the data set again, or point DATABASE_URL at an empty database",
    );
  }
  const [counts]: Omit<DataSetSummary, "seed" | "referenceDate">[] = await dataSource.query(
    `SELECT (SELECT count(*) FROM accounts)::int AS accounts, (SELECT count(*) FROM contacts)::int AS contacts,
            (SELECT count(*) FROM orders)::int AS orders, (SELECT count(*) FROM tickets WHERE status IN ('open', 'pending'))::int AS "openTickets"`,
  );
  return { ...counts, seed: options.seed, referenceDate };
}

async function countAccounts(dataSource: DataSource): Promise<number> {
  const [{ accounts }]: { accounts: number }[] = await dataSource.query("SELECT count(*)::int AS accounts FROM accounts");
  return accounts;
}

/** The same accounts on every run: ordered by a hash of their id, a spread over the whole table. */
export async function sampleAccountIds(dataSource: DataSource, count: number): Promise<string[]> {
  const rows: Array<{ id: string }> = await dataSource.query("SELECT id FROM accounts WHERE status = 'active' ORDER BY md5(id::text) LIMIT $1", [count]);
  return rows.map((row) => row.id);
}
