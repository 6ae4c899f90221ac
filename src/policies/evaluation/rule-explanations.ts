import { RuleResult } from "json-rules-engine";
import { HitPolicy } from "../rule-files/rule-file";
import { describeBlock, explainConditionTree, Explanation, firstBlockingCondition, RuleExplanation } from "./explanation";

/** Which rule took a rule's decision before it: under first match the first fired rule of its event type ranked above it. */
export type DeciderOf = (result: RuleResult) => RuleResult | undefined;

/** The explanation kept with a decision: the rules that fired, each with its conditions, groups and, when it lost, to whom. */
export function buildExplanation(
  rulesVersion: string,
  hitPolicy: HitPolicy,
  fired: readonly RuleResult[],
  decided: ReadonlySet<RuleResult>,
  defaults: string[],
  deciderOf: DeciderOf,
): Explanation {
  return { rulesVersion, hitPolicy, firedRules: fired.map((result) => explainRule(result, decided.has(result), deciderOf(result))), defaults };
}

/** One rule, fired or not: its conditions as they went and, when it did not decide, what blocked it. */
export function explainRule(result: RuleResult, decided: boolean, decider: RuleResult | undefined): RuleExplanation {
  const tree = explainConditionTree(result);
  const fired = result.result === true;
  const blocker = decided || decider === undefined || decider === result ? null : decider;
  const failing = fired ? null : firstBlockingCondition(tree);
  const decidedBy = blocker?.name ?? null;
  return {
    rule: result.name,
    priority: result.priority ?? 1,
    event: { type: result.event?.type ?? "", params: { ...(result.event?.params ?? {}) } },
    decided,
    conditions: tree.conditions,
    groups: tree.groups,
    // Left out when true and null: explanations are stored for every account, and most rules in them fired and decided.
    ...(fired ? {} : { fired }),
    ...(decided
      ? {}
      : {
          blockedBy: {
            decidedBy,
            failingCondition: failing,
            text: describeBlock(blocker && { name: blocker.name, lettingGo: blocker.event?.type === "let-go" }, failing),
          },
        }),
  };
}

/**
 * Under first match, the decider of a rule is the first fired rule of the same event type, when it
 * ranks above the rule (`ordered` holds every rule, fired or not, in hit order).
 */
export function firstMatchDeciders(fired: readonly RuleResult[], ordered: readonly RuleResult[]): DeciderOf {
  return (result) => {
    const decider = fired.find((candidate) => candidate.event?.type === result.event?.type);
    return decider && ordered.indexOf(decider) < ordered.indexOf(result) ? decider : undefined;
  };
}
