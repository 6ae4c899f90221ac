import { assessAccount, explainAccount } from "../../src/policies/evaluation/assess";
import { describeComparison, describeFailedCondition, describeRequirement } from "../../src/policies/evaluation/condition-wording";
import { outlineRule } from "../../src/policies/evaluation/explanation";
import { compileRuleSet, RuleSet } from "../../src/policies/rule-set";
import { minimalRuleFiles, rule, toSources } from "./support/rule-fixtures";

/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-call --
   the tests add rules to the files as free JSON (EditableRuleFiles is any) */

function ruleSetOf(files = minimalRuleFiles()): RuleSet {
  const compiled = compileRuleSet(toSources(files));
  if (!compiled.loaded) throw new Error(JSON.stringify(compiled.problems));
  return compiled.ruleSet;
}

const comparison = (operator: string, expected: unknown, actual: unknown = null, outcome = "failed") => ({
  fact: "revenue12m",
  operator,
  expected,
  actual,
  outcome,
});

/** Gold by loyalty: labelled comparisons in an all group holding an any group and a not group, each labelled too. */
function filesWithLabelledGroups() {
  const files = minimalRuleFiles();
  files.tiering.rules.push({
    name: "Gold by loyalty",
    priority: 25,
    conditions: {
      all: [
        { fact: "revenue12m", operator: "greaterThanInclusive", value: 15000, name: "spend" },
        {
          any: [
            { fact: "loyaltyPoints", operator: "greaterThan", value: 100000, name: "many points" },
            { fact: "lifetimeRevenue", operator: "greaterThan", value: 1000000, name: "long relationship" },
          ],
          name: "loyalty",
        },
        { not: { fact: "returnRate12m", operator: "greaterThan", value: 0.2, name: "many returns" }, name: "cost to serve" },
      ],
    },
    event: { type: "tier", params: { tier: "gold" } },
  });
  return files;
}

describe("explanations analysts read", () => {
  test("when a comparison is worded, then the operator is a symbol and numbers are written out, the same for every operator", () => {
    expect(describeRequirement(comparison("greaterThanInclusive", 15000))).toBe("revenue12m ≥ 15,000");
    expect(describeRequirement(comparison("lessThan", 0.2))).toBe("revenue12m < 0.2");
    expect(describeRequirement(comparison("in", ["prospect", "churned"]))).toBe("revenue12m in [prospect, churned]");
    expect(describeRequirement(comparison("notIn", [1, 2]))).toBe("revenue12m not in [1, 2]");
    expect(describeRequirement(comparison("equal", null))).toBe("revenue12m is unknown");
    expect(describeRequirement(comparison("notEqual", null))).toBe("revenue12m is known");
    expect(describeRequirement({ ...comparison("greaterThan", 12000), comparedFact: "lifetimeRevenue" })).toBe("revenue12m > lifetimeRevenue (12,000)");
    expect(describeFailedCondition(comparison("greaterThanInclusive", 50000, 41200))).toBe("revenue12m 41,200 < 50,000");
    expect(describeFailedCondition(comparison("lessThanInclusive", 90, 120.5))).toBe("revenue12m 120.5 > 90");
    expect(describeFailedCondition(comparison("equal", null, 3))).toBe("revenue12m is 3 (needs to be unknown)");
    expect(describeFailedCondition(comparison("notEqual", null, null))).toBe("revenue12m is unknown (needs to be known)");
    expect(describeFailedCondition(comparison("greaterThan", 4))).toBe("revenue12m is unknown (needs > 4)");
    expect(describeFailedCondition(comparison("greaterThan", 4, null, "not evaluated"))).toBe("revenue12m > 4 (not evaluated)");
    expect(describeComparison(comparison("greaterThanInclusive", 50000, 60000, "passed"))).toBe("revenue12m 60,000 ≥ 50,000");
  });

  test("when a rule has labelled all, any and not groups, then the explanation keeps each group with its label and whether it held", async () => {
    const { tiering } = await assessAccount(ruleSetOf(filesWithLabelledGroups()), {
      revenue12m: 20000,
      loyaltyPoints: 200000,
      lifetimeRevenue: 10,
      returnRate12m: 0.1,
    });
    const loyalty = tiering.explanation.firedRules.find((fired) => fired.rule === "Gold by loyalty")!;
    expect(loyalty.groups).toEqual([
      { kind: "all", label: null, outcome: "passed", path: [] },
      { kind: "any", label: "loyalty", outcome: "passed", path: [1] },
      { kind: "not", label: "cost to serve", outcome: "passed", path: [2] },
    ]);
    expect(loyalty.conditions.map((condition) => [condition.label, condition.path, condition.outcome])).toEqual([
      ["spend", [0], "passed"],
      ["many points", [1, 0], "passed"],
      ["long relationship", [1, 1], "failed"],
      ["many returns", [2, 0], "failed"],
    ]);
    expect(outlineRule(loyalty)).toEqual([
      "held          all of",
      "held            spend: revenue12m ≥ 15,000 (is 20,000)",
      "held            loyalty: any of",
      "held              many points: loyaltyPoints > 100,000 (is 200,000)",
      "failed            long relationship: lifetimeRevenue > 1,000,000 (is 10)",
      "held            cost to serve: not",
      "failed            many returns: returnRate12m > 0.2 (is 0.1)",
    ]);
  });

  test("when a rule compares two facts, then the explanation names the fact compared with beside its value", async () => {
    const files = minimalRuleFiles();
    files.tiering.rules.push(
      rule("Gold: a record year", 25, [{ fact: "revenue12m", operator: "greaterThan", value: { fact: "lifetimeRevenue" } }], "tier", { tier: "gold" }),
    );
    const { tiering } = await explainAccount(ruleSetOf(files), { revenue12m: 20000, lifetimeRevenue: 30000 });
    const [condition] = tiering.rules.find((explained) => explained.rule === "Gold: a record year")!.conditions;
    expect(condition).toMatchObject({ comparedFact: "lifetimeRevenue", expected: 30000, actual: 20000, outcome: "failed" });
    expect(describeRequirement(condition)).toBe("revenue12m > lifetimeRevenue (30,000)");
    expect(describeFailedCondition(condition)).toBe("revenue12m 20,000 ≤ lifetimeRevenue (30,000)");
  });

  test("when a rule fires but a higher rule decided first, then it says which rule decided", async () => {
    const { tiering } = await assessAccount(ruleSetOf(), { revenue12m: 60000, orders12m: 5 });
    expect(tiering.explanation.firedRules.map((fired) => [fired.rule, fired.blockedBy?.text ?? null])).toEqual([
      ["Gold: 50k a year", null],
      ["Silver: 10k a year", '"Gold: 50k a year" decided first'],
    ]);
  });

  test("when an analyst asks about a rule that did not fire, then it names the first condition that failed, with its label, and any higher rule that decided", async () => {
    const { tiering } = await explainAccount(ruleSetOf(filesWithLabelledGroups()), { revenue12m: 60000, orders12m: 5, loyaltyPoints: 5, lifetimeRevenue: 10 });
    const loyalty = tiering.rules.find((explained) => explained.rule === "Gold by loyalty")!;
    expect(loyalty).toMatchObject({ fired: false, decided: false });
    expect(loyalty.blockedBy).toMatchObject({
      decidedBy: "Gold: 50k a year",
      failingCondition: { label: "many points", path: [1, 0], outcome: "failed" },
      text: 'many points: loyaltyPoints 5 ≤ 100,000; "Gold: 50k a year" decided first',
    });
    const returns = await explainAccount(ruleSetOf(filesWithLabelledGroups()), { revenue12m: 20000, loyaltyPoints: 200000, returnRate12m: 0.5 });
    expect(returns.tiering.rules.find((explained) => explained.rule === "Gold by loyalty")!.blockedBy).toMatchObject({
      decidedBy: null,
      text: "many returns: not (returnRate12m 0.5 > 0.2)",
    });
  });

  test("when a let-go rule fires, then the action rules it overrides did not decide and name it", async () => {
    const { retention } = await assessAccount(ruleSetOf(), { revenueTrend: 0.4, revenue12m: 50, tickets90d: 6 });
    const call = retention.explanation.firedRules.find((fired) => fired.rule === "Call them")!;
    expect(call).toMatchObject({
      decided: false,
      blockedBy: { decidedBy: "Not worth it", text: '"Not worth it" lets the account go: its actions are dropped' },
    });
    const ordersFalling = retention.explanation.firedRules.find((fired) => fired.rule === "Orders falling")!;
    expect([ordersFalling.decided, ordersFalling.blockedBy ?? null]).toEqual([true, null]);
  });

  test("when an account sits in one lifecycle stage, then the near misses name the other stages' closest rules, closest first", async () => {
    const files = minimalRuleFiles();
    files.tiering.rules.push(
      rule(
        "Churned: quiet and complaining",
        45,
        [
          { fact: "daysSinceLastOrder", operator: "greaterThan", value: 365, name: "recency" },
          { fact: "complaints90d", operator: "greaterThanInclusive", value: 3 },
        ],
        "lifecycle-stage",
        { stage: "churned" },
      ),
    );
    const { tiering } = await explainAccount(ruleSetOf(files), { accountStatus: "active", customerAgeDays: 120, daysSinceLastOrder: 30, complaints90d: 1 });
    expect(tiering.outcome.lifecycleStage).toBe("active");
    expect(tiering.stageNearMisses.map((nearMiss) => [nearMiss.stage, nearMiss.rule, nearMiss.summary])).toEqual([
      ["new", "New", ["customerAgeDays 120 ≥ 90"]],
      ["churned", "Churned", ["accountStatus active ≠ churned"]],
    ]);
  });

  test("when a stage's rule holds but a higher stage rule decides, then the stage near miss says which rule decided", async () => {
    const { tiering } = await explainAccount(ruleSetOf(), { accountStatus: "churned", customerAgeDays: 30 });
    expect(tiering.outcome.lifecycleStage).toBe("churned");
    expect(tiering.stageNearMisses[0]).toEqual({ stage: "new", rule: "New", failingConditions: [], summary: [], blockedBy: "Churned" });
  });

  test("when the risk is below the highest level, then the risk near miss gives the points needed and the signals that did not fire, closest first", async () => {
    const { retention } = await explainAccount(ruleSetOf(), { complaints90d: 2, revenueTrend: 0.9 });
    expect([retention.outcome.risk, retention.outcome.riskScore]).toEqual(["medium", 30]);
    expect(retention.riskNearMiss).toMatchObject({
      risk: "high",
      pointsNeeded: 30,
      signals: [{ signal: "orders_falling", weight: 40, rule: "Orders falling", summary: ["revenueTrend 0.9 ≥ 0.6"] }],
    });
    const high = await explainAccount(ruleSetOf(), { complaints90d: 2, revenueTrend: 0.1 });
    expect(high.retention.riskNearMiss).toBeNull();
  });
});
