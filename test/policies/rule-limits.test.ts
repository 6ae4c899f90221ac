import path from "node:path";
import { ruleLimits } from "../../src/policies/rule-files/rule-limits";
import { describeProblem } from "../../src/policies/rule-files/rule-problem";
import { compileRuleSet, readRuleFileSources, RuleSet } from "../../src/policies/rule-set";
import { evaluationTimeLimits } from "../../src/policies/rule-tests/evaluation-time";
import { runRuleTests } from "../../src/policies/rule-tests/run-rule-tests";
import { minimalRuleFiles, problemsAfter, rule, writeRulesFolder } from "./support/rule-fixtures";

/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-assignment --
   the tests edit rule files as free JSON (EditableRuleFiles is any), to write what the types would refuse */

function revenueRules(count: number) {
  return Array.from({ length: count }, (_, index) =>
    rule(`Silver from ${index}`, 10, [{ fact: "revenue12m", operator: "greaterThanInclusive", value: 20_000 + index }], "tier", { tier: "silver" }),
  );
}

/** A clock that moves `step` milliseconds each time it is read: every timed evaluation takes exactly that long. */
function steppingClock(step: number): () => number {
  let now = 0;
  return () => (now += step);
}

async function compiledMinimalRuleSet(): Promise<{ ruleSet: RuleSet; testsDirectory: string }> {
  const directory = await writeRulesFolder(minimalRuleFiles());
  const compiled = compileRuleSet(await readRuleFileSources(directory));
  if (!compiled.loaded) throw new Error(compiled.problems.map(describeProblem).join("\n"));
  return { ruleSet: compiled.ruleSet, testsDirectory: path.join(directory, "tests") };
}

describe("limits of a rule set", () => {
  test(
    "when a family holds 10,000 rules, then it is refused at $.rules with the count, the limit and what to do, before any engine is built",
    () => {
      const problems = problemsAfter((files) => {
        files.tiering.rules.push(...revenueRules(10_000));
      });
      const limit = problems.filter((problem) => problem.path === "$.rules");
      expect(limit).toEqual([
        expect.objectContaining({
          file: "rules/tiering.json",
          message: `10,004 rules are more than a tiering file may hold (${ruleLimits.rulesPerFamily}): every evaluation runs through every rule`,
          fix: expect.stringMatching(/^bring the file down to 300 rules or fewer: merge rules .* with an "in" list/),
        }),
      ]);
      expect(limit[0].line).toBeGreaterThan(1);
      expect(describeProblem(limit[0])).toMatch(/\(300\): every evaluation runs through every rule Fix: bring the file down/);
    },
    // The count is checked in one pass and the pairwise reachability check waits for a file within the limit: far quicker than this.
    15_000,
  );

  test("when a family holds exactly the limit of rules, then the count is not a problem", () => {
    const problems = problemsAfter((files) => {
      files["retention-barriers"].rules = Array.from({ length: ruleLimits.rulesPerFamily }, (_, index) =>
        rule(`Signal ${index}`, 10, [{ fact: "complaints90d", operator: "greaterThanInclusive", value: index }], "signal", { signal: "complaints", weight: 1 }),
      );
    });
    expect(problems).toEqual([]);
  });

  test("when a rule holds more comparisons or deeper groups than a rule may, then that rule is refused with the count and the limit", () => {
    const comparisons = Array.from({ length: ruleLimits.comparisonsPerRule + 1 }, (_, index) => ({ fact: "orders12m", operator: "notEqual", value: index }));
    let deep: unknown = { fact: "orders12m", operator: "greaterThan", value: 1 };
    for (let level = 0; level < ruleLimits.groupDepth; level++) deep = { any: [deep] };
    const problems = problemsAfter((files) => {
      files.tiering.rules[1].conditions = { all: comparisons };
      files.tiering.rules[3].conditions = { all: [deep] };
    });
    expect(problems.map((problem) => [problem.rule, problem.path, problem.message])).toEqual([
      ["Silver: 10k a year", "$.rules[1].conditions", "this rule holds 41 comparisons, more than the 40 a rule may hold"],
      ["New", "$.rules[3].conditions", "the groups of this rule nest 7 deep, more than the 6 a rule may hold"],
    ]);
    expect(problems.every((problem) => problem.fix !== undefined)).toBe(true);
  });

  test("when today's rules folder is checked, then it is within every limit, the evaluation time included", async () => {
    const rules = path.resolve("rules");
    const compiled = compileRuleSet(await readRuleFileSources(rules));
    expect(compiled.loaded).toBe(true);
    const report = await runRuleTests((compiled as { ruleSet: RuleSet }).ruleSet, path.join(rules, "tests"));
    expect(report.problems).toEqual([]);
  });

  test("when the engines take longer per account than the limit, then each family is refused naming the time measured and the limit", async () => {
    const { ruleSet, testsDirectory } = await compiledMinimalRuleSet();
    const report = await runRuleTests(ruleSet, testsDirectory, "rules/tests", { clock: steppingClock(evaluationTimeLimits.slowestMilliseconds * 2) });
    expect(report.problems.map((problem) => [problem.file, problem.path])).toEqual([
      ["rules/tiering.json", "$.rules"],
      ["rules/service-priority.json", "$.rules"],
      ["rules/retention-barriers.json", "$.rules"],
    ]);
    expect(report.families).toEqual(["tiering", "service-priority", "retention-barriers"]);
    expect(report.problems[0].message).toBe(
      "the tiering rules take too long to evaluate: 200 ms per account (median of 3 analyst cases, each its fastest of 3 timings), the slowest case 200 ms; " +
        "the limit is 10 ms median and 100 ms for any case, so that a re-evaluation of every account stays short",
    );
    expect(report.problems[1].message).toMatch(/^the service-priority rules take too long to evaluate: 200 ms per ticket/);
    expect(report.problems[0].fix).toMatch(/^make the rules cheaper: fewer rules/);
    // The cases themselves passed: only the time refuses the set.
    expect(report.passed).toBe(3);
  });

  test("when the engines are within the limits on the clock, then no time problem is reported", async () => {
    const { ruleSet, testsDirectory } = await compiledMinimalRuleSet();
    const report = await runRuleTests(ruleSet, testsDirectory, "rules/tests", { clock: steppingClock(evaluationTimeLimits.medianMilliseconds / 2) });
    expect(report.problems).toEqual([]);
  });
});
