import { isRecord, ProblemCollector } from "./problem-collector";
import { PolicyFamily } from "./rule-file";

/**
 * How large a family's rules may grow. Every account runs through every rule of tiering and retention on
 * each re-evaluation, and every open ticket through service priority: the size of a file is the cost of
 * every evaluation. Today's files hold at most 15 rules of at most 7 comparisons; these limits leave room
 * twenty times over, and refuse the pasted or generated file (10,000 rules) that would stall the API while
 * it re-evaluates. Constants, not settings: a rule file must be valid or invalid the same way on every
 * process and in every analyst's check.
 */
export const ruleLimits = {
  /**
   * At some 2 µs a comparison, 300 rules of 40 comparisons take about 20 ms an account: a set at both limits
   * at once is over the evaluation-time limit (src/policies/rule-tests/evaluation-time.ts), which has the last word.
   */
  rulesPerFamily: 300,
  comparisonsPerRule: 40,
  /** all / any / not groups inside each other: deeper than this is not read by anyone, and costs a stack frame per level. */
  groupDepth: 6,
} as const;

/** Reports a file with more rules than a family may hold, and rules with more comparisons or deeper groups than a rule may hold. */
export function checkRuleLimits(family: PolicyFamily, rules: readonly unknown[], problems: ProblemCollector): void {
  if (rules.length > ruleLimits.rulesPerFamily) {
    problems.report(["rules"], {
      message: `${rules.length.toLocaleString("en")} rules are more than a ${family} file may hold (${ruleLimits.rulesPerFamily}): every evaluation runs through every rule`,
      fix:
        `bring the file down to ${ruleLimits.rulesPerFamily} rules or fewer: merge rules that raise the same event into one, ` +
        `with an "in" list (accountStatus in ["active", "churned"]) or an "any" group in place of one rule per value; remove rules that no longer decide anything`,
    });
  }
  rules.forEach((rule, index) => {
    if (!isRecord(rule)) return;
    const name = typeof rule.name === "string" ? rule.name : undefined;
    const { comparisons, depth } = measureCondition(rule.conditions);
    if (comparisons > ruleLimits.comparisonsPerRule) {
      problems.report(
        ["rules", index, "conditions"],
        {
          message: `this rule holds ${comparisons} comparisons, more than the ${ruleLimits.comparisonsPerRule} a rule may hold`,
          fix: `compare with one "in" list where several comparisons ask for one fact's values, or split the rule into rules that each decide one case`,
        },
        name,
      );
    }
    if (depth > ruleLimits.groupDepth) {
      problems.report(
        ["rules", index, "conditions"],
        {
          message: `the groups of this rule nest ${depth} deep, more than the ${ruleLimits.groupDepth} a rule may hold`,
          fix: `flatten the groups: an "all" inside an "all" (or an "any" inside an "any") is one group; a long chain of cases is several rules`,
        },
        name,
      );
    }
  });
}

/** Comparisons (facts compared) in a condition tree, and how deep its groups nest; read defensively (the JSON Schema reports the shape). */
function measureCondition(condition: unknown): { comparisons: number; depth: number } {
  if (!isRecord(condition)) return { comparisons: 0, depth: 0 };
  if ("fact" in condition) return { comparisons: 1, depth: 0 };
  const members = [condition.all, condition.any].flatMap((list) => (Array.isArray(list) ? (list as unknown[]) : []));
  if ("not" in condition) members.push(condition.not);
  const measured = members.map(measureCondition);
  return {
    comparisons: measured.reduce((sum, member) => sum + member.comparisons, 0),
    depth: 1 + Math.max(0, ...measured.map((member) => member.depth)),
  };
}
