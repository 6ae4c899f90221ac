import { Engine } from "json-rules-engine";
import { performance } from "node:perf_hooks";
import { FactValues } from "../facts/fact-catalogue";
import { PolicyRule } from "../rule-files/rule-file";

/** A plain json-rules-engine Engine over the same rules: no hit policy, no explanation, nothing written. */
export function bareEngine(rules: readonly PolicyRule[]): Engine {
  return new Engine(
    rules.map((rule) => ({ name: rule.name, priority: rule.priority, conditions: rule.conditions, event: rule.event })),
    { allowUndefinedFacts: true },
  );
}

/** Milliseconds the bare engine takes to run every fact set once, one run after the other. */
export async function timeBareRuns(engine: Engine, factSets: readonly FactValues[]): Promise<number> {
  const started = performance.now();
  for (const facts of factSets) await engine.run({ ...facts });
  return performance.now() - started;
}
