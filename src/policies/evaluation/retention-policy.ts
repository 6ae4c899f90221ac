import { FactValues } from "../facts/fact-catalogue";
import { RetentionFile } from "../rule-files/rule-file";
import { Explanation } from "./explanation";
import { buildExplanation, RuleRunner } from "./rule-runner";

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
    const { fired } = await this.runner.run(facts);
    const paramsOf = (type: string) =>
      fired.filter((result) => result.event?.type === type).map((result) => ({ rule: result.name, params: result.event!.params! }));
    const signals = paramsOf("signal").map(({ rule, params }) => ({ signal: String(params.signal), weight: Number(params.weight), rule }));
    const letGoRule = paramsOf("let-go")[0];
    const riskScore = Math.min(
      maximumScore,
      signals.reduce((sum, signal) => sum + signal.weight, 0),
    );
    const risk = fired.length === 0 ? this.file.default.risk : this.riskOf(riskScore);
    return {
      risk,
      riskScore,
      signals,
      barriers: unique(paramsOf("barrier").map(({ params }) => String(params.barrier))),
      actions: letGoRule ? [] : unique(paramsOf("action").map(({ params }) => String(params.action))),
      letGo: letGoRule !== undefined,
      letGoReason: letGoRule ? String(letGoRule.params.reason) : null,
      explanation: buildExplanation(this.rulesVersion, "collect", fired, new Set(fired), fired.length === 0 ? [`risk: ${risk}`] : []),
    };
  }

  /** Levels are listed highest first and the last starts at 0 (both checked when the file is loaded). */
  private riskOf(score: number): string {
    return (this.file.riskLevels.find((level) => score >= level.minScore) ?? this.file.riskLevels.at(-1)!).level;
  }
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
