import { Engine, RuleResult } from "json-rules-engine";
import { FactValues } from "../facts/fact-catalogue";
import { PolicyRule } from "../rule-files/rule-file";
import { addUnknownAwareOperators } from "./unknown-aware-operators";

export interface RuleRun {
  /** Rules whose conditions held, in hit-policy order: highest priority first, then file order. */
  fired: RuleResult[];
  failed: RuleResult[];
}

/**
 * One json-rules-engine Engine for one family of one rule-set version, built once and reused.
 * The hit policy is applied here on the results, never with engine.stop(): stop() is state on the
 * shared engine and would leak between concurrent runs.
 */
export class RuleRunner {
  private readonly engine: Engine;
  private readonly fileOrder: Map<string, number>;

  constructor(rules: readonly PolicyRule[]) {
    // Undefined facts throw: every run gets the whole catalogue, so a missing one is a bug to hear about.
    this.engine = new Engine(
      rules.map((rule) => ({ name: rule.name, priority: rule.priority, conditions: rule.conditions, event: rule.event })),
      { allowUndefinedFacts: false },
    );
    addUnknownAwareOperators(this.engine);
    this.fileOrder = new Map(rules.map((rule, index) => [rule.name, index]));
  }

  async run(facts: FactValues): Promise<RuleRun> {
    const { results, failureResults } = await this.engine.run({ ...facts });
    return { fired: results.sort(this.byHitOrder), failed: failureResults.sort(this.byHitOrder) };
  }

  /** Every rule of a run, fired or not, in hit-policy order: which rule ranks above which, for explanations. */
  everyRule(run: RuleRun): RuleResult[] {
    return [...run.fired, ...run.failed].sort(this.byHitOrder);
  }

  private readonly byHitOrder = (left: RuleResult, right: RuleResult): number =>
    (right.priority ?? 1) - (left.priority ?? 1) || this.fileOrder.get(left.name)! - this.fileOrder.get(right.name)!;
}

/** Under first match: the first fired rule that raises this event type. */
export function firstFired(fired: readonly RuleResult[], eventType: string): RuleResult | undefined {
  return fired.find((result) => result.event?.type === eventType);
}
