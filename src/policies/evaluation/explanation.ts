import { RuleResult } from "json-rules-engine";

export type ConditionOutcome = "passed" | "failed" | "not evaluated";

/** One comparison of a rule, as it went: what was needed, what the fact was. */
export interface ConditionExplanation {
  fact: string;
  operator: string;
  expected: unknown;
  actual: unknown;
  outcome: ConditionOutcome;
  /** The groups around the comparison, outermost first, e.g. "all > any"; empty at the top. */
  within: string;
}

export interface RuleExplanation {
  rule: string;
  priority: number;
  event: { type: string; params: Record<string, unknown> };
  /** Under first match: whether this rule set the decision (a rule can fire and still lose to a higher one). */
  decided: boolean;
  conditions: ConditionExplanation[];
}

/** Why a policy decided as it did: the rules that fired with each condition, and the decisions left to the default. */
export interface Explanation {
  rulesVersion: string;
  hitPolicy: "first" | "collect";
  firedRules: RuleExplanation[];
  /** Decisions no rule made, which took the file's default (e.g. "tier: bronze"). */
  defaults: string[];
}

interface EvaluatedCondition {
  fact?: string;
  operator?: string;
  value?: unknown;
  factResult?: unknown;
  valueResult?: unknown;
  result?: boolean;
  all?: EvaluatedCondition[];
  any?: EvaluatedCondition[];
  not?: EvaluatedCondition;
}

/** Flattens json-rules-engine's evaluated condition tree; comparisons skipped by a short-circuit say "not evaluated". */
export function explainConditions(result: RuleResult): ConditionExplanation[] {
  const explained: ConditionExplanation[] = [];
  collect(result.conditions as unknown as EvaluatedCondition, [], explained);
  return explained;
}

function collect(condition: EvaluatedCondition, groups: string[], into: ConditionExplanation[]): void {
  if (condition.all) condition.all.forEach((member) => collect(member, [...groups, "all"], into));
  else if (condition.any) condition.any.forEach((member) => collect(member, [...groups, "any"], into));
  else if (condition.not) collect(condition.not, [...groups, "not"], into);
  else if (condition.fact !== undefined) {
    into.push({
      fact: condition.fact,
      operator: condition.operator ?? "",
      expected: isFactReference(condition.value) && condition.valueResult !== undefined ? condition.valueResult : condition.value,
      actual: condition.factResult === undefined ? null : condition.factResult,
      outcome: condition.result === undefined ? "not evaluated" : condition.result ? "passed" : "failed",
      within: groups.slice(1).join(" > "),
    });
  }
}

function isFactReference(value: unknown): boolean {
  return typeof value === "object" && value !== null && "fact" in value;
}

const failedRelation: Record<string, string> = {
  greaterThanInclusive: "<",
  greaterThan: "<=",
  lessThanInclusive: ">",
  lessThan: ">=",
  equal: "is not",
  notEqual: "is",
  in: "is not one of",
  notIn: "is one of",
};

const numberFormat = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });

/** "revenue12m 41,200 < 50,000": a failed comparison, actual against needed. */
export function describeFailedCondition(condition: ConditionExplanation): string {
  if (condition.actual === null) return `${condition.fact} is unknown (needs ${condition.operator} ${formatValue(condition.expected)})`;
  return `${condition.fact} ${formatValue(condition.actual)} ${failedRelation[condition.operator] ?? `fails ${condition.operator}`} ${formatValue(condition.expected)}`;
}

function formatValue(value: unknown): string {
  if (typeof value === "number") return numberFormat.format(value);
  if (Array.isArray(value)) return value.map(formatValue).join(", ");
  return typeof value === "string" ? value : JSON.stringify(value);
}
