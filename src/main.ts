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
  // Once: npm relays the terminal's Ctrl-C to the server, which so receives it twice. A signal
  // handler's promise is awaited by no one: a failed stop is logged here, not left unhandled.
  const stop = () => {
    if (stopping) return;
    logger.info("stopping: no new connections; finishing the requests in flight");
    stopping = application.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, "stopping failed");
        process.exit(1);
      },
    );
  };
  // Before saying it serves: until node has a listener, a signal kills it on the spot, without the graceful stop.
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  const database = application.databaseKind === "embedded" ? `embedded database in ${config.embeddedDataDir}` : "PostgreSQL";
  console.log(`Customer graph GraphQL API on ${application.url} (${database}); metrics on ${application.metricsUrl}`);
  if (application.developmentKey) {
    const { key, expiresAt } = application.developmentKey;
    console.log(
      `Development API key (role internal, until ${expiresAt.toISOString().slice(0, 10)}): ${key}\nSend it as the header  Authorization: Bearer <key>`,
    );
  }
  if (application.needsFirstKey) {
    console.log("No API key can call this server yet: create one with  npm run keys:create -- --role internal --name <who>");
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
