import path from "node:path";
import { Config, loadConfig } from "../../config";
import { openDatabase, OpenDatabase } from "../../database/open-database";
import { CommandContext } from "./command-context";
import { entities } from "../../entities";

export interface CommandDatabase extends OpenDatabase {
  config: Config;
  /** The rules folder of the configuration, as an absolute path. */
  rulesDirectory: string;
}

/**
 * Runs a command's work on the configured database (DATABASE_URL, or the embedded one, also while the
 * server holds it), migrated, and closes it whatever happens.
 */
export async function withDatabase<Result>(
  context: CommandContext,
  connection: { applicationName: string; poolSize: number },
  work: (database: CommandDatabase) => Promise<Result>,
): Promise<Result> {
  const config = loadConfig(context.environment);
  const database = await openDatabase(config, { ...connection, entities });
  try {
    return await work({ ...database, config, rulesDirectory: path.resolve(config.rulesDirectory) });
  } finally {
    await database.close();
  }
}
