import { startStandaloneServer } from "@apollo/server/standalone";
import { Config } from "./config";
import { createRequestContext } from "./context";
import { openDatabase } from "./database/open-database";
import { seedDemoGraphIfEmpty } from "./database/seed/demo-seed";
import { buildCustomerGraphSchema } from "./schema";
import { createApolloServer } from "./server";

export interface RunningApplication {
  url: string;
  databaseKind: "postgresql" | "embedded";
  stop(): Promise<void>;
}

/**
 * Opens (and migrates) the database, seeds demo data into a new embedded database,
 * and serves GraphQL at `/graphql` (any path, with the standalone server) on the configured port.
 */
export async function startApplication(config: Config): Promise<RunningApplication> {
  const database = await openDatabase(config, { applicationName: "customer-graph-server" });
  try {
    if (database.ownsEmbeddedDatabase) {
      await seedDemoGraphIfEmpty(database.dataSource, config.demoAccounts);
    }
    const server = createApolloServer(await buildCustomerGraphSchema());
    const { url } = await startStandaloneServer(server, {
      listen: { port: config.port, host: config.host },
      context: async () => createRequestContext(database.dataSource),
    });
    return {
      url: new URL("graphql", url).toString(),
      databaseKind: database.kind,
      async stop() {
        await server.stop();
        await database.close();
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}
