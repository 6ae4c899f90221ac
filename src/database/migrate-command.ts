import "reflect-metadata";
import { loadConfig } from "../config";
import { openDatabase } from "./open-database";

/** `npm run db:migrate`: brings the configured database's schema up to date and says what it applied. */
async function migrateCommand(): Promise<void> {
  const database = await openDatabase(loadConfig(), { poolSize: 1 });
  try {
    const applied = database.appliedMigrations;
    console.log(applied.length ? `Applied: ${applied.join(", ")}` : "The database schema was already up to date");
  } finally {
    await database.close();
  }
}

migrateCommand().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
