import path from "node:path";
import { policyFamilies } from "../rule-files/rule-file";
import { describeProblem } from "../rule-files/rule-problem";
import { loadTestedRuleSet } from "../rule-set-loading";

/** npm run rules:check [-- --rules <folder>]: validates the rule files and runs rules/tests; exit 1 on any problem. */
async function main(): Promise<void> {
  const flag = process.argv.indexOf("--rules");
  const directory = path.resolve(flag >= 0 ? process.argv[flag + 1] : "rules");
  const tested = await loadTestedRuleSet(directory);
  if (!tested.ruleSet) {
    console.error(`The rules are not ready to go live: ${tested.problems.length} problem(s).\n`);
    for (const problem of tested.problems) console.error(`  ${describeProblem(problem)}`);
    process.exitCode = 1;
    return;
  }
  const { ruleSet } = tested;
  const counts = policyFamilies.map((family) => `${family} ${ruleSet.files[family].rules.length} rules`).join(", ");
  console.log(`The rules are valid: version ${ruleSet.version} (${counts}); ${tested.testsPassed} test case(s) passed.`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
