import { Command } from "commander";
import { CommandFactory } from "./harness/command-context";
import { withDatabase } from "./harness/with-database";

/** npm run db:migrate: brings the configured database's schema up to date and says what it applied. */
export const dbMigrateCommand: CommandFactory = (context) =>
  new Command("db:migrate").description("applies pending migrations to the configured database").action(() =>
    withDatabase(context, { applicationName: "customer-graph-migrate", poolSize: 1 }, async (database) => {
      const applied = database.appliedMigrations;
      console.log(applied.length ? `Applied: ${applied.join(", ")}` : "The database schema was already up to date");
    }),
  );
