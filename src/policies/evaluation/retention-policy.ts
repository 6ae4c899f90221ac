import { RuleResult } from "json-rules-engine";
import { FactValues } from "../facts/fact-catalogue";
import { RetentionFile } from "../rule-files/rule-file";
import { Explanation, RuleExplanation } from "./explanation";
import { RiskNearMiss, riskNearMiss } from "./near-misses";
import { buildExplanation, DeciderOf, explainRule } from "./rule-explanations";
import { RuleRun, RuleRunner } from "./rule-runner";

export interface RetentionSignal {
  signal: string;
  weight: number;
  rule: string;
}

export interface RetentionOutcome {
  risk: string;
  riskScore: number;
  signals: RetentionSignal[];
  barriers: string[];
  /** Empty when the account is let go: no effort goes into keeping it. */
  actions: string[];
  letGo: boolean;
  letGoReason: string | null;
  explanation: Explanation;
}

/** What an analyst asks of one account beyond the outcome: every rule, fired or not, and the way to the next risk level. */
export interface RetentionInsight {
  outcome: RetentionOutcome;
  rules: RuleExplanation[];
  riskNearMiss: RiskNearMiss | null;
}

const maximumScore = 100;

/** Collect-all: every rule that fires adds its signal, barrier, action or let-go; the summed weights give the risk. */
export class RetentionPolicy {
  private readonly runner: RuleRunner;

  constructor(
    private readonly file: RetentionFile,
    private readonly rulesVersion: string,
  ) {
    this.runner = new RuleRunner(file.rules);
  }

  async evaluate(facts: FactValues): Promise<RetentionOutcome> {
    return this.decide(await this.runner.run(facts));
  }

  /** As evaluate, with every rule explained (a rule that did not fire names its first failing condition) and the risk near miss. */
  async explain(facts: FactValues): Promise<RetentionInsight> {
    const run = await this.runner.run(facts);
    const outcome = this.decide(run);
    const deciderOf = letGoDeciders(run.fired);
    return {
      outcome,
      rules: this.runner.everyRule(run).map((result) => explainRule(result, result.result === true && deciderOf(result) === undefined, deciderOf(result))),
      riskNearMiss: riskNearMiss(run, this.file.riskLevels, outcome.risk, outcome.riskScore),
    };
  }

  private decide({ fired }: RuleRun): RetentionOutcome {
    const paramsOf = (type: string) =>
      fired.filter((result) => result.event?.type === type).map((result) => ({ rule: result.name, params: result.event!.params! }));
    const signals = paramsOf("signal").map(({ rule, params }) => ({ signal: String(params.signal), weight: Number(params.weight), rule }));
    const letGoRule = paramsOf("let-go")[0];
    const riskScore = Math.min(
      maximumScore,
      signals.reduce((sum, signal) => sum + signal.weight, 0),
    );
    const risk = fired.length === 0 ? this.file.default.risk : this.riskOf(riskScore);
    const deciderOf = letGoDeciders(fired);
    return {
      risk,
      riskScore,
      signals,
      barriers: unique(paramsOf("barrier").map(({ params }) => String(params.barrier))),
      actions: letGoRule ? [] : unique(paramsOf("action").map(({ params }) => String(params.action))),
      letGo: letGoRule !== undefined,
      letGoReason: letGoRule ? String(letGoRule.params.reason) : null,
      explanation: buildExplanation(
        this.rulesVersion,
        "collect",
        fired,
        new Set(fired.filter((result) => deciderOf(result) === undefined)),
        fired.length === 0 ? [`risk: ${risk}`] : [],
        deciderOf,
      ),
    };
  }

  /** Levels are listed highest first and the last starts at 0 (both checked when the file is loaded). */
  private riskOf(score: number): string {
    return (this.file.riskLevels.find((level) => score >= level.minScore) ?? this.file.riskLevels.at(-1)!).level;
  }
}

/** Under collect, only a let-go rule takes anything from another: the actions it drops. */
function letGoDeciders(fired: readonly RuleResult[]): DeciderOf {
  const letGoRule = fired.find((result) => result.event?.type === "let-go");
  return (result) => (letGoRule && result.event?.type === "action" ? letGoRule : undefined);
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
