import { DataSource } from "typeorm";
import { accessTableNames, customerGraphTableNames, policyResultTableNames } from "./customer-graph-tables";

/** The database holds customer-graph data and no reset was asked for. */
export class SeedRefusedError extends Error {}

/**
 * Ids are deterministic per seed, so seeding on top of earlier data would collide half way through:
 * refuses up front, or empties the tables when asked to. Returns what it emptied (none: nothing was there).
 */
export async function makeRoomForSeed(dataSource: DataSource, reset: boolean): Promise<string | undefined> {
  const [existing]: Array<{ accounts: number; managers: number; partners: number }> = await dataSource.query(
    `SELECT (SELECT count(*) FROM accounts) AS accounts, (SELECT count(*) FROM account_managers) AS managers, (SELECT count(*) FROM partners) AS partners`,
  );
  if (existing.accounts + existing.managers + existing.partners === 0) return undefined;
  const count = (rows: number) => rows.toLocaleString("en");
  const described = `${count(existing.accounts)} accounts, ${count(existing.managers)} account managers, ${count(existing.partners)} partners`;
  if (!reset) {
    throw new SeedRefusedError(
      `The database already holds customer-graph data (${described}); the seed's rows would collide with it.\n` +
        "Run again with --reset to empty the customer-graph tables first.",
    );
  }
  // No CASCADE: should another table come to reference these, the reset stops rather than empty it too.
  await dataSource.query(`TRUNCATE ${[...customerGraphTableNames, ...policyResultTableNames, ...accessTableNames].join(", ")}`);
  return described;
}
