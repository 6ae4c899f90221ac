import path from "node:path";
import { Command } from "commander";
import { compileDraft, UnknownDraftFamilyError } from "../policies/impact/draft-rule-set";
import { previewImpact } from "../policies/impact/preview-impact";
import { PolicyRegistry } from "../policies/policy-registry";
import { describeProblem } from "../policies/rule-files/rule-problem";
import { createAccountProgress } from "./harness/account-progress";
import { CommandFactory } from "./harness/command-context";
import { CommandFailure } from "./harness/command-errors";
import { withDatabase } from "./harness/with-database";

/**
 * npm run rules:impact -- --draft <file>: how many accounts and open tickets a draft of one rule file would
 * move, from what to what, before it goes live. The draft's "family" says which file it replaces.
 */
export const rulesImpactCommand: CommandFactory = (context) =>
  new Command("rules:impact")
    .description("what a draft rule file would change, as from-to matrices with examples; changes nothing")
    .requiredOption("--draft <file>", 'the draft rule file, e.g. drafts/tiering.json (its "family" says which file it replaces)')
    .action((options: { draft: string }) =>
      withDatabase(context, { applicationName: "customer-graph-rules-impact", poolSize: 4 }, async (database) => {
        const current = (await PolicyRegistry.open(database.rulesDirectory)).current();
        const { family, compiled } = await compileDraft(database.rulesDirectory, path.resolve(options.draft)).catch((error: unknown) => {
          throw error instanceof UnknownDraftFamilyError ? new CommandFailure(error.message) : error;
        });
        if (!compiled.loaded)
          throw new CommandFailure(`The draft is not valid:\n${compiled.problems.map((problem) => `  ${describeProblem(problem)}`).join("\n")}`);
        console.log(`Comparing rules version ${current.version} (in service) with the draft of ${family} (version ${compiled.ruleSet.version})\n`);
        const progress = createAccountProgress({ running: "Comparing", done: "Compared" });
        const preview = await previewImpact(database.dataSource, current, compiled.ruleSet, progress.update);
        progress.stop();
        const { tiers, lifecycleStages } = current.files.tiering;
        const matrices = [preview.tier.render(tiers), preview.lifecycleStage.render(lifecycleStages), preview.retentionRisk.render(), preview.letGo.render()];
        console.log([...matrices, preview.priorityLevel.render(["P1", "P2", "P3", "P4"]), preview.lane.render()].join("\n\n"));
      }),
    );
