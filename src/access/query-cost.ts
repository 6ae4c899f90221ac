import { DocumentNode, getNamedType, GraphQLError, GraphQLSchema, isObjectType } from "graphql";
import { ComplexityEstimator, getComplexity, simpleEstimator } from "graphql-query-complexity";
import { defaultPageSizeForCost } from "./query-limits";

/** A connection field costs its page size times what each item asks for, plus one for the page itself. */
const connectionEstimator: ComplexityEstimator = ({ field, args, childComplexity }) => {
  const named = getNamedType(field.type);
  if (!isObjectType(named) || !named.name.endsWith("Connection")) return undefined;
  const pageSize = Number(args.first ?? args.last ?? defaultPageSizeForCost);
  return 1 + Math.max(1, pageSize) * childComplexity;
};

/**
 * The cost of an operation before it runs: variables are applied first, so `first: $n` counts as n.
 * Page-size arguments beyond 100 are refused elsewhere; here they simply cost what they ask.
 * Undefined when the variables do not fit their types: execution refuses them before any resolver runs.
 */
export function queryCost(schema: GraphQLSchema, document: DocumentNode, operationName: string | undefined, variables: Record<string, unknown> | undefined): number | undefined {
  try {
    return complexity(schema, document, operationName, variables);
  } catch (error) {
    if (error instanceof GraphQLError) return undefined;
    throw error;
  }
}

function complexity(schema: GraphQLSchema, document: DocumentNode, operationName: string | undefined, variables: Record<string, unknown> | undefined): number {
  return getComplexity({
    schema,
    query: document,
    operationName,
    variables: variables ?? {},
    estimators: [connectionEstimator, simpleEstimator({ defaultComplexity: 1 })],
  });
}
