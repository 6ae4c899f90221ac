import { GraphQLInputType, GraphQLSchema, isInputObjectType, isListType, isNonNullType, OperationDefinitionNode, typeFromAST } from "graphql";

/**
 * Variables as graphql-js coerced them, written back as a client would send them, every default
 * written out: graphql-jit coerces variables again, and its own coercion skips the default of an
 * input field that is non-null (`direction: SortDirection! = ASC`, graphql-jit issue #142).
 * Enums go back to their names (`prospect` → `PROSPECT`), scalars through their `serialize`.
 */
export function variablesAsInput(schema: GraphQLSchema, operation: OperationDefinitionNode, coerced: Record<string, unknown>): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    if (!Object.prototype.hasOwnProperty.call(coerced, name)) continue;
    // The variables were coerced against these very types: each exists and is an input type.
    input[name] = asInput(coerced[name], typeFromAST(schema, definition.type) as GraphQLInputType);
  }
  return input;
}

function asInput(value: unknown, type: GraphQLInputType): unknown {
  if (value === null) return null;
  if (isNonNullType(type)) return asInput(value, type.ofType);
  // graphql-js has already wrapped a single value in its list.
  if (isListType(type)) return (value as unknown[]).map((item) => asInput(item, type.ofType));
  if (isInputObjectType(type)) {
    const fields = type.getFields();
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([name, fieldValue]) => [name, asInput(fieldValue, fields[name].type)]));
  }
  return type.serialize(value);
}
