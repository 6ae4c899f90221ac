import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { assessAccount, prioritizeTicket } from "../evaluation/assess";
import { FactValues } from "../facts/fact-catalogue";
import { parseJsonDocument } from "../rule-files/json-document";
import { isRecord, ProblemCollector } from "../rule-files/problem-collector";
import { PolicyFamily, policyFamilies } from "../rule-files/rule-file";
import { RuleProblem } from "../rule-files/rule-problem";
import { checkAgainstSchema } from "../rule-files/schema-check";
import { RuleSet } from "../rule-set";
import { checkEvaluationTime, Clock } from "./evaluation-time";

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

interface RunningReport extends RuleTestReport {
  /** The facts of every well-formed case: what the engines are timed on. */
  factSets: FactValues[];
}

export interface RuleTestOptions {
  /** What times the engines (performance.now); a test gives its own. */
  clock?: Clock;
}

/** Runs the analysts' cases in rules/tests/*.json against a rule set: given these facts, expect this outcome. */
export async function runRuleTests(
  ruleSet: RuleSet,
  directory: string,
  displayDirectory = "rules/tests",
  options: RuleTestOptions = {},
): Promise<RuleTestReport> {
  const names = (await readdir(directory).catch(() => [] as string[])).filter((name) => name.endsWith(".json")).sort();
  const files = await Promise.all(
    names.map(async (name) => ({ file: `${displayDirectory}/${name}`, text: await readFile(path.join(directory, name), "utf8") })),
  );
  return runRuleTestFiles(ruleSet, files, displayDirectory, options);
}

/**
 * Runs test case files held in memory (a draft's, a published version's): the same checks as the folder's.
 * Then times each family's engine on the cases' facts and refuses a family over the evaluation-time limit.
 */
export async function runRuleTestFiles(
  ruleSet: RuleSet,
  files: readonly { file: string; text: string }[],
  displayDirectory = "rules/tests",
  options: RuleTestOptions = {},
): Promise<RuleTestReport> {
  const report: RunningReport = { passed: 0, problems: [], families: [], tested: new Set(), cases: [], factSets: [] };
  for (const { file, text } of files) await runTestFile(ruleSet, file, text, report);
  reportUntestedFamilies(report, displayDirectory);
  const slow = await checkEvaluationTime(ruleSet, report.factSets, options.clock ?? (() => performance.now()));
  report.problems.push(...slow);
  report.families.push(...slow.map((problem) => familyOfRuleFile(ruleSet, problem.file)));
  const { factSets, ...result } = report;
  return result;
}

function familyOfRuleFile(ruleSet: RuleSet, file: string): PolicyFamily {
  return policyFamilies.find((family) => ruleSet.sources[family].file === file)!;
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
      fix:
        `write ${displayDirectory}/${family}.json with a case for each decision you rely on: ` +
        `{ "family": "${family}", "cases": [{ "name": "...", "facts": { ... }, "expect": { ... } }] }`,
    });
    report.families.push(family);
  }
}

/** Runs every well-formed case of a file, also when others are misshapen: every problem at once. */
async function runTestFile(ruleSet: RuleSet, file: string, text: string, report: RunningReport): Promise<void> {
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
  checkAgainstSchema("ruleTests", document.value, problems, caseName);
  problems.endSchemaCheck();
  const cases = wellFormedCases(tests, problems);
  if (cases.length > 0) report.tested.add(tests.family);
  reportRepeatedNames(cases, problems);
  for (const { index, testCase } of cases) {
    report.factSets.push(testCase.facts);
    const mismatches = compare(testCase.expect, await outcomeOf(ruleSet, tests.family, testCase.facts));
    mismatches.forEach((mismatch) => problems.report(["cases", index, "expect", mismatch.key], mismatch, testCase.name));
    if (mismatches.length === 0) report.passed++;
    report.cases.push({ family: tests.family, name: testCase.name, passed: mismatches.length === 0 });
  }
  report.problems.push(...problems.problems);
  report.families.push(...problems.problems.map(() => tests.family ?? familyFromFileName(file)));
}

/** The cases the JSON Schema found well-formed, with their index in the file; none when the file's family is not known. */
function wellFormedCases(tests: RuleTestFile, problems: ProblemCollector): { index: number; testCase: RuleTestCase }[] {
  if (!isRecord(tests) || problems.isMalformed(["family"]) || !policyFamilies.includes(tests.family) || !Array.isArray(tests.cases)) return [];
  return tests.cases.map((testCase, index) => ({ index, testCase })).filter(({ index }) => !problems.isMalformed(["cases", index]));
}

/** A case's name is how a failure is reported: two of one name would hide which one failed. */
function reportRepeatedNames(cases: readonly { index: number; testCase: RuleTestCase }[], problems: ProblemCollector): void {
  const seen = new Set<string>();
  for (const { index, testCase } of cases) {
    if (seen.has(testCase.name)) {
      problems.report(
        ["cases", index, "name"],
        {
          message: `the case name "${testCase.name}" is used twice: give each case a name of its own`,
          fix: `rename this case to say what it checks, e.g. "${testCase.name} (${index + 1})"`,
        },
        testCase.name,
      );
    }
    seen.add(testCase.name);
  }
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

function compare(expected: Record<string, unknown>, actual: Record<string, unknown>): { key: string; message: string; fix: string }[] {
  return Object.entries(expected).flatMap(([key, wanted]) => {
    const got = actual[key];
    const same = Array.isArray(wanted) && Array.isArray(got) ? sameSet(wanted, got) : wanted === got;
    return same
      ? []
      : [
          {
            key,
            message: `expected ${key} ${JSON.stringify(wanted)}, got ${JSON.stringify(got)}`,
            fix: `if the rules are right, expect ${JSON.stringify(got)}; if the case is right, change the rules (the explanation of the case's facts names the rule that decided)`,
          },
        ];
  });
}

function sameSet(left: unknown[], right: unknown[]): boolean {
  const rightSet = new Set(right);
  return left.length === rightSet.size && left.every((value) => rightSet.has(value));
}
