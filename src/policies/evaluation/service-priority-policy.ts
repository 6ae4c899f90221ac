import { RuleResult } from "json-rules-engine";
import { FactValues } from "../facts/fact-catalogue";
import { PriorityLevel, ServicePriorityFile } from "../rule-files/rule-file";
import { Explanation } from "./explanation";
import { buildExplanation, firstFired, RuleRunner } from "./rule-runner";

export interface ServicePriorityOutcome {
  level: PriorityLevel;
  lane: string;
  firstResponseMinutes: number;
  resolutionMinutes: number;
  explanation: Explanation;
}

/** A ticket's priority level and lane, each decided by the first matching rule; its clock from the tier's targets. */
export class ServicePriorityPolicy {
  private readonly runner: RuleRunner;

  constructor(
    private readonly file: ServicePriorityFile,
    private readonly rulesVersion: string,
  ) {
    this.runner = new RuleRunner(file.rules);
  }

  /** The facts include the account's tier (accountTier), which selects the targets. */
  async evaluate(facts: FactValues): Promise<ServicePriorityOutcome> {
    const { fired } = await this.runner.run(facts);
    const levelRule = firstFired(fired, "priority");
    const laneRule = firstFired(fired, "lane");
    const level = (levelRule ? levelRule.event!.params!.level : this.file.default.level) as PriorityLevel;
    const lane = laneRule ? String(laneRule.event!.params!.lane) : this.file.default.lane;
    const target = this.file.targets[String(facts.accountTier)][level];
    const defaults = [...(levelRule ? [] : [`level: ${level}`]), ...(laneRule ? [] : [`lane: ${lane}`])];
    const decided = new Set([levelRule, laneRule].filter((rule): rule is RuleResult => rule !== undefined));
    return {
      level,
      lane,
      firstResponseMinutes: target.firstResponseMinutes,
      resolutionMinutes: target.resolutionMinutes,
      explanation: buildExplanation(this.rulesVersion, "first", fired, decided, defaults),
    };
  }
}
