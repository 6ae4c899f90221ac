/**
 * How a comparison reads to an analyst: one wording for the GraphQL explanations and rules:explain,
 * with symbols for the operators and numbers written with thousands separators ("revenue12m ≥ 15,000").
 */

/** What a comparison needs, shown as written in a rule: the fact, the operator, the value. */
export interface WordedComparison {
  fact: string;
  operator: string;
  expected: unknown;
  actual: unknown;
  outcome: string;
  /** The fact a rule compares with ({ "fact": name }), when it does; `expected` is then that fact's value. */
  comparedFact?: string | null;
}

const symbols: Record<string, string> = {
  equal: "=",
  notEqual: "≠",
  lessThan: "<",
  lessThanInclusive: "≤",
  greaterThan: ">",
  greaterThanInclusive: "≥",
  in: "in",
  notIn: "not in",
};

/** The operator that holds when the named one does not: a failed `≥ 50,000` reads `< 50,000`. */
const opposites: Record<string, string> = {
  equal: "notEqual",
  notEqual: "equal",
  lessThan: "greaterThanInclusive",
  lessThanInclusive: "greaterThan",
  greaterThan: "lessThanInclusive",
  greaterThanInclusive: "lessThan",
  in: "notIn",
  notIn: "in",
};

const wholeAndCents = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });
const smallFractions = new Intl.NumberFormat("en-US", { maximumFractionDigits: 4 });

/** "≥", "not in": an operator as an analyst reads it; an operator we do not know stays as written. */
export function operatorSymbol(operator: string): string {
  return symbols[operator] ?? operator;
}

/** 15000 → "15,000", 0.2 → "0.2", a list → "[a, b]", null → "unknown". */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined) return "unknown";
  if (typeof value === "number") return (Math.abs(value) < 1 ? smallFractions : wholeAndCents).format(value);
  if (Array.isArray(value)) return `[${value.map(formatValue).join(", ")}]`;
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** "revenue12m ≥ 15,000", "accountStatus in [prospect, churned]", "returnRate12m is unknown": what the rule needs. */
export function describeRequirement(comparison: WordedComparison): string {
  return `${comparison.fact} ${relation(comparison.operator, comparison.expected, comparison.comparedFact)}`;
}

/** The comparison as it went: "revenue12m 41,200 < 50,000" when it failed, "revenue12m 60,000 ≥ 50,000" when it held. */
export function describeComparison(comparison: WordedComparison): string {
  if (comparison.outcome === "passed")
    return `${comparison.fact} ${formatValue(comparison.actual)} ${relation(comparison.operator, comparison.expected, comparison.comparedFact)}`;
  return describeFailedCondition(comparison);
}

/** "revenue12m 41,200 < 50,000": a failed comparison, the fact's value against what was needed. */
export function describeFailedCondition(comparison: WordedComparison): string {
  if (comparison.outcome === "not evaluated") return `${describeRequirement(comparison)} (not evaluated)`;
  const asksAboutUnknown = comparison.expected === null && comparison.comparedFact == null;
  if (comparison.actual === null && !asksAboutUnknown)
    return `${comparison.fact} is unknown (needs ${relation(comparison.operator, comparison.expected, comparison.comparedFact)})`;
  if (comparison.comparedFact && comparison.expected === null) {
    return `${comparison.fact} ${formatValue(comparison.actual)}, but ${comparison.comparedFact} is unknown (needs ${relation(comparison.operator, null, comparison.comparedFact)})`;
  }
  if (asksAboutUnknown) return `${comparison.fact} is ${formatValue(comparison.actual)} (needs to be ${comparison.operator === "equal" ? "unknown" : "known"})`;
  const opposite = opposites[comparison.operator];
  const failed = opposite
    ? relation(opposite, comparison.expected, comparison.comparedFact)
    : `fails ${comparison.operator} ${formatValue(comparison.expected)}`;
  return `${comparison.fact} ${formatValue(comparison.actual)} ${failed}`;
}

function relation(operator: string, expected: unknown, comparedFact?: string | null): string {
  if (comparedFact) return `${operatorSymbol(operator)} ${comparedFact}${expected === null || expected === undefined ? "" : ` (${formatValue(expected)})`}`;
  if (expected === null && operator === "equal") return "is unknown";
  if (expected === null && operator === "notEqual") return "is known";
  return `${operatorSymbol(operator)} ${formatValue(expected)}`;
}
