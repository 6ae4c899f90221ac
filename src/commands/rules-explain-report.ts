import { AccountPolicyInsight } from "../policies/evaluation/assess";
import { formatValue } from "../policies/evaluation/condition-wording";
import { Explanation, outlineRule, RuleExplanation } from "../policies/evaluation/explanation";
import { ClosestRule } from "../policies/evaluation/near-misses";

/** What rules:explain prints for one account: facts, then each decision with its rules, groups and near misses. */
export function explainReport(rulesVersion: string, insight: AccountPolicyInsight, onlyRule?: string): string[] {
  const { tiering, retention } = insight;
  if (onlyRule !== undefined) return [`Rules version ${rulesVersion}`, "", ...ruleReport(onlyRule, [...tiering.rules, ...retention.rules])];
  const facts = Object.entries(insight.facts).map(([name, value]) => `  ${name.padEnd(22)} ${formatValue(value)}`);
  const { outcome: tier } = tiering;
  const { outcome: risk } = retention;
  return [
    `Rules version ${rulesVersion}`,
    "",
    "Facts:",
    ...facts,
    "",
    `Tier ${tier.tier}, lifecycle stage ${tier.lifecycleStage}`,
    ...explanationLines(tier.explanation),
    ...(tier.nearMiss ? [`  Next tier up: ${tier.nearMiss.tier} ${closestInWords(tier.nearMiss)}`] : []),
    ...tiering.stageNearMisses.map((nearMiss) => `  Stage ${nearMiss.stage} ${closestInWords(nearMiss)}`),
    "",
    `Retention risk ${risk.risk} (score ${risk.riskScore})${risk.letGo ? `, let go: ${risk.letGoReason}` : ""}`,
    `  barriers: ${risk.barriers.join(", ") || "none"}; actions: ${risk.actions.join(", ") || "none"}`,
    ...explanationLines(risk.explanation),
    ...riskNearMissLines(insight),
  ];
}

function ruleReport(name: string, rules: RuleExplanation[]): string[] {
  const matching = rules.filter((rule) => rule.rule.toLowerCase() === name.toLowerCase());
  if (matching.length === 0) return [`No tiering or retention rule is named "${name}".`];
  return matching.flatMap((rule) => [...ruleLines(rule), ""]);
}

function explanationLines(explanation: Explanation): string[] {
  return [...explanation.firedRules.flatMap(ruleLines), ...explanation.defaults.map((outcome) => `  default  ${outcome} (no rule decided)`)];
}

function ruleLines(rule: RuleExplanation): string[] {
  const state = rule.decided ? "decided" : rule.fired === false ? "did not fire" : "fired, did not decide";
  const blocked = rule.blockedBy ? [`      blocked: ${rule.blockedBy.text}`] : [];
  const event = `${rule.event.type} ${JSON.stringify(rule.event.params)}`;
  return [`  ${state}: "${rule.rule}" (priority ${rule.priority}) -> ${event}`, ...blocked, ...outlineRule(rule).map((line) => `      ${line}`)];
}

function closestInWords(closest: ClosestRule): string {
  if (closest.blockedBy) return `by "${closest.rule}": it holds, but "${closest.blockedBy}" decides first`;
  if (closest.summary.length === 0) return `by "${closest.rule}": it holds`;
  const labelled = closest.failingConditions.map((condition, index) => `${condition.label ? `${condition.label}: ` : ""}${closest.summary[index]}`);
  return `by "${closest.rule}": ${labelled.join("; ")}`;
}

function riskNearMissLines({ retention }: AccountPolicyInsight): string[] {
  const nearMiss = retention.riskNearMiss;
  if (!nearMiss) return [];
  const signals = nearMiss.signals.map((signal) => `    +${signal.weight} ${signal.signal} ${closestInWords(signal)}`);
  return [`  Next risk level up: ${nearMiss.risk}, ${nearMiss.pointsNeeded} more points; signals that did not fire:`, ...signals];
}
