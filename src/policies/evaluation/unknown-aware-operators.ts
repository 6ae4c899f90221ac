import { Engine } from "json-rules-engine";

const isUnknown = (value: unknown): boolean => value === null || value === undefined;
const isNumber = (value: unknown): boolean => !Number.isNaN(Number.parseFloat(String(value)));
const listOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** Known values on both sides, then json-rules-engine's own comparison (its numbers may come as numeric text). */
const whenKnown =
  (compare: (fact: unknown, value: unknown) => boolean) =>
  (fact: unknown, value: unknown): boolean =>
    !isUnknown(fact) && !isUnknown(value) && compare(fact, value);

const comparisons: Record<string, (fact: unknown, value: unknown) => boolean> = {
  // `equal null` / `notEqual null` are how a rule asks whether a fact is unknown (the validator says so).
  equal: (fact, value) => (value === null ? isUnknown(fact) : !isUnknown(fact) && fact === value),
  notEqual: (fact, value) => (value === null ? !isUnknown(fact) : !isUnknown(fact) && fact !== value),
  in: whenKnown((fact, value) => listOf(value).includes(fact)),
  notIn: whenKnown((fact, value) => !listOf(value).includes(fact)),
  contains: whenKnown((fact, value) => Array.isArray(fact) && fact.includes(value)),
  doesNotContain: whenKnown((fact, value) => Array.isArray(fact) && !fact.includes(value)),
  lessThan: whenKnown((fact, value) => isNumber(fact) && Number(fact) < Number(value)),
  lessThanInclusive: whenKnown((fact, value) => isNumber(fact) && Number(fact) <= Number(value)),
  greaterThan: whenKnown((fact, value) => isNumber(fact) && Number(fact) > Number(value)),
  greaterThanInclusive: whenKnown((fact, value) => isNumber(fact) && Number(fact) >= Number(value)),
};

/**
 * Every comparison with an unknown fact is false, on either side (rules/README.md, "Facts"); `equal null`
 * asks whether a fact is unknown. The engine's own operators read an unknown fact compared *with*
 * (`"value": { "fact": ... }`) as 0 (`5 > null` holds), and take `notEqual` and `notIn` of an unknown fact
 * as true: these replace them.
 */
export function addUnknownAwareOperators(engine: Engine): void {
  for (const [name, compare] of Object.entries(comparisons)) engine.addOperator<unknown, unknown>(name, compare);
}
