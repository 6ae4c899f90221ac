import { Client } from "pg";
import { createDataSource, migrate } from "../../src/database/data-source";
import { runStatements } from "./global-setup";
import { testDatabaseUrl } from "./test-database";
import { entities } from "../../src/entities";

/** A migrated schema no other test file writes to; `drop` it in afterAll. */
export interface IsolatedDatabase {
  url: string;
  drop(): Promise<void>;
}

/**
 * A schema of the test file's own, for tests whose answers depend on every row of a table (an
 * unfiltered list, a total): the shared test schema holds whatever the files before wrote.
 * On PostgreSQL, the file's connections name the schema in their search path. PGlite has one
 * session for every connection (and cannot start a second instance inside jest's sandbox), so
 * there the session's search path is switched until `drop`: the files run one at a time.
 */
export async function openIsolatedDatabase(name: string): Promise<IsolatedDatabase> {
  const schema = `${name}_${process.pid}_${Date.now()}`;
  const givenUrl = process.env.TEST_DATABASE_URL;
  let isolated: IsolatedDatabase;
  if (givenUrl) {
    await runStatements(givenUrl, [`CREATE SCHEMA ${schema}`]);
    const url = new URL(testDatabaseUrl());
    url.searchParams.set("options", `-c search_path=${schema},public`);
    isolated = { url: url.toString(), drop: () => runStatements(givenUrl, [`DROP SCHEMA ${schema} CASCADE`]) };
  } else {
    const url = testDatabaseUrl();
    const previous = await sessionSearchPath(url);
    await runStatements(url, [`CREATE SCHEMA ${schema}`, `SELECT set_config('search_path', '${schema}, public', false)`]);
    const restore = `SELECT set_config('search_path', '${previous.replaceAll("'", "''")}', false)`;
    isolated = { url, drop: () => runStatements(url, [restore, `DROP SCHEMA ${schema} CASCADE`]) };
  }
  const dataSource = createDataSource({ entities, url: isolated.url, poolSize: 1 });
  await dataSource.initialize();
  try {
    await migrate(dataSource);
  } finally {
    await dataSource.destroy();
  }
  return isolated;
}

async function sessionSearchPath(url: string): Promise<string> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query<{ search_path: string }>("SHOW search_path");
    return result.rows[0].search_path;
  } finally {
    await client.end();
  }
}
