import { startStandaloneServer } from "@apollo/server/standalone";
import { Config } from "./config";
import { createRequestContext } from "./context";
import { openDatabase } from "./database/open-database";
import { seedDemoGraphIfEmpty } from "./database/seed/demo-seed";
import { PolicyRuntime } from "./policies/policy-runtime";
import { buildCustomerGraphSchema } from "./schema";
import { createApolloServer } from "./server";

export interface RunningApplication {
  url: string;
  databaseKind: "postgresql" | "embedded";
  policies: PolicyRuntime;
  stop(): Promise<void>;
}

const log = {
  info: (message: string) => console.log(message),
  error: (message: string) => console.error(message),
};

/**
 * Opens (and migrates) the database, seeds demo data into a new embedded database,
 * and serves GraphQL at `/graphql` (any path, with the standalone server) on the configured port.
 */
export async function startApplication(config: Config): Promise<RunningApplication> {
  const database = await openDatabase(config, { applicationName: "customer-graph-server" });
  let policies: PolicyRuntime | undefined;
  try {
    policies = await PolicyRuntime.start(database.dataSource, config.rulesDirectory, log, { watch: config.watchRules });
    if (database.ownsEmbeddedDatabase) {
      await seedDemoGraphIfEmpty(database.dataSource, config.demoAccounts);
    }
    await policies.reevaluateIfStale();
    const registry = policies.registry;
    const server = createApolloServer(await buildCustomerGraphSchema());
    const { url } = await startStandaloneServer(server, {
      listen: { port: config.port, host: config.host },
      context: async () => createRequestContext(database.dataSource, registry),
    });
    const runningPolicies = policies;
    return {
      url: new URL("graphql", url).toString(),
      databaseKind: database.kind,
      policies: runningPolicies,
      async stop() {
        await server.stop();
        await runningPolicies.close();
        await database.close();
      },
    };
  } catch (error) {
    await policies?.close();
    await database.close();
    throw error;
  }
}
