import { DataSource } from "typeorm";
import { createDataSource } from "../../src/database/data-source";
import { embeddedPoolSize } from "../../src/database/embedded-database";
import { entities } from "../../src/entities";

/** Set by the global setup to the migrated database every test file uses. */
export const testDatabaseUrlVariable = "CUSTOMER_GRAPH_TEST_DATABASE";

/** Set by the global setup to the schema of this run on TEST_DATABASE_URL. */
export const testSchemaVariable = "CUSTOMER_GRAPH_TEST_SCHEMA";

export function testDatabaseUrl(): string {
  const url = process.env[testDatabaseUrlVariable];
  if (!url) throw new Error("The test database is not set up: run the tests with jest (see jest.config.js)");
  return url;
}

/** A data source on the test database; close it in afterAll. */
export async function openTestDataSource(options: Partial<Parameters<typeof createDataSource>[0]> = {}): Promise<DataSource> {
  const poolSize = process.env.TEST_DATABASE_URL ? 4 : embeddedPoolSize;
  const dataSource = createDataSource({ entities, url: testDatabaseUrl(), poolSize, ...options });
  return dataSource.initialize();
}
