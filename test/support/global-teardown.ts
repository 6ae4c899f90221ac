import { EmbeddedDatabase } from "../../src/database/embedded-database";
import { runStatements } from "./global-setup";
import { testSchemaVariable } from "./test-database";

export default async function globalTeardown(): Promise<void> {
  const embedded = (globalThis as { embeddedTestDatabase?: EmbeddedDatabase }).embeddedTestDatabase;
  await embedded?.stop();
  const schema = process.env[testSchemaVariable];
  if (process.env.TEST_DATABASE_URL && schema) {
    await runStatements(process.env.TEST_DATABASE_URL, [
      `DROP SCHEMA ${schema} CASCADE`,
      // The job queues of the run's test files (test/support/test-job-queue.ts).
      `DO $$ DECLARE name text; BEGIN
         FOR name IN SELECT nspname FROM pg_namespace WHERE starts_with(nspname, '${schema}_jobs_') LOOP EXECUTE format('DROP SCHEMA %I CASCADE', name); END LOOP;
       END $$`,
    ]);
  }
}
