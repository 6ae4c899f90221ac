import { FactDefinition, factsByName } from "../facts/fact-catalogue";
import { comparisonOperators, PolicyFamily } from "./rule-file";
import { didYouMean, isRecord, nearestNames, ProblemCollector, ProblemText } from "./problem-collector";
import { JsonPath } from "./rule-problem";

/** What a condition may refer to in one family: its facts, and the names the tiering file declares. */
export interface ConditionScope {
  family: PolicyFamily;
  /** The tiering file's tiers and stages; undefined when that file is itself invalid (values are then not checked). */
  declaredValues?: { tiers: readonly string[]; lifecycleStages: readonly string[] };
}

const orderingOperators = new Set(["lessThan", "lessThanInclusive", "greaterThan", "greaterThanInclusive"]);
const listOperators = new Set(["in", "notIn"]);
const groupKeys = ["all", "any", "not"] as const;

/**
 * Checks a condition tree: its shape, that every fact exists for the family, and that every value fits its
 * fact. A comparison the JSON Schema found misshapen is left to its problem; the others are still checked.
 */
export function checkCondition(condition: unknown, path: JsonPath, scope: ConditionScope, problems: ProblemCollector, rule: string): void {
  if (!isRecord(condition)) return; // The JSON Schema reports the wrong type.
  const kinds = ["fact", ...groupKeys].filter((key) => key in condition);
  if (kinds.length !== 1) {
    if (!problems.isMalformedAt(path)) {
      problems.report(
        path,
        { message: "a condition needs exactly one of: fact (a comparison), all, any, not", fix: "split it into two conditions inside an all (or an any)" },
        rule,
      );
    }
    return;
  }
  if ("fact" in condition) {
    if (!problems.isMalformed(path)) checkComparison(condition, path, scope, problems, rule);
    return;
  }
  if ("not" in condition) return checkCondition(condition.not, [...path, "not"], scope, problems, rule);
  const key = "all" in condition ? "all" : "any";
  const members = condition[key];
  if (Array.isArray(members) && members.length === 0) {
    // json-rules-engine takes an empty group as true, without a word: never what was meant.
    problems.report(
      [...path, key],
      {
        message: `an empty "${key}" is always true (the rule would fire for everyone): give it conditions`,
        fix: `put at least one condition in the "${key}" list, or remove the group`,
      },
      rule,
    );
  }
  if (Array.isArray(members)) members.forEach((member, index) => checkCondition(member, [...path, key, index], scope, problems, rule));
}

function checkComparison(condition: Record<string, unknown>, path: JsonPath, scope: ConditionScope, problems: ProblemCollector, rule: string): void {
  const fact = resolveFact(condition.fact, [...path, "fact"], scope, problems, rule);
  const operator = condition.operator;
  if (!fact || typeof operator !== "string" || !(comparisonOperators as readonly string[]).includes(operator)) return;
  const valuePath = [...path, "value"];
  const value = condition.value;
  if (isRecord(value)) {
    checkFactReference(fact, operator, value, valuePath, scope, problems, rule);
    return;
  }
  const mismatch = describeValueMismatch(fact, operator, value, allowedValues(fact, scope));
  if (mismatch) problems.report(valuePath, mismatch, rule);
}

function resolveFact(name: unknown, path: JsonPath, scope: ConditionScope, problems: ProblemCollector, rule: string): FactDefinition | undefined {
  if (typeof name !== "string") return undefined;
  const fact = factsByName.get(name);
  if (!fact) {
    const nearest = nearestNames(name, factsByName.keys()).map((known) => `"${known}"`);
    problems.report(
      path,
      {
        message: `unknown fact "${name}".${didYouMean(name, factsByName.keys())} The facts are listed in rules/FACTS.md`,
        fix: `write a fact of the catalogue; the nearest names are ${nearest.join(", ")} (every fact, its unit and its range: rules/FACTS.md)`,
      },
      rule,
    );
    return undefined;
  }
  const unavailable = unavailabilityReason(fact, scope.family);
  if (unavailable) {
    problems.report(path, unavailable, rule);
    return undefined;
  }
  return fact;
}

function unavailabilityReason(fact: FactDefinition, family: PolicyFamily): ProblemText | undefined {
  if (fact.subject === "ticket" && family !== "service-priority") {
    return {
      message: `"${fact.name}" is a ticket fact: only service-priority rules can use it`,
      fix: "use an account fact here (rules/FACTS.md lists which facts each family can use), or move the rule to rules/service-priority.json",
    };
  }
  if (fact.producedBy === family) {
    return {
      message: `"${fact.name}" is what the ${family} rules decide; they cannot use it as a fact`,
      fix: `decide from the facts behind it instead (revenue, orders, activity): a ${family} rule cannot read its own outcome`,
    };
  }
  return undefined;
}

function checkFactReference(
  fact: FactDefinition,
  operator: string,
  reference: Record<string, unknown>,
  path: JsonPath,
  scope: ConditionScope,
  problems: ProblemCollector,
  rule: string,
): void {
  const keys = Object.keys(reference);
  if (keys.length !== 1 || typeof reference.fact !== "string") {
    problems.report(path, 'a value that is an object must be { "fact": "<fact name>" }, to compare two facts', rule);
    return;
  }
  const other = resolveFact(reference.fact, [...path, "fact"], scope, problems, rule);
  if (!other) return;
  if (listOperators.has(operator)) problems.report(path, `${operator} needs a list of values, not another fact`, rule);
  else if (isNumeric(fact) !== isNumeric(other) || (!isNumeric(fact) && fact.type !== other.type)) {
    problems.report(path, `"${fact.name}" (${fact.type}) cannot be compared with "${other.name}" (${other.type})`, rule);
  } else if (orderingOperators.has(operator) && !isNumeric(fact)) {
    problems.report(path, `${operator} compares numbers; "${fact.name}" is ${fact.type}`, rule);
  }
}

/** Why the value does not fit the fact and operator, in an analyst's words; undefined when it fits. */
function describeValueMismatch(fact: FactDefinition, operator: string, value: unknown, allowed: readonly string[] | undefined): ProblemText | undefined {
  if (value === null) {
    if (operator !== "equal" && operator !== "notEqual") return `${operator} cannot compare with null; use equal or notEqual null to test "unknown"`;
    return fact.nullable ? undefined : `"${fact.name}" is never unknown, so comparing it with null is always ${operator === "notEqual"}`;
  }
  if (listOperators.has(operator)) {
    if (!Array.isArray(value) || value.length === 0) return `${operator} needs a non-empty list of values, e.g. [${exampleValue(fact, allowed)}]`;
    for (const item of value) {
      const mismatch = describeSingleValueMismatch(fact, item, allowed);
      if (mismatch) return mismatch;
    }
    return undefined;
  }
  if (Array.isArray(value)) return `${operator} compares with one value; use "in" to compare with a list`;
  if (orderingOperators.has(operator) && !isNumeric(fact)) return `${operator} compares numbers; "${fact.name}" is ${describeType(fact)}`;
  return describeSingleValueMismatch(fact, value, allowed);
}

function describeSingleValueMismatch(fact: FactDefinition, value: unknown, allowed: readonly string[] | undefined): ProblemText | undefined {
  if (isNumeric(fact)) {
    if (typeof value !== "number" || !Number.isFinite(value)) {
      return {
        message: `"${fact.name}" is a number (${fact.unit}); ${JSON.stringify(value)} is not`,
        fix: `write a number without quotes, in ${fact.unit}${fact.range ? `, ${describeRange(fact.range)}` : ""}`,
      };
    }
    return describeOutOfRange(fact, value);
  }
  if (fact.type === "boolean") {
    return typeof value === "boolean"
      ? undefined
      : { message: `"${fact.name}" is true or false; ${JSON.stringify(value)} is neither`, fix: "write true or false, without quotes" };
  }
  if (typeof value !== "string") return { message: `"${fact.name}" is text; ${JSON.stringify(value)} is not`, fix: "write the value in double quotes" };
  if (allowed && !allowed.includes(value)) {
    return {
      message: `"${value}" is not a ${fact.unit} "${fact.name}" can have.${didYouMean(value, allowed)} It can be: ${allowed.join(", ")}`,
      fix: `write one of ${allowed.map((known) => `"${known}"`).join(", ")}${fact.values === "tiers" || fact.values === "lifecycleStages" ? `, or declare "${value}" in ${fact.values} of rules/tiering.json first` : ""}`,
    };
  }
  return undefined;
}

/** A value the fact never takes: a unit mistake (a return rate of 20 meaning 20 %, a 30 on a 1-to-5 score). */
function describeOutOfRange(fact: FactDefinition, value: number): ProblemText | undefined {
  const { min, max } = fact.range ?? {};
  if ((min === undefined || value >= min) && (max === undefined || value <= max)) return undefined;
  const range = describeRange({ min, max });
  const percent = fact.unit.startsWith("ratio") && value > 1 && value <= 100;
  const hint = percent ? ` (${value} % is ${value / 100})` : "";
  return {
    message: `${value} is outside what "${fact.name}" can be: ${range} (${fact.unit})${hint}`,
    fix: percent ? `write ${value / 100}: "${fact.name}" is a ratio, ${range}, not a percentage` : `write a value ${range}, in ${fact.unit}`,
  };
}

function describeRange({ min, max }: { min?: number; max?: number }): string {
  return max === undefined ? `${min} or more` : min === undefined ? `at most ${max}` : `from ${min} to ${max}`;
}

export function allowedValues(fact: FactDefinition, scope: ConditionScope): readonly string[] | undefined {
  // typeof, not Array.isArray: that one makes a readonly list any[].
  if (typeof fact.values === "object") return fact.values;
  if (fact.values === "tiers") return scope.declaredValues?.tiers;
  if (fact.values === "lifecycleStages") return scope.declaredValues?.lifecycleStages;
  return undefined;
}

function isNumeric(fact: FactDefinition): boolean {
  return fact.type === "number" || fact.type === "integer";
}

function describeType(fact: FactDefinition): string {
  return fact.type === "boolean" ? "true or false" : fact.type;
}

function exampleValue(fact: FactDefinition, allowed: readonly string[] | undefined): string {
  if (isNumeric(fact)) return "1, 2";
  if (fact.type === "boolean") return "true";
  return (allowed ?? ["a", "b"])
    .slice(0, 2)
    .map((value) => JSON.stringify(value))
    .join(", ");
}
