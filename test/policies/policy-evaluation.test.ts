import { assessAccount, prioritizeTicket } from "../../src/policies/evaluation/assess";
import { compileRuleSet, RuleSet } from "../../src/policies/rule-set";
import { minimalRuleFiles, rule, toSources } from "./support/rule-fixtures";

/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-assignment --
   the tests edit rule files as free JSON (EditableRuleFiles is any), to write what the types would refuse */

function ruleSetOf(files = minimalRuleFiles()): RuleSet {
  const compiled = compileRuleSet(toSources(files));
  if (!compiled.loaded) throw new Error(JSON.stringify(compiled.problems));
  return compiled.ruleSet;
}

/** What a comparison written without a label and against a value (not a fact) carries besides the comparison: its place. */
function unlabelled(path: number[]) {
  return { path };
}

describe("policy evaluation", () => {
  test("when two tier rules fire, then the higher priority decides and the explanation shows both with each condition", async () => {
    const ruleSet = ruleSetOf();
    const { tiering } = await assessAccount(ruleSet, { revenue12m: 60000, orders12m: 5, accountStatus: "active", customerAgeDays: 400 });
    expect(tiering.tier).toBe("gold");
    expect(tiering.lifecycleStage).toBe("active");
    expect(tiering.explanation.rulesVersion).toBe(ruleSet.version);
    expect(tiering.explanation.defaults).toEqual(["lifecycleStage: active"]);
    expect(tiering.explanation.firedRules.map((fired) => [fired.rule, fired.decided])).toEqual([
      ["Gold: 50k a year", true],
      ["Silver: 10k a year", false],
    ]);
    expect(tiering.explanation.firedRules[0].conditions).toEqual([
      { ...unlabelled([0]), fact: "revenue12m", operator: "greaterThanInclusive", expected: 50000, actual: 60000, outcome: "passed", within: "" },
      { ...unlabelled([1]), fact: "orders12m", operator: "greaterThanInclusive", expected: 4, actual: 5, outcome: "passed", within: "" },
    ]);
  });

  test("when an account falls short of the next tier, then the near miss names the tier and the failing conditions, actual against needed", async () => {
    const { tiering } = await assessAccount(ruleSetOf(), { revenue12m: 41200, orders12m: 6 });
    expect(tiering.tier).toBe("silver");
    expect(tiering.nearMiss).toEqual({
      tier: "gold",
      rule: "Gold: 50k a year",
      failingConditions: [
        { ...unlabelled([0]), fact: "revenue12m", operator: "greaterThanInclusive", expected: 50000, actual: 41200, outcome: "failed", within: "" },
      ],
      summary: ["revenue12m 41,200 < 50,000"],
      blockedBy: null,
    });
  });

  test("when the account is in the top tier, then there is no near miss", async () => {
    const { tiering } = await assessAccount(ruleSetOf(), { revenue12m: 90000, orders12m: 9 });
    expect(tiering.nearMiss).toBeNull();
  });

  test("when a fact is unknown, then its comparisons fail and the near miss says it is unknown", async () => {
    const { tiering } = await assessAccount(ruleSetOf(), { revenue12m: 20000, orders12m: null });
    expect(tiering.tier).toBe("silver");
    expect(tiering.nearMiss?.summary).toEqual(["revenue12m 20,000 < 50,000", "orders12m is unknown (needs ≥ 4)"]);
  });

  test("when no rule fires, then the file's default decides and the explanation says so", async () => {
    const { tiering, retention } = await assessAccount(ruleSetOf(), { revenue12m: 10 });
    expect([tiering.tier, tiering.lifecycleStage]).toEqual(["bronze", "active"]);
    expect(tiering.explanation.defaults).toEqual(["tier: bronze", "lifecycleStage: active"]);
    expect(retention).toMatchObject({ risk: "low", riskScore: 0, signals: [], letGo: false });
    expect(retention.explanation.defaults).toEqual(["risk: low"]);
  });

  test("when a lower-priority rule for a higher tier holds, then the near miss says which rule decided first", async () => {
    const files = minimalRuleFiles();
    files.tiering.rules.push(
      rule("Capped: too many returns", 40, [{ fact: "returnRate12m", operator: "greaterThan", value: 0.5 }], "tier", { tier: "bronze" }),
    );
    const { tiering } = await assessAccount(ruleSetOf(files), { revenue12m: 60000, orders12m: 5, returnRate12m: 0.6 });
    expect(tiering.tier).toBe("bronze");
    expect(tiering.nearMiss).toMatchObject({ tier: "silver", rule: "Silver: 10k a year", summary: [], blockedBy: "Capped: too many returns" });
  });

  test("when several retention rules fire, then all are collected, weights sum into the risk, and let-go clears the actions", async () => {
    const ruleSet = ruleSetOf();
    const kept = await assessAccount(ruleSet, { revenueTrend: 0.4, complaints90d: 3, loyaltyPoints: 8000, revenue12m: 5000, tickets90d: 1 });
    expect(kept.retention).toMatchObject({
      risk: "high",
      riskScore: 70,
      barriers: ["loyalty_points"],
      actions: ["account_manager_call"],
      letGo: false,
      letGoReason: null,
    });
    expect(kept.retention.signals.map((signal) => signal.signal)).toEqual(["orders_falling", "complaints"]);
    const letGo = await assessAccount(ruleSet, { revenueTrend: 0.4, revenue12m: 50, tickets90d: 6 });
    expect(letGo.retention).toMatchObject({ risk: "medium", riskScore: 40, actions: [], letGo: true, letGoReason: "costs more than it brings" });
  });

  test("when retention runs, then it sees the tier tiering decided", async () => {
    const files = minimalRuleFiles();
    files["retention-barriers"].rules.push(
      rule("Gold is worth a visit", 10, [{ fact: "accountTier", operator: "equal", value: "gold" }], "action", { action: "executive_visit" }),
    );
    const { facts, retention } = await assessAccount(ruleSetOf(files), { revenue12m: 60000, orders12m: 5 });
    expect(facts.accountTier).toBe("gold");
    expect(retention.actions).toEqual(["executive_visit"]);
  });

  test("when a ticket is prioritized, then level and lane are decided separately and the clock comes from the tier's targets", async () => {
    const ruleSet = ruleSetOf();
    const outcome = await prioritizeTicket(ruleSet, { accountTier: "gold" }, { category: "complaint", severity: "critical", channel: "email", hoursOpen: 1 });
    expect(outcome).toMatchObject({ level: "P1", lane: "dedicated", firstResponseMinutes: 30, resolutionMinutes: 240 });
    expect(outcome.explanation.firedRules.map((fired) => [fired.rule, fired.decided])).toEqual([
      ["Critical incidents", true],
      ["Complaints", false],
      ["Gold gets its manager", true],
    ]);
    const quiet = await prioritizeTicket(ruleSet, { accountTier: "bronze" }, { category: "question", severity: "low", channel: "web", hoursOpen: 1 });
    expect(quiet).toMatchObject({ level: "P4", lane: "standard", firstResponseMinutes: 1440 });
    expect(quiet.explanation.defaults).toEqual(["level: P4", "lane: standard"]);
  });

  test("when a rule has an any group, then conditions skipped by the engine say not evaluated or failed, never passed", async () => {
    const files = minimalRuleFiles();
    files.tiering.rules = files.tiering.rules.filter((tierRule: { name: string }) => tierRule.name !== "Gold: 50k a year");
    files.tiering.rules.push({
      name: "Gold by loyalty",
      priority: 25,
      conditions: {
        all: [
          {
            any: [
              { fact: "loyaltyPoints", operator: "greaterThan", value: 100000 },
              { fact: "lifetimeRevenue", operator: "greaterThan", value: 1000000 },
            ],
          },
        ],
      },
      event: { type: "tier", params: { tier: "gold" } },
    });
    const { tiering } = await assessAccount(ruleSetOf(files), { revenue12m: 20000, loyaltyPoints: 5, lifetimeRevenue: 10 });
    const loyalty = tiering.nearMiss!;
    expect(loyalty.rule).toBe("Gold by loyalty");
    expect(loyalty.failingConditions.every((condition) => condition.outcome !== "passed")).toBe(true);
    expect(loyalty.failingConditions.map((condition) => condition.within)).toEqual(["any", "any"]);
  });
});
