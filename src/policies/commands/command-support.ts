import "reflect-metadata";
import path from "node:path";
import { loadConfig } from "../../config";
import { openDatabase, OpenDatabase } from "../../database/open-database";

/** Runs a policy command on the configured database (DATABASE_URL, or the embedded one, also while the server runs). */
export async function withDatabase(applicationName: string, work: (database: OpenDatabase, rulesDirectory: string) => Promise<number>): Promise<void> {
  const config = loadConfig();
  const database = await openDatabase(config, { applicationName, poolSize: 4 });
  try {
    process.exitCode = await work(database, path.resolve(config.rulesDirectory));
  } finally {
    await database.close();
  }
}

export function runCommand(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
