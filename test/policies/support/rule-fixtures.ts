import { mkdtemp, mkdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { PolicyFamily, policyFamilies } from "../../../src/policies/rule-files/rule-file";
import { RuleProblem } from "../../../src/policies/rule-files/rule-problem";
import { RuleFileSource, validateRuleFiles } from "../../../src/policies/rule-files/validate-rule-files";

/** A small, valid rule set: tests change one thing in a copy and look for the problem it causes. */
// Tests reach into the files freely to break them: any, as a parsed file is, so that they may write what the types would refuse.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
export type EditableRuleFiles = Record<PolicyFamily, Record<string, any>>;

export function minimalRuleFiles(): EditableRuleFiles {
  return {
    tiering: {
      family: "tiering",
      description: "Test tiers",
      hitPolicy: "first",
      tiers: ["gold", "silver", "bronze"],
      lifecycleStages: ["new", "active", "churned"],
      default: { tier: "bronze", lifecycleStage: "active" },
      rules: [
        rule(
          "Gold: 50k a year",
          30,
          [
            { fact: "revenue12m", operator: "greaterThanInclusive", value: 50000 },
            { fact: "orders12m", operator: "greaterThanInclusive", value: 4 },
          ],
          "tier",
          { tier: "gold" },
        ),
        rule("Silver: 10k a year", 20, [{ fact: "revenue12m", operator: "greaterThanInclusive", value: 10000 }], "tier", { tier: "silver" }),
        rule("Churned", 50, [{ fact: "accountStatus", operator: "equal", value: "churned" }], "lifecycle-stage", { stage: "churned" }),
        rule("New", 40, [{ fact: "customerAgeDays", operator: "lessThan", value: 90 }], "lifecycle-stage", { stage: "new" }),
      ],
    },
    "service-priority": {
      family: "service-priority",
      description: "Test priorities",
      hitPolicy: "first",
      lanes: ["dedicated", "standard"],
      targets: Object.fromEntries(["gold", "silver", "bronze"].map((tier) => [tier, targets()])),
      default: { level: "P4", lane: "standard" },
      rules: [
        rule("Critical incidents", 90, [{ fact: "severity", operator: "equal", value: "critical" }], "priority", { level: "P1" }),
        rule("Complaints", 80, [{ fact: "category", operator: "equal", value: "complaint" }], "priority", { level: "P2" }),
        rule("Gold gets its manager", 70, [{ fact: "accountTier", operator: "equal", value: "gold" }], "lane", { lane: "dedicated" }),
      ],
    },
    "retention-barriers": {
      family: "retention-barriers",
      description: "Test retention",
      hitPolicy: "collect",
      riskLevels: [
        { level: "high", minScore: 60 },
        { level: "medium", minScore: 30 },
        { level: "low", minScore: 0 },
      ],
      default: { risk: "low" },
      rules: [
        rule("Orders falling", 10, [{ fact: "revenueTrend", operator: "lessThan", value: 0.6 }], "signal", { signal: "orders_falling", weight: 40 }),
        rule("Complaints", 10, [{ fact: "complaints90d", operator: "greaterThanInclusive", value: 2 }], "signal", { signal: "complaints", weight: 30 }),
        rule("Points at stake", 10, [{ fact: "loyaltyPoints", operator: "greaterThanInclusive", value: 5000 }], "barrier", { barrier: "loyalty_points" }),
        rule("Call them", 10, [{ fact: "revenueTrend", operator: "lessThan", value: 0.6 }], "action", { action: "account_manager_call" }),
        rule(
          "Not worth it",
          5,
          [
            { fact: "revenue12m", operator: "lessThan", value: 100 },
            { fact: "tickets90d", operator: "greaterThanInclusive", value: 5 },
          ],
          "let-go",
          { reason: "costs more than it brings" },
        ),
      ],
    },
  };
}

export function rule(name: string, priority: number, all: unknown[], type: string, params: Record<string, unknown>) {
  return { name, priority, conditions: { all }, event: { type, params } };
}

function targets() {
  return {
    P1: { firstResponseMinutes: 30, resolutionMinutes: 240 },
    P2: { firstResponseMinutes: 120, resolutionMinutes: 1440 },
    P3: { firstResponseMinutes: 480, resolutionMinutes: 2880 },
    P4: { firstResponseMinutes: 1440, resolutionMinutes: 10080 },
  };
}

export function toSources(files: Record<PolicyFamily, unknown>, texts: Partial<Record<PolicyFamily, string>> = {}): Record<PolicyFamily, RuleFileSource> {
  return Object.fromEntries(
    policyFamilies.map((family) => [family, { family, file: `rules/${family}.json`, text: texts[family] ?? `${JSON.stringify(files[family], null, 2)}\n` }]),
  ) as Record<PolicyFamily, RuleFileSource>;
}

/** One case per family that the minimal files pass, and that the edits tests make to them leave true: a family without cases cannot be published. */
export function minimalRuleTests(): Record<string, unknown> {
  return {
    "tiering.json": { family: "tiering", cases: [{ name: "no revenue is bronze", facts: { revenue12m: 0, orders12m: 0 }, expect: { tier: "bronze" } }] },
    "service-priority.json": {
      family: "service-priority",
      cases: [{ name: "a critical incident is P1", facts: { severity: "critical" }, expect: { level: "P1" } }],
    },
    "retention-barriers.json": { family: "retention-barriers", cases: [{ name: "nothing known is a low risk", facts: {}, expect: { risk: "low" } }] },
  };
}

/** Writes a rules folder to a new temporary directory, with the minimal cases unless `tests` gives a file of its own. */
export async function writeRulesFolder(files: Record<PolicyFamily, unknown>, tests: Record<string, unknown> = {}): Promise<string> {
  const directory = await mkdtemp(path.join(tmpdir(), "rules-"));
  await mkdir(path.join(directory, "tests"));
  for (const family of policyFamilies) await writeFile(path.join(directory, `${family}.json`), `${JSON.stringify(files[family], null, 2)}\n`);
  for (const [name, content] of Object.entries({ ...minimalRuleTests(), ...tests })) {
    await writeFile(path.join(directory, "tests", name), JSON.stringify(content, null, 2));
  }
  return directory;
}

/** The problems of the minimal files after `change`, with `texts` in place of some files' content; none when they are valid. */
export function problemsAfter(change: (files: EditableRuleFiles) => void, texts: Partial<Record<PolicyFamily, string>> = {}): RuleProblem[] {
  const files = minimalRuleFiles();
  change(files);
  const validation = validateRuleFiles(toSources(files, texts));
  return validation.valid ? [] : validation.problems;
}
