import { Engine } from "json-rules-engine";

const isUnknown = (value: unknown): boolean => value === null || value === undefined;
const isNumber = (value: unknown): boolean => !Number.isNaN(Number.parseFloat(String(value)));
const listOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** json-rules-engine's own operators, as it defines them (its numbers may come as numeric text). */
const comparisons: Record<string, (fact: unknown, value: unknown) => boolean> = {
  equal: (fact, value) => fact === value,
  notEqual: (fact, value) => fact !== value,
  in: (fact, value) => listOf(value).includes(fact),
  notIn: (fact, value) => !listOf(value).includes(fact),
  contains: (fact, value) => Array.isArray(fact) && fact.includes(value),
  doesNotContain: (fact, value) => Array.isArray(fact) && !fact.includes(value),
  lessThan: (fact, value) => isNumber(fact) && Number(fact) < Number(value),
  lessThanInclusive: (fact, value) => isNumber(fact) && Number(fact) <= Number(value),
  greaterThan: (fact, value) => isNumber(fact) && Number(fact) > Number(value),
  greaterThanInclusive: (fact, value) => isNumber(fact) && Number(fact) >= Number(value),
};

/**
 * Every comparison with an unknown fact is false, on either side (rules/README.md, "Facts"). The engine's
 * own operators read an unknown fact compared *with* (`"value": { "fact": ... }`) as 0 (`5 > null` holds),
 * and take `notEqual` and `notIn` of an unknown fact as true: these replace them.
 */
export function addUnknownAwareOperators(engine: Engine): void {
  for (const [name, compare] of Object.entries(comparisons)) {
    engine.addOperator<unknown, unknown>(name, (fact, value) => !isUnknown(fact) && !isUnknown(value) && compare(fact, value));
  }
}
