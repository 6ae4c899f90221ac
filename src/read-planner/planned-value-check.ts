import { GraphQLOutputType, isLeafType, isListType, isNonNullType, isObjectType } from "graphql";
import { plannedMarker } from "./object-sql";

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
  if (isNonNullType(type)) return value != null && completesWithoutErrors(value, type.ofType);
  if (value == null) return true;
  if (isListType(type)) return Array.isArray(value) && value.every((item) => completesWithoutErrors(item, type.ofType));
  if (isLeafType(type)) return serializes(() => type.serialize(value));
  if (!isObjectType(type) || typeof value !== "object") return false;
  const fields = type.getFields();
  for (const [name, fieldValue] of Object.entries(value)) {
    if (name === plannedMarker) continue;
    const field = fields[name];
    if (!field || !completesWithoutErrors(fieldValue, field.type)) return false;
  }
  return true;
}

/** graphql-js reports a scalar that throws, or that serializes to nothing, as an error. */
function serializes(serialize: () => unknown): boolean {
  try {
    return serialize() != null;
  } catch {
    return false;
  }
}
