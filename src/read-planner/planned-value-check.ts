import { GraphQLEnumType, GraphQLLeafType, GraphQLList, GraphQLNonNull, GraphQLObjectType, GraphQLOutputType, GraphQLScalarType } from "graphql";
import { plannedMarker, refusedMarker } from "./object-sql";

/**
 * Values certainly accepted, told without serializing (most leaves are of these types): the
 * built-in scalars take their own JS type; the planner's SQL writes the two costly scalars in one
 * format (sql-formats.ts: to_char, and PostgreSQL's own dates), and a string of that format is a
 * real instant or day. Anything else is serialized: a year past 9999, BC or infinity fails.
 */
const surelyAccepted: Readonly<Record<string, (value: unknown) => boolean>> = {
  String: (value) => typeof value === "string",
  ID: (value) => typeof value === "string",
  Boolean: (value) => typeof value === "boolean",
  Int: (value) => Number.isInteger(value) && (value as number) >= -(2 ** 31) && (value as number) < 2 ** 31,
  DateTime: (value) => typeof value === "string" && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(value),
  LocalDate: (value) => typeof value === "string" && /^\d{4}-\d\d-\d\d$/.test(value),
};

/**
 * Whether graphql-js completes the planned value without a single error: every non-null field has
 * a value, every scalar and enum accepts its value (the database allows some values the API's
 * scalars refuse, e.g. an email that EmailAddress does not take, a currency code ISO does not know).
 *
 * A planned answer completes in one synchronous pass, so its errors would come out in document
 * order; the resolvers' come out as their loaders return, level by level. An answer with an error
 * in it is therefore left to the resolvers, and the client gets their errors in their order.
 */
export function completesWithoutErrors(value: unknown, type: GraphQLOutputType): boolean {
  return new PlannedValueCheck().completes(value, type);
}

class PlannedValueCheck {
  /** Scalars are pure: a value seen once (a currency, a status) is not serialized again. */
  private accepted = new Map<GraphQLLeafType, Set<unknown>>();

  // `instanceof` rather than graphql's isNonNullType & co: outside production those cost a string comparison each time they say no.
  completes(value: unknown, type: GraphQLOutputType): boolean {
    if (type instanceof GraphQLNonNull) return value != null && this.completes(value, type.ofType);
    if (value == null) return true;
    if (type instanceof GraphQLList) return Array.isArray(value) && value.every((item) => this.completes(item, type.ofType));
    if (typeof value === "object" && refusedMarker in value) return false;
    if (type instanceof GraphQLScalarType || type instanceof GraphQLEnumType) return this.accepts(type, value);
    if (!(type instanceof GraphQLObjectType) || typeof value !== "object") return false;
    const fields = type.getFields();
    const object = value as Record<string, unknown>;
    for (const name in object) {
      if (name === plannedMarker) continue;
      const field = fields[name];
      if (!field || !this.completes(object[name], field.type)) return false;
    }
    return true;
  }

  private accepts(type: GraphQLLeafType, value: unknown): boolean {
    if (surelyAccepted[type.name]?.(value)) return true;
    const accepted = this.accepted.get(type) ?? new Set();
    if (accepted.has(value)) return true;
    if (!serializes(type, value)) return false;
    this.accepted.set(type, accepted.add(value));
    return true;
  }
}

/** graphql-js reports a scalar that throws, or that serializes to nothing, as an error. */
function serializes(type: GraphQLLeafType, value: unknown): boolean {
  try {
    return type.serialize(value) != null;
  } catch {
    return false;
  }
}
