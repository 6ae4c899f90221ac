import { RuleResult } from "json-rules-engine";
import { describeComparison, describeFailedCondition, describeRequirement, formatValue } from "./condition-wording";

export type ConditionOutcome = "passed" | "failed" | "not evaluated";
export type ConditionGroupKind = "all" | "any" | "not";

/** One comparison of a rule, as it went: what was needed, what the fact was. */
export interface ConditionExplanation {
  fact: string;
  operator: string;
  expected: unknown;
  actual: unknown;
  outcome: ConditionOutcome;
  /** The groups around the comparison, outermost first, e.g. "all > any"; empty at the top. */
  within: string;
  /** The label the rule file gives the comparison (json-rules-engine's `name`); null when it has none. */
  label?: string | null;
  /** Where it sits in the rule's conditions: member positions from the top group down, e.g. [3, 0]. */
  path?: number[];
  /** The fact compared with, when the rule compares two facts ({ "fact": name }); `expected` is then its value. */
  comparedFact?: string | null;
}

/** An all, any or not group of a rule's conditions, and whether it held. */
export interface ConditionGroupExplanation {
  kind: ConditionGroupKind;
  label: string | null;
  outcome: ConditionOutcome;
  /** As ConditionExplanation.path; the rule's top group is []. */
  path: number[];
}

/** What kept a rule from deciding: a higher rule that decided first, or the first of its conditions that did not hold. */
export interface RuleBlock {
  /** The rule that made this decision first (first match), or the let-go rule that dropped this action. */
  decidedBy: string | null;
  /** When the rule did not fire: the first comparison that kept it from firing (under a `not`, one that held). */
  failingCondition: ConditionExplanation | null;
  /** The block in words, e.g. 'recency: daysSinceLastOrder 200 > 90' or '"Platinum …" decided first'. */
  text: string;
}

export interface RuleExplanation {
  rule: string;
  priority: number;
  event: { type: string; params: Record<string, unknown> };
  /** Under first match: whether this rule set the decision (a rule can fire and still lose to a higher one). */
  decided: boolean;
  conditions: ConditionExplanation[];
  /** Whether its conditions held; left out when they did (every rule of firedRules). */
  fired?: boolean;
  /** Its all/any/not groups, top group first, in the order the file writes them. */
  groups?: ConditionGroupExplanation[];
  /** Why it did not decide; left out when it did. */
  blockedBy?: RuleBlock | null;
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
  name?: string;
  all?: EvaluatedCondition[];
  any?: EvaluatedCondition[];
  not?: EvaluatedCondition;
}

interface ConditionTree {
  conditions: ConditionExplanation[];
  groups: ConditionGroupExplanation[];
}

/** The comparisons of an evaluated rule; those skipped by a short-circuit say "not evaluated". */
export function explainConditions(result: RuleResult): ConditionExplanation[] {
  return explainConditionTree(result).conditions;
}

/** json-rules-engine's evaluated condition tree as comparisons and groups, each placed by its path. */
export function explainConditionTree(result: RuleResult): ConditionTree {
  const tree: ConditionTree = { conditions: [], groups: [] };
  // The engine sets no result on the top group: the rule's own result is that group's.
  collect({ ...(result.conditions as unknown as EvaluatedCondition), result: result.result === true }, [], [], tree);
  return tree;
}

function collect(condition: EvaluatedCondition, path: number[], groups: string[], into: ConditionTree): void {
  const kind = groupKindOf(condition);
  if (kind) {
    into.groups.push({ kind, label: condition.name ?? null, outcome: outcomeOf(condition.result), path });
    const members = kind === "not" ? [condition.not!] : condition[kind]!;
    members.forEach((member, index) => collect(member, [...path, index], [...groups, kind], into));
  } else if (condition.fact !== undefined) {
    const comparedFact = isFactReference(condition.value) ? condition.value.fact : null;
    into.conditions.push({
      fact: condition.fact,
      operator: condition.operator ?? "",
      expected: comparedFact !== null && condition.valueResult !== undefined ? condition.valueResult : condition.value,
      actual: condition.factResult === undefined ? null : condition.factResult,
      outcome: outcomeOf(condition.result),
      within: groups.slice(1).join(" > "),
      path,
      // Left out when absent: explanations are stored for every account, and most comparisons have neither.
      ...(condition.name === undefined ? {} : { label: condition.name }),
      ...(comparedFact === null ? {} : { comparedFact }),
    });
  }
}

function groupKindOf(condition: EvaluatedCondition): ConditionGroupKind | null {
  if (condition.all) return "all";
  if (condition.any) return "any";
  return condition.not ? "not" : null;
}

function outcomeOf(result: boolean | undefined): ConditionOutcome {
  if (result === undefined) return "not evaluated";
  return result ? "passed" : "failed";
}

function isFactReference(value: unknown): value is { fact: string } {
  return typeof value === "object" && value !== null && "fact" in value;
}

/**
 * The first comparison that kept a rule from firing: down through the first group that failed to the
 * first member that failed; under a failed `not`, the comparison that held.
 */
export function firstBlockingCondition(tree: ConditionTree): ConditionExplanation | null {
  let path: number[] = [];
  for (;;) {
    const group = tree.groups.find((candidate) => samePath(candidate.path, path));
    if (!group) return tree.conditions.find((condition) => samePath(condition.path ?? [], path)) ?? null;
    const blocking = group.kind === "not" ? "passed" : "failed";
    const members = [...tree.groups, ...tree.conditions].filter((member) => isChildPath(member.path ?? [], path));
    const next = members
      .filter((member) => member.outcome === blocking)
      .map((member) => member.path ?? [])
      .sort(byPath)[0];
    if (!next) return null;
    path = next;
  }
}

/** The block in words: the failing condition with its label, or the rule that decided first. */
export function describeBlock(decider: { name: string; lettingGo: boolean } | null, failing: ConditionExplanation | null): string {
  const condition = failing
    ? `${failing.label ? `${failing.label}: ` : ""}${failing.outcome === "passed" ? `not (${describeComparison(failing)})` : describeFailedCondition(failing)}`
    : null;
  const decided = decider ? (decider.lettingGo ? `"${decider.name}" lets the account go: its actions are dropped` : `"${decider.name}" decided first`) : null;
  return [condition, decided].filter((part) => part !== null).join("; ") || "did not decide";
}

/**
 * The rule's conditions as lines to read, groups indented under their kind:
 * `held    all of`, `failed    frequency: orders12m ≥ 6 (is 3)`.
 */
export function outlineRule(rule: RuleExplanation): string[] {
  // Explanations stored before paths were kept list their comparisons flat, in the file's order (a stable sort keeps it).
  const conditions = rule.conditions.map((condition) => ({ ...condition, path: condition.path ?? [] }));
  const nodes = [...(rule.groups ?? []), ...conditions].sort((left, right) => byPath(left.path, right.path));
  return nodes.map((node) => {
    const indent = "  ".repeat(node.path.length);
    const label = node.label ? `${node.label}: ` : "";
    const text = "kind" in node ? `${label}${groupWords[node.kind]}` : `${label}${describeRequirement(node)} ${actualInWords(node)}`.trimEnd();
    return `${outcomeWords[node.outcome].padEnd(13)} ${indent}${text}`;
  });
}

const groupWords: Record<ConditionGroupKind, string> = { all: "all of", any: "any of", not: "not" };
const outcomeWords: Record<ConditionOutcome, string> = { passed: "held", failed: "failed", "not evaluated": "not evaluated" };

function actualInWords(condition: ConditionExplanation): string {
  return condition.outcome === "not evaluated" ? "" : `(is ${formatValue(condition.actual)})`;
}

function samePath(left: number[], right: number[]): boolean {
  return left.length === right.length && left.every((step, index) => step === right[index]);
}

function isChildPath(candidate: number[], parent: number[]): boolean {
  return candidate.length === parent.length + 1 && parent.every((step, index) => step === candidate[index]);
}

function byPath(left: number[], right: number[]): number {
  for (let index = 0; index < Math.min(left.length, right.length); index++) if (left[index] !== right[index]) return left[index] - right[index];
  return left.length - right.length;
}
