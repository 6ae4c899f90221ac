import "./production-mode";
import "reflect-metadata";
import { startApplication } from "./application";
import { loadConfig } from "./config";
import { logger } from "./logging/logger";

/** Start-up only: read the config, start the application, stop it cleanly on a signal. */
async function main(): Promise<void> {
  const config = loadConfig();
  const application = await startApplication(config);
  let stopping: Promise<void> | undefined;
  // Once: npm relays the terminal's Ctrl-C to the server, which so receives it twice.
  const stop = () => {
    stopping ??= (async () => {
      logger.info("stopping: no new connections; finishing the requests in flight");
      await application.stop();
      process.exit(0);
    })();
  };
  // Before saying it serves: until node has a listener, a signal kills it on the spot, without the graceful stop.
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  const database = application.databaseKind === "embedded" ? `embedded database in ${config.embeddedDataDir}` : "PostgreSQL";
  console.log(`Customer graph GraphQL API on ${application.url} (${database}); metrics on ${application.metricsUrl}`);
  if (application.developmentKey) {
    console.log(`Development API key (role internal, 30 days): ${application.developmentKey}\nSend it as the header  Authorization: Bearer <key>`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
