import { Command } from "commander";
import { checkRulesFolder, publishRulesFolder } from "../policies/publication/rules-folder";
import { describeProblem } from "../policies/rule-files/rule-problem";
import { CommandFactory } from "./harness/command-context";
import { CommandFailure, UsageError } from "./harness/command-errors";
import { withDatabase } from "./harness/with-database";
import { commandActor } from "./harness/command-actor";
import { startJobQueue } from "../jobs/job-queue";
import { primaryUrl } from "../database/data-source";

/**
 * npm run rules:publish -- --comment "...": puts the rules folder (rules and cases) in service on every
 * server process, for teams that keep their rules in git (review in the pull request, CI running
 * rules:check and rules:impact). Refused, with every problem, when the folder is not good.
 */
export const rulesPublishCommand: CommandFactory = (context) =>
  new Command("rules:publish")
    .description("publishes the rules folder (its rules and test cases) to every server process, after checking it")
    .option("--comment <text>", "what changes and why (kept in the history)", "")
    .option("--rules <folder>", "the rules folder (default: RULES_DIRECTORY)")
    .action((options: { comment: string; rules?: string }) =>
      withDatabase(context, { applicationName: "customer-graph-rules-publish", poolSize: 4 }, async (database) => {
        if (options.comment.trim() === "") throw new UsageError('Say what changes with --comment "..." (kept in the history)');
        const folder = await checkRulesFolder(options.rules ?? database.rulesDirectory);
        const ruleSet = folder.tested.ruleSet;
        if (!ruleSet) {
          const problems = folder.tested.problems.map((problem) => `  ${describeProblem(problem)}`).join("\n");
          throw new CommandFailure(`The rules folder cannot be published: ${folder.tested.problems.length} problem(s).\n\n${problems}`);
        }
        const { version } = ruleSet;
        const queue = await startJobQueue(primaryUrl(database.dataSource), database.config.jobQueue, "producer", (error) => console.error(error.message));
        const activation = await publishRulesFolder(
          database.dataSource,
          folder,
          { actor: commandActor("rules:publish"), comment: options.comment },
          queue,
        ).finally(() => queue.stop(5_000));
        console.log(
          activation === undefined
            ? `Version ${version} is in service already, with these cases: nothing to publish`
            : `Version ${version} is published and in service on every process (activation ${activation}); the accounts are being re-evaluated`,
        );
      }),
    );
