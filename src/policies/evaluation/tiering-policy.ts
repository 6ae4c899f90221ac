import { RuleResult } from "json-rules-engine";
import { FactValues } from "../facts/fact-catalogue";
import { TieringFile } from "../rule-files/rule-file";
import { Explanation, RuleExplanation } from "./explanation";
import { closestRule, NearMiss, StageNearMiss, stageNearMisses } from "./near-misses";
import { buildExplanation, explainRule, firstMatchDeciders } from "./rule-explanations";
import { firstFired, RuleRun, RuleRunner } from "./rule-runner";

export type { NearMiss } from "./near-misses";

export interface TieringOutcome {
  tier: string;
  lifecycleStage: string;
  explanation: Explanation;
  nearMiss: NearMiss | null;
}

/** What an analyst asks of one account beyond the outcome: every rule, fired or not, and the stages it nearly reached. */
export interface TieringInsight {
  outcome: TieringOutcome;
  rules: RuleExplanation[];
  stageNearMisses: StageNearMiss[];
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
    return this.decide(await this.runner.run(facts)).outcome;
  }

  /** As evaluate, with every rule explained (a rule that did not fire names what blocked it) and the stage near misses. */
  async explain(facts: FactValues): Promise<TieringInsight> {
    const run = await this.runner.run(facts);
    const { outcome, stageRule } = this.decide(run);
    const deciderOf = firstMatchDeciders(run.fired, this.runner.everyRule(run));
    return {
      outcome,
      rules: this.runner.everyRule(run).map((result) => explainRule(result, result === firstFired(run.fired, result.event?.type ?? ""), deciderOf(result))),
      stageNearMisses: stageNearMisses(run, this.file.lifecycleStages, outcome.lifecycleStage, stageRule),
    };
  }

  private decide(run: RuleRun): { outcome: TieringOutcome; stageRule: RuleResult | undefined } {
    const { fired } = run;
    const tierRule = firstFired(fired, "tier");
    const stageRule = firstFired(fired, "lifecycle-stage");
    const tier = tierRule ? String(tierRule.event!.params!.tier) : this.file.default.tier;
    const lifecycleStage = stageRule ? String(stageRule.event!.params!.stage) : this.file.default.lifecycleStage;
    const defaults = [...(tierRule ? [] : [`tier: ${tier}`]), ...(stageRule ? [] : [`lifecycleStage: ${lifecycleStage}`])];
    const decided = new Set([tierRule, stageRule].filter((rule): rule is RuleResult => rule !== undefined));
    const explanation = buildExplanation(this.rulesVersion, "first", fired, decided, defaults, firstMatchDeciders(fired, fired));
    return { outcome: { tier, lifecycleStage, explanation, nearMiss: this.nearMiss(tier, tierRule, run) }, stageRule };
  }

  private nearMiss(tier: string, tierRule: RuleResult | undefined, run: RuleRun): NearMiss | null {
    const nextTier = this.file.tiers[this.file.tiers.indexOf(tier) - 1];
    if (nextTier === undefined) return null;
    const closest = closestRule(run, (result) => result.event?.type === "tier" && result.event.params?.tier === nextTier, tierRule);
    return closest ? { tier: nextTier, ...closest } : null;
  }
}
