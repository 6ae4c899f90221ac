import { getNullableType, GraphQLInputType, isEnumType, isInputObjectType, isListType, isNonNullType } from "graphql";
import { SeededRandom } from "../../src/seed/seeded-random";

/** An enum value: a bare name in a document, a string in the variables' JSON. */
export class EnumValue {
  constructor(readonly name: string) {}
}

export type Value = null | boolean | number | string | EnumValue | Value[] | { [field: string]: Value };

/** The value as JSON in a request's variables. */
export function toJson(value: Value): unknown {
  if (value instanceof EnumValue) return value.name;
  if (Array.isArray(value)) return value.map(toJson);
  if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([field, inner]) => [field, toJson(inner)]));
  return value;
}

/** GraphQL's string escapes are JSON's. */
function scalarLiteral(value: Exclude<Value, Value[] | { [field: string]: Value }>): string {
  if (value instanceof EnumValue) return value.name;
  if (typeof value === "string") return JSON.stringify(value);
  return String(value);
}

/**
 * The variables of one document: each value written where it is used is sometimes a variable of
 * its type instead (at any depth of an input object), provided in the request, left to a default in
 * the variable's definition, or not provided at all (an absent argument).
 */
export class DocumentVariables {
  readonly definitions: string[] = [];
  readonly values: Record<string, unknown> = {};
  private count = 0;

  constructor(
    private readonly random: SeededRandom,
    private readonly variableChance: number,
  ) {}

  /** The value as it appears in the document, as a literal or a variable. */
  write(value: Value, type: GraphQLInputType): string {
    if (this.random.chance(this.variableChance)) return this.variable(value, type);
    return this.literal(value, type, true);
  }

  /** A Boolean for @include/@skip: a literal, or a variable (provided or by default). */
  condition(value: boolean): string {
    if (this.random.chance(0.5)) return String(value);
    const name = this.nextName();
    if (this.random.chance(0.3)) {
      this.definitions.push(`$${name}: Boolean = ${value}`);
    } else {
      this.definitions.push(`$${name}: Boolean!`);
      this.values[name] = value;
    }
    return `$${name}`;
  }

  private variable(value: Value, type: GraphQLInputType): string {
    const name = this.nextName();
    const mode = this.random.fraction();
    if (mode < 0.15) {
      this.definitions.push(`$${name}: ${String(type)} = ${this.literal(value, type, false)}`);
    } else if (mode < 0.2 && !isNonNullType(type)) {
      this.definitions.push(`$${name}: ${String(type)}`);
    } else {
      this.definitions.push(`$${name}: ${String(type)}`);
      this.values[name] = toJson(value);
    }
    return `$${name}`;
  }

  private literal(value: Value, type: GraphQLInputType, variablesInside: boolean): string {
    const inner = (innerValue: Value, innerType: GraphQLInputType) =>
      variablesInside ? this.write(innerValue, innerType) : this.literal(innerValue, innerType, false);
    const nullable: GraphQLInputType = getNullableType(type);
    if (Array.isArray(value)) {
      const itemType = isListType(nullable) ? nullable.ofType : nullable;
      return `[${value.map((item) => inner(item, itemType)).join(", ")}]`;
    }
    if (value !== null && typeof value === "object" && !(value instanceof EnumValue)) {
      // One item where a list is expected: the item's type.
      const objectType = getNullableType(isListType(nullable) ? nullable.ofType : nullable);
      if (!isInputObjectType(objectType)) throw new Error(`${String(type)} is not an input object`);
      const fields = objectType.getFields();
      return `{ ${Object.entries(value)
        .map(([field, fieldValue]) => `${field}: ${inner(fieldValue, fields[field].type)}`)
        .join(", ")} }`;
    }
    if (typeof value === "string" && isEnumType(nullable)) return value;
    return scalarLiteral(value);
  }

  private nextName(): string {
    this.count += 1;
    return `v${this.count}`;
  }
}
