import { unknownFacts } from "../evaluation/assess";
import { FactValues } from "../facts/fact-catalogue";
import { parseJsonDocument } from "../rule-files/json-document";
import { PolicyFamily, policyFamilies } from "../rule-files/rule-file";
import { formatJsonPath, RuleProblem } from "../rule-files/rule-problem";
import { RuleSet } from "../rule-set";

/**
 * How long one family's engine may take for one account (one ticket for service priority), in milliseconds.
 * Today's rules take about 0.1 ms warm and 0.4 ms cold (median of the analysts' cases, on a loaded 2-core
 * machine), the slowest case about 14 ms while the engines are still cold: the limits leave a slow CI
 * machine twenty times today's median and seven times today's slowest. At the median limit a full
 * re-evaluation of 10,000 accounts spends 100 s in one family's engine; beyond it the set is refused.
 */
export const evaluationTimeLimits = { medianMilliseconds: 10, slowestMilliseconds: 100 } as const;

/** A set over a limit is timed again, this many times in all, and each case keeps its fastest time: a pause of the machine is not the rules' cost. */
const timingsOfASlowSet = 3;

/** Milliseconds from some fixed point: performance.now, or a test's clock. */
export type Clock = () => number;

interface FamilyTiming {
  family: PolicyFamily;
  /** Per fact set, the fastest of its timings. */
  milliseconds: number[];
}

/**
 * Times each family's engine on the facts of every analyst case (every family's engine sees every account,
 * so each is timed on all of them) and refuses a family whose median or slowest case is over its limit.
 */
export async function checkEvaluationTime(ruleSet: RuleSet, factSets: readonly FactValues[], clock: Clock): Promise<RuleProblem[]> {
  if (factSets.length === 0) return [];
  const problems: RuleProblem[] = [];
  for (const family of policyFamilies) {
    const timing = await timeFamily(ruleSet, family, factSets, clock);
    const problem = overLimit(ruleSet, timing);
    if (problem) problems.push(problem);
  }
  return problems;
}

async function timeFamily(ruleSet: RuleSet, family: PolicyFamily, factSets: readonly FactValues[], clock: Clock): Promise<FamilyTiming> {
  const inputs = await Promise.all(factSets.map((facts) => inputOf(ruleSet, facts)));
  const evaluate = evaluatorOf(ruleSet, family);
  const milliseconds = inputs.map(() => Number.POSITIVE_INFINITY);
  for (let pass = 0; pass < timingsOfASlowSet && isOverLimit(milliseconds); pass++) {
    for (const [index, facts] of inputs.entries()) {
      const started = clock();
      // A case that fails to evaluate is reported by the case itself; here it only costs its time.
      await evaluate(facts).catch(() => undefined);
      milliseconds[index] = Math.min(milliseconds[index], clock() - started);
    }
  }
  return { family, milliseconds };
}

/** The facts as each engine sees them in a re-evaluation: the whole catalogue, with the tier and stage tiering decides. */
async function inputOf(ruleSet: RuleSet, facts: FactValues): Promise<FactValues> {
  const base = { ...unknownFacts, ...facts };
  const tiering = await ruleSet.tiering.evaluate(base).catch(() => undefined);
  return { ...base, accountTier: tiering?.tier ?? null, lifecycleStage: tiering?.lifecycleStage ?? null, ...facts };
}

function evaluatorOf(ruleSet: RuleSet, family: PolicyFamily): (facts: FactValues) => Promise<unknown> {
  switch (family) {
    case "tiering":
      return (facts) => ruleSet.tiering.evaluate(facts);
    case "retention-barriers":
      return (facts) => ruleSet.retention.evaluate(facts);
    case "service-priority":
      return (facts) => ruleSet.servicePriority.evaluate(facts);
  }
}

function isOverLimit(milliseconds: readonly number[]): boolean {
  return median(milliseconds) > evaluationTimeLimits.medianMilliseconds || Math.max(...milliseconds) > evaluationTimeLimits.slowestMilliseconds;
}

function overLimit(ruleSet: RuleSet, { family, milliseconds }: FamilyTiming): RuleProblem | undefined {
  if (!isOverLimit(milliseconds)) return undefined;
  const source = ruleSet.sources[family];
  const { line, column } = parseJsonDocument(source.text).document?.locate(["rules"]) ?? { line: 1, column: 1 };
  const what = family === "service-priority" ? "ticket" : "account";
  const measured = `${format(median(milliseconds))} ms per ${what} (median of ${milliseconds.length} analyst cases, each its fastest of ${timingsOfASlowSet} timings), the slowest case ${format(Math.max(...milliseconds))} ms`;
  const limits = `${evaluationTimeLimits.medianMilliseconds} ms median and ${evaluationTimeLimits.slowestMilliseconds} ms for any case`;
  return {
    file: source.file,
    line,
    column,
    path: formatJsonPath(["rules"]),
    message: `the ${family} rules take too long to evaluate: ${measured}; the limit is ${limits}, so that a re-evaluation of every account stays short`,
    fix:
      'make the rules cheaper: fewer rules (merge rules that raise the same event), fewer comparisons per rule, shorter "in" lists; ' +
      "a rule that compares one fact with many values is one comparison with an in list",
  };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((left, right) => left - right);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function format(milliseconds: number): string {
  return milliseconds >= 10 ? milliseconds.toFixed(0) : milliseconds.toFixed(2);
}
