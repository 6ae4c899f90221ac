import { RuleResult } from "json-rules-engine";
import { FactValues } from "../facts/fact-catalogue";
import { TieringFile } from "../rule-files/rule-file";
import { ConditionExplanation, describeFailedCondition, explainConditions, Explanation } from "./explanation";
import { buildExplanation, firstFired, RuleRunner } from "./rule-runner";

/** How close the account is to the next tier up, and what still stands in the way. */
export interface NearMiss {
  tier: string;
  rule: string;
  failingConditions: ConditionExplanation[];
  /** The failing conditions in words: "revenue12m 41,200 < 50,000". */
  summary: string[];
  /** Set when the next tier's rule held but a higher-priority rule decided first (e.g. a cost-to-serve cap). */
  blockedBy: string | null;
}

export interface TieringOutcome {
  tier: string;
  lifecycleStage: string;
  explanation: Explanation;
  nearMiss: NearMiss | null;
}

/** Tier and lifecycle stage, each decided by the first matching rule, with the near miss to the tier above. */
export class TieringPolicy {
  private readonly runner: RuleRunner;

  constructor(
    private readonly file: TieringFile,
    private readonly rulesVersion: string,
  ) {
    this.runner = new RuleRunner(file.rules);
  }

  get tiers(): readonly string[] {
    return this.file.tiers;
  }

  async evaluate(facts: FactValues): Promise<TieringOutcome> {
    const { fired, failed } = await this.runner.run(facts);
    const tierRule = firstFired(fired, "tier");
    const stageRule = firstFired(fired, "lifecycle-stage");
    const tier = tierRule ? String(tierRule.event!.params!.tier) : this.file.default.tier;
    const lifecycleStage = stageRule ? String(stageRule.event!.params!.stage) : this.file.default.lifecycleStage;
    const defaults = [...(tierRule ? [] : [`tier: ${tier}`]), ...(stageRule ? [] : [`lifecycleStage: ${lifecycleStage}`])];
    const decided = new Set([tierRule, stageRule].filter((rule): rule is RuleResult => rule !== undefined));
    return {
      tier,
      lifecycleStage,
      explanation: buildExplanation(this.rulesVersion, "first", fired, decided, defaults),
      nearMiss: this.nearMiss(tier, tierRule, fired, failed),
    };
  }

  private nearMiss(tier: string, tierRule: RuleResult | undefined, fired: RuleResult[], failed: RuleResult[]): NearMiss | null {
    const nextTier = this.file.tiers[this.file.tiers.indexOf(tier) - 1];
    if (nextTier === undefined) return null;
    const raisesNextTier = (result: RuleResult) => result.event?.type === "tier" && result.event.params?.tier === nextTier;
    const blocked = fired.find(raisesNextTier);
    if (blocked) {
      return { tier: nextTier, rule: blocked.name, failingConditions: [], summary: [], blockedBy: tierRule?.name ?? null };
    }
    const candidates = failed
      .filter(raisesNextTier)
      .map((result) => ({ result, failing: explainConditions(result).filter((condition) => condition.outcome !== "passed") }));
    if (candidates.length === 0) return null;
    const closest = candidates.reduce((best, candidate) => (candidate.failing.length < best.failing.length ? candidate : best));
    return {
      tier: nextTier,
      rule: closest.result.name,
      failingConditions: closest.failing,
      summary: closest.failing.map(describeFailedCondition),
      blockedBy: null,
    };
  }
}
