import { DataSource } from "typeorm";
import { seedCustomerGraph, SeedSummary } from "./seed-customer-graph";

/** The demo data has a seed of its own, so that every new embedded database shows the same accounts. */
const demoSeed = 2025;

/**
 * Seeds `accounts` demo accounts when the database has none, so that a first start of the server
 * has something to show; does nothing for 0 or when accounts exist (the data is someone's by then).
 */
export async function seedDemoGraphIfEmpty(dataSource: DataSource, accounts: number): Promise<SeedSummary | undefined> {
  if (accounts <= 0) return undefined;
  const [{ empty }]: { empty: boolean }[] = await dataSource.query(`SELECT NOT EXISTS (SELECT 1 FROM accounts) AS empty`);
  if (!empty) return undefined;
  const summary = await seedCustomerGraph(dataSource, { accounts, seed: demoSeed });
  console.log(`Seeded ${summary.accounts} demo accounts with ${summary.orders} orders and ${summary.tickets} tickets`);
  return summary;
}
