import { RuleResult } from "json-rules-engine";
import { ConditionExplanation, explainConditions } from "./explanation";
import { describeFailedCondition } from "./condition-wording";
import { RuleRun } from "./rule-runner";

/** The rule for a decision that came closest, and what still stands in its way. */
export interface ClosestRule {
  rule: string;
  /** The conditions it does not meet yet (not evaluated ones included): empty when it held but lost. */
  failingConditions: ConditionExplanation[];
  /** The failing conditions in words: "revenue12m 41,200 < 50,000". */
  summary: string[];
  /** Set when the rule held but a higher-priority rule decided first (e.g. a cost-to-serve cap). */
  blockedBy: string | null;
}

/** How close the account is to the next tier up. */
export interface NearMiss extends ClosestRule {
  tier: string;
}

/** How close the account is to another lifecycle stage. */
export interface StageNearMiss extends ClosestRule {
  stage: string;
}

/** A warning sign that did not fire, with what it would add to the risk score. */
export interface SignalNearMiss extends ClosestRule {
  signal: string;
  weight: number;
}

/** How close the account is to the next risk level up: the points it lacks and the signals that could bring them. */
export interface RiskNearMiss {
  risk: string;
  pointsNeeded: number;
  /** The signals that did not fire, closest first (fewest failing conditions, then the heaviest). */
  signals: SignalNearMiss[];
}

type Raises = (result: RuleResult) => boolean;

/**
 * The rule raising a decision that came closest: one that held but lost to `decider` (a higher rule),
 * else the one that failed on the fewest conditions; null when no rule raises it.
 */
export function closestRule(run: RuleRun, raises: Raises, decider: RuleResult | undefined): ClosestRule | null {
  const held = run.fired.find(raises);
  if (held) return { rule: held.name, failingConditions: [], summary: [], blockedBy: decider?.name ?? null };
  const candidates = run.failed.filter(raises).map(shortfallOf);
  if (candidates.length === 0) return null;
  return candidates.reduce((best, candidate) => (candidate.failingConditions.length < best.failingConditions.length ? candidate : best));
}

/** Each stage but the account's own that a rule raises, closest first (held but outranked, then fewest failing conditions). */
export function stageNearMisses(run: RuleRun, stages: readonly string[], stage: string, decider: RuleResult | undefined): StageNearMiss[] {
  const raisesStage = (other: string) => (result: RuleResult) => result.event?.type === "lifecycle-stage" && result.event.params?.stage === other;
  return stages
    .filter((other) => other !== stage)
    .flatMap((other) => {
      const closest = closestRule(run, raisesStage(other), decider);
      return closest ? [{ stage: other, ...closest }] : [];
    })
    .sort((left, right) => left.failingConditions.length - right.failingConditions.length);
}

/** The signals that did not fire, as the way to the next risk level up; null at the top level. */
export function riskNearMiss(run: RuleRun, levels: readonly { level: string; minScore: number }[], risk: string, riskScore: number): RiskNearMiss | null {
  const next = levels[levels.findIndex((level) => level.level === risk) - 1];
  if (next === undefined) return null;
  const signals = run.failed
    .filter((result) => result.event?.type === "signal")
    .map((result) => ({ signal: String(result.event!.params!.signal), weight: Number(result.event!.params!.weight), ...shortfallOf(result) }))
    .sort((left, right) => left.failingConditions.length - right.failingConditions.length || right.weight - left.weight);
  return { risk: next.level, pointsNeeded: Math.max(0, next.minScore - riskScore), signals };
}

function shortfallOf(result: RuleResult): ClosestRule {
  const failingConditions = explainConditions(result).filter((condition) => condition.outcome !== "passed");
  return { rule: result.name, failingConditions, summary: failingConditions.map(describeFailedCondition), blockedBy: null };
}
