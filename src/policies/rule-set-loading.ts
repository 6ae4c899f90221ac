import path from "node:path";
import { PolicyFamily } from "./rule-files/rule-file";
import { RuleProblem } from "./rule-files/rule-problem";
import { runRuleTests } from "./rule-tests/run-rule-tests";
import { compileRuleSet, readRuleFileSources, RuleSet } from "./rule-set";
import { RuleFileSource } from "./rule-files/validate-rule-files";

export interface TestedRuleSet {
  /** Present only when the files are valid and every analyst test case passes. */
  ruleSet?: RuleSet;
  problems: RuleProblem[];
  /** The families the problems belong to (a failing test case counts against its family). */
  failingFamilies: Set<PolicyFamily>;
  testsPassed: number;
}

/**
 * Reads, validates and compiles the rules folder, then runs rules/tests against the result:
 * a set is good only when both pass. `replace` swaps one family's file for a draft (impact previews).
 */
export async function loadTestedRuleSet(rulesDirectory: string, replace?: { family: PolicyFamily; source: RuleFileSource }): Promise<TestedRuleSet> {
  const sources = await readRuleFileSources(rulesDirectory);
  if (replace) sources[replace.family] = replace.source;
  const compiled = compileRuleSet(sources);
  if (!compiled.loaded) {
    const familyOfFile = new Map(Object.values(sources).map((source) => [source.file, source.family]));
    return { problems: compiled.problems, failingFamilies: new Set(compiled.problems.map((problem) => familyOfFile.get(problem.file)!)), testsPassed: 0 };
  }
  const report = await runRuleTests(compiled.ruleSet, path.join(rulesDirectory, "tests"));
  if (report.problems.length > 0) return { problems: report.problems, failingFamilies: new Set(report.families), testsPassed: report.passed };
  return { ruleSet: compiled.ruleSet, problems: [], failingFamilies: new Set(), testsPassed: report.passed };
}
