import "reflect-metadata";
import { Client } from "pg";
import { createDataSource, migrate } from "../../src/database/data-source";
import { startEmbeddedDatabase } from "../../src/database/embedded-database";
import { testDatabaseUrlVariable, testSchemaVariable } from "./test-database";
import { entities } from "../../src/entities";

/**
 * Starts the test database once per run. With TEST_DATABASE_URL, the run migrates into a
 * schema of its own (dropped at the end), so that runs on one server never meet; without it,
 * an in-memory PGlite behind a loopback socket.
 */
export default async function globalSetup(): Promise<void> {
  const givenUrl = process.env.TEST_DATABASE_URL;
  let url: string;
  if (givenUrl) {
    const schema = `test_run_${process.pid}_${Date.now()}`;
    await runStatements(givenUrl, ["CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public", `CREATE SCHEMA ${schema}`]);
    url = withSearchPath(givenUrl, schema);
    process.env[testSchemaVariable] = schema;
  } else {
    const embedded = await startEmbeddedDatabase(undefined, 0);
    (globalThis as { embeddedTestDatabase?: unknown }).embeddedTestDatabase = embedded;
    url = embedded.url;
  }
  const dataSource = createDataSource({ entities, url, poolSize: 1 });
  await dataSource.initialize();
  await migrate(dataSource);
  await dataSource.destroy();
  process.env[testDatabaseUrlVariable] = url;
}

function withSearchPath(url: string, schema: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set("options", `-c search_path=${schema},public`);
  return parsed.toString();
}

export async function runStatements(url: string, statements: string[]): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    for (const statement of statements) await client.query(statement);
  } finally {
    await client.end();
  }
}
