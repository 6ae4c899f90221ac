import { eventTypesOfFamily, PolicyFamily, priorityLevels } from "./rule-file";
import { didYouMean, isRecord, ProblemCollector, ProblemText } from "./problem-collector";
import { JsonPath } from "./rule-problem";

/** The names an event may use, as this file and the tiering file declare them. */
export interface DeclaredNames {
  tiers?: readonly string[];
  lifecycleStages?: readonly string[];
  lanes?: readonly string[];
}

type ParamSpec =
  | { kind: "one of"; what: string; declaredIn?: string; values: (declared: DeclaredNames) => readonly string[] | undefined }
  | { kind: "name" }
  | { kind: "weight" }
  | { kind: "text" };

const namePattern = /^[a-z0-9][a-z0-9_]*$/;

/** Per event type, the params it must carry. */
const paramsOfEvent: Record<string, Record<string, ParamSpec>> = {
  tier: { tier: { kind: "one of", what: "tier declared in tiers", declaredIn: "tiers of rules/tiering.json", values: (declared) => declared.tiers } },
  "lifecycle-stage": {
    stage: {
      kind: "one of",
      what: "stage declared in lifecycleStages",
      declaredIn: "lifecycleStages of rules/tiering.json",
      values: (declared) => declared.lifecycleStages,
    },
  },
  priority: { level: { kind: "one of", what: "priority level", values: () => priorityLevels } },
  lane: { lane: { kind: "one of", what: "lane declared in lanes", declaredIn: "lanes of rules/service-priority.json", values: (declared) => declared.lanes } },
  signal: { signal: { kind: "name" }, weight: { kind: "weight" } },
  barrier: { barrier: { kind: "name" } },
  action: { action: { kind: "name" } },
  "let-go": { reason: { kind: "text" } },
};

/** Checks that the event is one the family knows and that its params are exactly what that event needs. */
export function checkEvent(family: PolicyFamily, event: unknown, path: JsonPath, declared: DeclaredNames, problems: ProblemCollector, rule: string): void {
  if (!isRecord(event) || typeof event.type !== "string" || !isRecord(event.params)) return; // The JSON Schema reports it.
  const allowed = eventTypesOfFamily[family];
  if (!allowed.includes(event.type)) {
    problems.report(
      [...path, "type"],
      {
        message: `a ${family} rule raises one of these events: ${allowed.join(", ")}; not "${event.type}"`,
        fix: `write one of ${allowed.map((type) => `"${type}"`).join(", ")}, or move the rule to the file of the family that raises "${event.type}"`,
      },
      rule,
    );
    return;
  }
  const specs = paramsOfEvent[event.type];
  for (const [param, spec] of Object.entries(specs)) {
    const mismatch = describeParamMismatch(param, spec, event.params[param], declared);
    if (mismatch) problems.report([...path, "params", param], mismatch, rule);
  }
  for (const param of Object.keys(event.params)) {
    if (!(param in specs)) {
      problems.report([...path, "params", param], `a "${event.type}" event has no "${param}"; it takes: ${Object.keys(specs).join(", ")}`, rule);
    }
  }
}

function describeParamMismatch(param: string, spec: ParamSpec, value: unknown, declared: DeclaredNames): ProblemText | undefined {
  if (value === undefined) return `the event needs "${param}"`;
  switch (spec.kind) {
    case "one of": {
      const values = spec.values(declared);
      if (values === undefined || (typeof value === "string" && values.includes(value))) return undefined;
      const text = typeof value === "string" ? `"${value}"` : JSON.stringify(value);
      const declare = spec.declaredIn && typeof value === "string" ? `, or declare "${value}" in ${spec.declaredIn} first` : "";
      return {
        message: `${text} is not a ${spec.what}.${typeof value === "string" ? didYouMean(value, values) : ""} It can be: ${values.join(", ")}`,
        fix: `write one of ${values.map((known) => `"${known}"`).join(", ")}${declare}`,
      };
    }
    case "name":
      return typeof value === "string" && namePattern.test(value) ? undefined : `"${param}" must be a lower-case name such as orders_falling`;
    case "weight":
      return Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 100 ? undefined : `"weight" must be a whole number from 1 to 100`;
    case "text":
      return typeof value === "string" && value.trim().length > 0 ? undefined : `"${param}" must be a sentence saying why`;
  }
}
