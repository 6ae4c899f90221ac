import { RuleRunner } from "../../src/policies/evaluation/rule-runner";
import { PolicyRule } from "../../src/policies/rule-files/rule-file";

function rule(name: string, condition: Record<string, unknown>): PolicyRule {
  return { name, priority: 1, conditions: { all: [condition] }, event: { type: "signal", params: { signal: name, weight: 1 } } } as unknown as PolicyRule;
}

async function firedNames(rules: PolicyRule[], facts: Record<string, unknown>): Promise<string[]> {
  const { fired } = await new RuleRunner(rules).run(facts as never);
  return fired.map((result) => result.name).sort();
}

/** rules/README.md, "Facts": every comparison with an unknown fact is false, whichever side it stands on. */
describe("comparisons with unknown facts", () => {
  const rules = [
    rule("more orders than days of silence", { fact: "orders12m", operator: "greaterThan", value: { fact: "daysSinceLastOrder" } }),
    rule("fewer orders than days of silence", { fact: "orders12m", operator: "lessThan", value: { fact: "daysSinceLastOrder" } }),
    rule("silence is not 30 days", { fact: "daysSinceLastOrder", operator: "notEqual", value: 30 }),
    rule("silence is not one of these", { fact: "daysSinceLastOrder", operator: "notIn", value: [30, 60] }),
    rule("silence is 30 days", { fact: "daysSinceLastOrder", operator: "equal", value: 30 }),
    rule("silence is unknown", { fact: "daysSinceLastOrder", operator: "equal", value: null }),
    rule("silence is known", { fact: "daysSinceLastOrder", operator: "notEqual", value: null }),
  ];

  test("when the fact on either side is unknown, then no comparison holds, not even a negative one; equal null says it is unknown", async () => {
    expect(await firedNames(rules, { orders12m: 5, daysSinceLastOrder: null })).toEqual(["silence is unknown"]);
    expect(await firedNames(rules, { orders12m: null, daysSinceLastOrder: 3 })).toEqual([
      "silence is known",
      "silence is not 30 days",
      "silence is not one of these",
    ]);
  });

  test("when both facts are known, then the comparisons hold as written", async () => {
    expect(await firedNames(rules, { orders12m: 5, daysSinceLastOrder: 3 })).toEqual([
      "more orders than days of silence",
      "silence is known",
      "silence is not 30 days",
      "silence is not one of these",
    ]);
    expect(await firedNames(rules, { orders12m: 5, daysSinceLastOrder: 30 })).toEqual([
      "fewer orders than days of silence",
      "silence is 30 days",
      "silence is known",
    ]);
  });
});
