import { JobQueue } from "../../src/jobs/job-queue";
import { testDatabaseUrl, testSchemaVariable } from "./test-database";

/**
 * A job queue on the test database with a schema of its own per test file (`name`): jobs one file leaves
 * (checks due later) never reach another's workers. Its supervision runs every 30 s, as a server's does:
 * no test here needs a dead worker's job back, and on the embedded database every extra statement waits for
 * the one session. Stop it in afterAll.
 */
export function startTestJobQueue(name: string, options: { supervise?: boolean } = {}): Promise<JobQueue> {
  const run = process.env[testSchemaVariable];
  return JobQueue.start(
    {
      connectionString: testDatabaseUrl(),
      schema: run ? `${run}_jobs_${name}` : `jobs_${name}`,
      maintenanceSeconds: 30,
      supervise: options.supervise ?? true,
      poolSize: 2,
    },
    (error) => console.error(`job queue ${name}: ${error.message}`),
  );
}
