import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { assessAccount, prioritizeTicket } from "../evaluation/assess";
import { FactValues } from "../facts/fact-catalogue";
import { parseJsonDocument } from "../rule-files/json-document";
import { ProblemCollector } from "../rule-files/problem-collector";
import { PolicyFamily, policyFamilies } from "../rule-files/rule-file";
import { RuleProblem } from "../rule-files/rule-problem";
import { checkAgainstSchema } from "../rule-files/schema-check";
import { RuleSet } from "../rule-set";

interface RuleTestCase {
  name: string;
  facts: FactValues;
  expect: Record<string, unknown>;
}

interface RuleTestFile {
  family: PolicyFamily;
  cases: RuleTestCase[];
}

export interface RuleTestReport {
  passed: number;
  problems: RuleProblem[];
  /** The family each problem belongs to, so that a failing case marks its family's rule set as broken. */
  families: PolicyFamily[];
  /** The families with at least one case. */
  tested: Set<PolicyFamily>;
  /** Every case run, in file order, and whether it passed. */
  cases: { family: PolicyFamily; name: string; passed: boolean }[];
}

/** Runs the analysts' cases in rules/tests/*.json against a rule set: given these facts, expect this outcome. */
export async function runRuleTests(ruleSet: RuleSet, directory: string, displayDirectory = "rules/tests"): Promise<RuleTestReport> {
  const names = (await readdir(directory).catch(() => [] as string[])).filter((name) => name.endsWith(".json")).sort();
  const files = await Promise.all(
    names.map(async (name) => ({ file: `${displayDirectory}/${name}`, text: await readFile(path.join(directory, name), "utf8") })),
  );
  return runRuleTestFiles(ruleSet, files, displayDirectory);
}

/** Runs test case files held in memory (a draft's, a published version's): the same checks as the folder's. */
export async function runRuleTestFiles(
  ruleSet: RuleSet,
  files: readonly { file: string; text: string }[],
  displayDirectory = "rules/tests",
): Promise<RuleTestReport> {
  const report: RuleTestReport = { passed: 0, problems: [], families: [], tested: new Set(), cases: [] };
  for (const { file, text } of files) await runTestFile(ruleSet, file, text, report);
  reportUntestedFamilies(report, displayDirectory);
  return report;
}

/** A family without cases cannot go live: deleting its test file is a problem, not a way round the tests. */
function reportUntestedFamilies(report: RuleTestReport, displayDirectory: string): void {
  for (const family of policyFamilies) {
    if (report.tested.has(family) || report.families.includes(family)) continue;
    report.problems.push({
      file: `${displayDirectory}/${family}.json`,
      line: 1,
      column: 1,
      path: "$",
      message: `${family} has no test cases: a family without cases cannot be published; add at least one case to ${displayDirectory}/${family}.json`,
    });
    report.families.push(family);
  }
}

async function runTestFile(ruleSet: RuleSet, file: string, text: string, report: RuleTestReport): Promise<void> {
  const { document, syntaxProblems } = parseJsonDocument(text);
  if (!document) {
    report.problems.push(...syntaxProblems.map((problem) => ({ file, path: "$", ...problem })));
    report.families.push(...syntaxProblems.map(() => familyFromFileName(file)));
    return;
  }
  const problems = new ProblemCollector(file, document, "testCase");
  const tests = document.value as RuleTestFile;
  const caseName = (testPath: ReadonlyArray<string | number>) =>
    testPath[0] === "cases" && typeof testPath[1] === "number" ? tests.cases?.[testPath[1]]?.name : undefined;
  if (checkAgainstSchema("ruleTests", document.value, problems, caseName)) {
    if (tests.cases.length > 0) report.tested.add(tests.family);
    reportRepeatedNames(tests.cases, problems);
    for (const [index, testCase] of tests.cases.entries()) {
      const mismatches = compare(testCase.expect, await outcomeOf(ruleSet, tests.family, testCase.facts));
      mismatches.forEach((mismatch) => problems.report(["cases", index, "expect", mismatch.key], mismatch.message, testCase.name));
      if (mismatches.length === 0) report.passed++;
      report.cases.push({ family: tests.family, name: testCase.name, passed: mismatches.length === 0 });
    }
  }
  report.problems.push(...problems.problems);
  report.families.push(...problems.problems.map(() => tests.family ?? familyFromFileName(file)));
}

/** A case's name is how a failure is reported: two of one name would hide which one failed. */
function reportRepeatedNames(cases: readonly RuleTestCase[], problems: ProblemCollector): void {
  const seen = new Set<string>();
  cases.forEach((testCase, index) => {
    if (seen.has(testCase.name))
      problems.report(["cases", index, "name"], `the case name "${testCase.name}" is used twice: give each case a name of its own`, testCase.name);
    seen.add(testCase.name);
  });
}

function familyFromFileName(file: string): PolicyFamily {
  return path.basename(file, ".json") as PolicyFamily;
}

/** The outcome in the words a test case expects; the tier and stage default when a service case leaves them out. */
async function outcomeOf(ruleSet: RuleSet, family: PolicyFamily, facts: FactValues): Promise<Record<string, unknown>> {
  if (family === "service-priority") {
    const defaults = ruleSet.files.tiering.default;
    const withTier = { accountTier: defaults.tier, lifecycleStage: defaults.lifecycleStage, ...facts };
    return { ...(await prioritizeTicket(ruleSet, withTier, {})) };
  }
  const { tiering, facts: assessedFacts } = await assessAccount(ruleSet, facts);
  if (family === "tiering") return { tier: tiering.tier, lifecycleStage: tiering.lifecycleStage };
  // A retention case may set the tier and stage itself, to test retention alone.
  const retention = await ruleSet.retention.evaluate({ ...assessedFacts, ...facts });
  return { ...retention, signals: retention.signals.map((signal) => signal.signal) };
}

function compare(expected: Record<string, unknown>, actual: Record<string, unknown>): { key: string; message: string }[] {
  return Object.entries(expected).flatMap(([key, wanted]) => {
    const got = actual[key];
    const same = Array.isArray(wanted) && Array.isArray(got) ? sameSet(wanted, got) : wanted === got;
    return same ? [] : [{ key, message: `expected ${key} ${JSON.stringify(wanted)}, got ${JSON.stringify(got)}` }];
  });
}

function sameSet(left: unknown[], right: unknown[]): boolean {
  const rightSet = new Set(right);
  return left.length === rightSet.size && left.every((value) => rightSet.has(value));
}
