import { Command } from "commander";
import { rollBackTo, ruleSetHistory } from "../policies/publication/rule-set-history";
import { RulePublicationError } from "../policies/publication/rule-publication.errors";
import { CommandFactory } from "./harness/command-context";
import { UsageError } from "./harness/command-errors";
import { withDatabase } from "./harness/with-database";
import { commandActor } from "./harness/command-actor";
import { startJobQueue } from "../jobs/job-queue";
import { primaryUrl } from "../database/data-source";

/**
 * npm run rules:rollback -- --to <version> --comment "...": puts an earlier published rule set back in
 * service on every server process of the group (within a second) and re-evaluates the accounts with it.
 * Without --to, lists the publications and rollbacks. It holds until someone publishes anew: a later
 * edit of a rules folder becomes a draft.
 */
export const rulesRollbackCommand: CommandFactory = (context) =>
  new Command("rules:rollback")
    .description("lists the publications of rule sets (* in service), or puts an earlier version back in service on every process")
    .option("--to <version>", "the version to put back in service")
    .option("--comment <text>", "why (kept in the history)", "")
    .action((options: { to?: string; comment: string }) =>
      withDatabase(context, { applicationName: "customer-graph-rules-rollback", poolSize: 4 }, async (database) => {
        if (options.to === undefined) {
          for (const entry of await ruleSetHistory(database.dataSource.manager, 50)) {
            console.log(
              `${entry.inService ? "*" : " "} ${entry.version}  ${entry.at.toISOString()}  ${entry.reason.padEnd(9)}  ${entry.author}` +
                (entry.comment ? `  "${entry.comment}"` : ""),
            );
          }
          return;
        }
        if (options.comment.trim() === "") throw new UsageError('Say why with --comment "..." (kept in the history)');
        const version = options.to;
        const queue = await startJobQueue(primaryUrl(database.dataSource), database.config.jobQueue, "producer", (error) => console.error(error.message));
        const activation = await rollBackTo(database.dataSource, version, { actor: commandActor("rules:rollback"), comment: options.comment }, queue)
          .catch((error: unknown) => {
            throw error instanceof RulePublicationError ? new UsageError(error.message) : error;
          })
          .finally(() => queue.stop(5_000));
        console.log(
          activation === undefined ? `Version ${version} is already in service` : `Version ${version} is in service again (activation ${activation})`,
        );
      }),
    );
