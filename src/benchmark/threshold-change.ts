import { PolicyFamily } from "../policies/rule-files/rule-file";
import { RuleFileSource } from "../policies/rule-files/validate-rule-files";

interface Comparison {
  fact?: unknown;
  value?: unknown;
  all?: Comparison[];
  any?: Comparison[];
  not?: Comparison;
}

/**
 * The rule sources with the first 12-month revenue threshold of tiering raised by a tenth: a change that
 * an analyst makes, that moves some accounts, and that makes a new version (so every account is re-evaluated).
 */
export function withThresholdRaised(sources: Record<PolicyFamily, RuleFileSource>): { sources: Record<PolicyFamily, RuleFileSource>; change: string } {
  const tiering = JSON.parse(sources.tiering.text) as { rules: Array<{ name: string; conditions: Comparison }> };
  for (const rule of tiering.rules) {
    const comparison = findRevenueComparison(rule.conditions);
    if (!comparison) continue;
    const before = comparison.value as number;
    comparison.value = Math.round(before * 1.1);
    const change = `tiering rule "${rule.name}": revenue12m threshold ${before} → ${String(comparison.value)}`;
    return { sources: { ...sources, tiering: { ...sources.tiering, text: `${JSON.stringify(tiering, null, 2)}\n` } }, change };
  }
  throw new Error("The tiering rules in service compare no revenue12m with a number: no threshold to raise");
}

function findRevenueComparison(condition: Comparison): Comparison | undefined {
  if (condition.fact === "revenue12m" && typeof condition.value === "number") return condition;
  for (const member of [...(condition.all ?? []), ...(condition.any ?? []), ...(condition.not ? [condition.not] : [])]) {
    const found = findRevenueComparison(member);
    if (found) return found;
  }
  return undefined;
}
