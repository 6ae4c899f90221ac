import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { previewImpact } from "../impact/preview-impact";
import { PolicyRegistry } from "../policy-registry";
import { PolicyFamily, policyFamilies } from "../rule-files/rule-file";
import { describeProblem } from "../rule-files/rule-problem";
import { compileRuleSet, readRuleFileSources } from "../rule-set";
import { createAccountProgress } from "../../shared/account-progress";
import { runCommand, withDatabase } from "./command-support";

/**
 * npm run rules:impact -- --draft <file>: how many accounts and open tickets a draft of one rule file would
 * move, from what to what, before it goes live. The draft's "family" says which file it replaces.
 */
runCommand(async () => {
  const { values } = parseArgs({ options: { draft: { type: "string" } } });
  if (!values.draft) {
    console.error("Usage: npm run rules:impact -- --draft <draft rule file, e.g. drafts/tiering.json>");
    process.exitCode = 2;
    return;
  }
  const draftPath = path.resolve(values.draft);
  const text = await readFile(draftPath, "utf8");
  const family = familyOfDraft(text, draftPath);
  await withDatabase("customer-graph-rules-impact", async (database, rulesDirectory) => {
    const current = (await PolicyRegistry.open(rulesDirectory)).current();
    const sources = await readRuleFileSources(rulesDirectory);
    sources[family] = { family, file: path.relative(process.cwd(), draftPath), text };
    const drafted = compileRuleSet(sources);
    if (!drafted.loaded) {
      console.error(`The draft is not valid:\n${drafted.problems.map((problem) => `  ${describeProblem(problem)}`).join("\n")}`);
      return 1;
    }
    console.log(`Comparing rules version ${current.version} (in service) with the draft of ${family} (version ${drafted.ruleSet.version})\n`);
    const progress = createAccountProgress({ running: "Comparing", done: "Compared" });
    const preview = await previewImpact(database.dataSource, current, drafted.ruleSet, progress.update);
    progress.stop();
    const tiers = current.files.tiering.tiers;
    console.log([preview.tier.render(tiers), preview.lifecycleStage.render(current.files.tiering.lifecycleStages), preview.retentionRisk.render(), preview.letGo.render(), preview.priorityLevel.render(["P1", "P2", "P3", "P4"]), preview.lane.render()].join("\n\n"));
    return 0;
  });
});

function familyOfDraft(text: string, file: string): PolicyFamily {
  try {
    const family = (JSON.parse(text) as { family?: unknown }).family;
    if (policyFamilies.includes(family as PolicyFamily)) return family as PolicyFamily;
  } catch {
    // Not JSON: fall back to the file name; validation then reports the syntax error with its line.
  }
  const byName = policyFamilies.find((family) => path.basename(file).startsWith(family));
  if (!byName) throw new Error(`${file}: say which file the draft replaces with "family": one of ${policyFamilies.join(", ")}`);
  return byName;
}
