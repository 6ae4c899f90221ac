import path from "node:path";
import { Command } from "commander";
import { policyFamilies } from "../policies/rule-files/rule-file";
import { describeProblem } from "../policies/rule-files/rule-problem";
import { loadTestedRuleSet } from "../policies/rule-set-loading";
import { CommandFactory } from "./harness/command-context";
import { CommandFailure } from "./harness/command-errors";

/** npm run rules:check: validates the rule files and runs their tests; exit code 1 with the problems on any. */
export const rulesCheckCommand: CommandFactory = () =>
  new Command("rules:check")
    .description("validates the rule files and runs the cases in their tests/ folder (exit code 1 with a report on any problem)")
    .option("--rules <folder>", "the rules folder", "rules")
    .action(async (options: { rules: string }) => {
      const tested = await loadTestedRuleSet(path.resolve(options.rules));
      if (!tested.ruleSet) {
        const problems = tested.problems.map((problem) => `  ${describeProblem(problem)}`).join("\n");
        throw new CommandFailure(`The rules are not ready to go live: ${tested.problems.length} problem(s).\n\n${problems}`);
      }
      const { ruleSet } = tested;
      const counts = policyFamilies.map((family) => `${family} ${ruleSet.files[family].rules.length} rules`).join(", ");
      console.log(`The rules are valid: version ${ruleSet.version} (${counts}); ${tested.testsPassed} test case(s) passed.`);
    });
