import { PolicyFamily, policyFamilies } from "./rule-files/rule-file";
import { RuleProblem } from "./rule-files/rule-problem";
import { RuleTestReport, runRuleTestFiles } from "./rule-tests/run-rule-tests";
import { compileRuleSet, readRuleFolder, RuleSet, RuleSetSources } from "./rule-set";

export interface TestedRuleSet {
  /** Present only when the files are valid and every analyst test case passes. */
  ruleSet?: RuleSet;
  problems: RuleProblem[];
  /** The families the problems belong to (a failing test case counts against its family). */
  failingFamilies: Set<PolicyFamily>;
  testsPassed: number;
  /** The cases run (none when the rule files did not compile). */
  cases: RuleTestReport["cases"];
}

/**
 * Validates and compiles a rule set's files, then runs its test cases against the result: a set is
 * good only when both pass. Every problem found is returned; the cases run only on files that compile.
 */
export async function checkRuleSetSources(sources: RuleSetSources): Promise<TestedRuleSet> {
  const compiled = compileRuleSet(sources.rules);
  if (!compiled.loaded) {
    const familyOfFile = new Map(Object.values(sources.rules).map((source) => [source.file, source.family]));
    return {
      problems: compiled.problems,
      failingFamilies: new Set(compiled.problems.map((problem) => familyOfFile.get(problem.file)!)),
      testsPassed: 0,
      cases: [],
    };
  }
  const testFiles = policyFamilies.map((family) => sources.tests[family]).filter((source) => source.text.trim() !== "");
  const report = await runRuleTestFiles(compiled.ruleSet, testFiles);
  const tested = { problems: report.problems, failingFamilies: new Set(report.families), testsPassed: report.passed, cases: report.cases };
  return report.problems.length > 0 ? tested : { ...tested, ruleSet: compiled.ruleSet };
}

/** Reads and checks the rules folder (checkRuleSetSources). */
export async function loadTestedRuleSet(rulesDirectory: string): Promise<TestedRuleSet> {
  return checkRuleSetSources(await readRuleFolder(rulesDirectory));
}
