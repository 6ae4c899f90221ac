import { RuleDraft } from "../publication/rule-drafts";
import { RuleSetHistoryEntry } from "../publication/rule-set-history";
import { RuleWorkbench } from "../publication/rule-workbench";
import { policyFamilies } from "../rule-files/rule-file";
import { RuleProblem } from "../rule-files/rule-problem";
import { TestedRuleSet } from "../rule-set-loading";
import { RuleDraftStatus, RuleDraftType, RuleProblemReport, RuleSetVersionType, RuleTestRun } from "./rule-draft.types";

export function draftView(draft: RuleDraft, workbench: RuleWorkbench): RuleDraftType {
  return { ...draft, status: draft.status as RuleDraftStatus, reviewRequired: workbench.reviewRequired(draft) };
}

export function versionView(entry: RuleSetHistoryEntry): RuleSetVersionType {
  return { ...entry, publishedAt: entry.at };
}

export function problemView(problem: RuleProblem & { fix?: string }): RuleProblemReport {
  return {
    family: policyFamilies.find((family) => problem.file.endsWith(`/${family}.json`)) ?? null,
    file: problem.file,
    line: problem.line,
    column: problem.column,
    rule: problem.rule ?? null,
    testCase: problem.testCase ?? null,
    path: problem.path,
    message: problem.message,
    fix: problem.fix ?? null,
  };
}

/** The cases as run, each with the problems reported under its name. */
export function testRunView(tested: TestedRuleSet): RuleTestRun {
  const problems = tested.problems.map(problemView);
  const cases = tested.cases.map((testCase) => ({
    ...testCase,
    problems: problems.filter((problem) => problem.testCase === testCase.name && problem.family === testCase.family),
  }));
  return { passed: cases.filter((testCase) => testCase.passed).length, failed: cases.filter((testCase) => !testCase.passed).length, cases, problems };
}
