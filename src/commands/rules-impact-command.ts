import path from "node:path";
import { Command } from "commander";
import { compileDraft, UnknownDraftFamilyError } from "../policies/impact/draft-rule-set";
import { previewImpact } from "../policies/impact/preview-impact";
import { renderImpact } from "../policies/impact/render-impact";
import { PolicyRegistry } from "../policies/policy-registry";
import { describeProblem, RuleProblem } from "../policies/rule-files/rule-problem";
import { runRuleTests } from "../policies/rule-tests/run-rule-tests";
import { createAccountProgress } from "./harness/account-progress";
import { CommandFactory } from "./harness/command-context";
import { CommandFailure } from "./harness/command-errors";
import { withDatabase } from "./harness/with-database";

interface RulesImpactOptions {
  draft: string;
  tests?: string;
}

/**
 * npm run rules:impact -- --draft <file>: what a draft of one rule file would change, for every decision,
 * before it goes live; the analysts' test cases run on it too. Exit code 1 when the draft is not valid or a
 * case fails, so that CI can run it. The draft's "family" says which file it replaces.
 */
export const rulesImpactCommand: CommandFactory = (context) =>
  new Command("rules:impact")
    .description("what a draft rule file would change, every decision as a from-to matrix with examples, and its test cases run on it; changes nothing")
    .requiredOption("--draft <file>", 'the draft rule file, e.g. drafts/tiering.json (its "family" says which file it replaces)')
    .option("--tests <folder>", "the test cases to run on the draft (default: the rules folder's tests/), for a draft that changes cases too")
    .action((options: RulesImpactOptions) =>
      withDatabase(context, { applicationName: "customer-graph-rules-impact", poolSize: 4 }, async (database) => {
        const current = (await PolicyRegistry.open(database.rulesDirectory)).current();
        const { family, compiled } = await compileDraft(database.rulesDirectory, path.resolve(options.draft)).catch((error: unknown) => {
          throw error instanceof UnknownDraftFamilyError ? new CommandFailure(error.message) : error;
        });
        if (!compiled.loaded) throw new CommandFailure(`The draft is not valid:\n${listed(compiled.problems)}`);
        console.log(`Comparing rules version ${current.version} (in service) with the draft of ${family} (version ${compiled.ruleSet.version})\n`);
        const testsDirectory = options.tests ? path.resolve(options.tests) : path.join(database.rulesDirectory, "tests");
        const tests = await runRuleTests(compiled.ruleSet, testsDirectory, path.relative(process.cwd(), testsDirectory) || ".");
        const progress = createAccountProgress({ running: "Comparing", done: "Compared" });
        const impact = await previewImpact(database.dataSource, current, compiled.ruleSet, {
          warningShare: database.config.rulesPreviewWarningShare,
          onProgress: progress.update,
        });
        progress.stop();
        console.log(renderImpact(impact));
        // The matrices come first even when a case fails: they often show why it fails.
        if (tests.problems.length > 0)
          throw new CommandFailure(`The draft fails its test cases: ${tests.problems.length} problem(s).\n${listed(tests.problems)}`);
        console.log(`\nThe draft passes its ${tests.passed} test case(s).`);
      }),
    );

function listed(problems: readonly RuleProblem[]): string {
  return problems.map((problem) => `  ${describeProblem(problem)}`).join("\n");
}
