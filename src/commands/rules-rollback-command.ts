import { hostname, userInfo } from "node:os";
import { Command } from "commander";
import { publishedVersions, rollBackTo, UnknownRuleSetVersionError } from "../policies/publication/rule-set-publication";
import { CommandFactory } from "./harness/command-context";
import { UsageError } from "./harness/command-errors";
import { withDatabase } from "./harness/with-database";
import { startJobQueue } from "../jobs/job-queue";
import { primaryUrl } from "../database/data-source";

/**
 * npm run rules:rollback -- --to <version>: puts an earlier published rule set back in service on every
 * server process of the group (within a second) and re-evaluates the accounts with it. Without --to,
 * lists the published versions. The rules folder is not touched: a later edit there publishes anew.
 */
export const rulesRollbackCommand: CommandFactory = (context) =>
  new Command("rules:rollback")
    .description("lists the published rule-set versions (* in service), or puts an earlier one back in service on every process")
    .option("--to <version>", "the version to put back in service")
    .action((options: { to?: string }) =>
      withDatabase(context, { applicationName: "customer-graph-rules-rollback", poolSize: 4 }, async (database) => {
        if (options.to === undefined) {
          for (const published of await publishedVersions(database.dataSource.manager)) {
            console.log(`${published.inService ? "*" : " "} ${published.version}  ${published.publishedAt.toISOString()}  ${published.publishedBy}`);
          }
          return;
        }
        const version = options.to;
        const queue = await startJobQueue(primaryUrl(database.dataSource), database.config.jobQueue, "producer", (error) => console.error(error.message));
        const by = `${userInfo().username}@${hostname()} (rules:rollback)`;
        const activation = await rollBackTo(database.dataSource, version, by, queue)
          .catch((error: unknown) => {
            throw error instanceof UnknownRuleSetVersionError ? new UsageError(error.message) : error;
          })
          .finally(() => queue.stop(5_000));
        console.log(
          activation === undefined ? `Version ${version} is already in service` : `Version ${version} is in service again (activation ${activation})`,
        );
      }),
    );
