import { isRecord } from "./problem-collector";

/**
 * Finds first-match rules that can never win: a rule is shadowed when a rule of the same decision that
 * runs before it (higher priority, or equal priority and earlier in the file) matches whenever it matches.
 * Only top-level "all" lists are compared term by term; other shapes must be identical to count.
 */
export interface RankedRule {
  index: number;
  name: string;
  priority: number;
  eventType: string;
  conditions: unknown;
}

export interface ShadowedRule {
  rule: RankedRule;
  shadowedBy: RankedRule;
}

type Term =
  | { kind: "range"; fact: string; low: number; lowInclusive: boolean; high: number; highInclusive: boolean }
  | { kind: "set"; fact: string; values: ReadonlyArray<unknown> }
  | { kind: "exact"; key: string };

export function findShadowedRules(rules: readonly RankedRule[]): ShadowedRule[] {
  const ordered = [...rules].sort((left, right) => right.priority - left.priority || left.index - right.index);
  const terms = new Map(ordered.map((rule) => [rule, termsOf(rule.conditions)]));
  const shadowed: ShadowedRule[] = [];
  ordered.forEach((rule, position) => {
    const earlier = ordered.slice(0, position).find((candidate) => candidate.eventType === rule.eventType && covers(terms.get(candidate)!, terms.get(rule)!));
    if (earlier) shadowed.push({ rule, shadowedBy: earlier });
  });
  return shadowed;
}

/** Whether every term of the earlier rule follows from some term of the later one. */
function covers(earlier: readonly Term[], later: readonly Term[]): boolean {
  return earlier.every((needed) => later.some((given) => implies(given, needed)));
}

function termsOf(conditions: unknown): Term[] {
  if (isRecord(conditions) && Array.isArray(conditions.all)) return conditions.all.map(termOf);
  return [exact(conditions)];
}

function termOf(condition: unknown): Term {
  if (!isRecord(condition) || typeof condition.fact !== "string") return exact(condition);
  const { fact, operator, value } = condition;
  if (typeof value === "number") {
    switch (operator) {
      case "greaterThan":
        return { kind: "range", fact, low: value, lowInclusive: false, high: Infinity, highInclusive: false };
      case "greaterThanInclusive":
        return { kind: "range", fact, low: value, lowInclusive: true, high: Infinity, highInclusive: false };
      case "lessThan":
        return { kind: "range", fact, low: -Infinity, lowInclusive: false, high: value, highInclusive: false };
      case "lessThanInclusive":
        return { kind: "range", fact, low: -Infinity, lowInclusive: false, high: value, highInclusive: true };
    }
  }
  if (operator === "equal" && !isRecord(value)) return { kind: "set", fact, values: [value] };
  if (operator === "in" && Array.isArray(value)) return { kind: "set", fact, values: value };
  return exact(condition);
}

function exact(condition: unknown): Term {
  return { kind: "exact", key: JSON.stringify(withoutNames(condition)) };
}

/** Labels do not change what a condition matches. */
function withoutNames(condition: unknown): unknown {
  if (Array.isArray(condition)) return condition.map(withoutNames);
  if (!isRecord(condition)) return condition;
  return Object.fromEntries(
    Object.entries(condition)
      .filter(([key]) => key !== "name")
      .map(([key, value]) => [key, withoutNames(value)]),
  );
}

function implies(given: Term, needed: Term): boolean {
  if (given.kind === "exact" || needed.kind === "exact") return given.kind === "exact" && needed.kind === "exact" && given.key === needed.key;
  if (given.fact !== needed.fact) return false;
  if (needed.kind === "set") return given.kind === "set" && given.values.every((value) => needed.values.includes(value));
  if (given.kind === "set") return given.values.every((value) => typeof value === "number" && inRange(value, needed));
  return rangeWithin(given, needed);
}

type Range = Extract<Term, { kind: "range" }>;

function inRange(value: number, range: Range): boolean {
  const aboveLow = range.lowInclusive ? value >= range.low : value > range.low;
  const belowHigh = range.highInclusive ? value <= range.high : value < range.high;
  return aboveLow && belowHigh;
}

function rangeWithin(inner: Range, outer: Range): boolean {
  const lowOk = inner.low > outer.low || (inner.low === outer.low && (outer.lowInclusive || !inner.lowInclusive));
  const highOk = inner.high < outer.high || (inner.high === outer.high && (outer.highInclusive || !inner.highInclusive));
  return lowOk && highOk;
}
