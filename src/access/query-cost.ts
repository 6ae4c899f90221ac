import { DocumentNode, getNamedType, GraphQLError, GraphQLSchema, isObjectType, Kind, visit } from "graphql";
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

/** Costs computed per document, by operation name and page-size variables (the only variables a cost depends on). */
const costsByDocument = new WeakMap<DocumentNode, { pageVariables: string[]; costs: Map<string, number> }>();
/** Distinct page sizes of one document kept at most: a client cycling through them cannot grow the cache without end. */
const maximumCostsPerDocument = 100;

/**
 * queryCost, remembered: a document parsed once (Apollo keeps parsed documents) is costed once per
 * operation and page-size variables, not on every request.
 */
export function cachedQueryCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | undefined,
  variables: Record<string, unknown> | undefined,
): number | undefined {
  let entry = costsByDocument.get(document);
  if (!entry) {
    entry = { pageVariables: pageSizeVariables(document), costs: new Map() };
    costsByDocument.set(document, entry);
  }
  const key = JSON.stringify([operationName ?? null, ...entry.pageVariables.map((name) => variables?.[name] ?? null)]);
  const known = entry.costs.get(key);
  if (known !== undefined) return known;
  const cost = queryCost(schema, document, operationName, variables);
  // Undefined (variables that do not fit their types) is not kept: it says nothing of the next request's variables.
  if (cost === undefined) return undefined;
  if (entry.costs.size >= maximumCostsPerDocument) entry.costs.clear();
  entry.costs.set(key, cost);
  return cost;
}

/** The variables a document passes as `first` or `last`: the cost depends on no others. */
function pageSizeVariables(document: DocumentNode): string[] {
  const names = new Set<string>();
  visit(document, {
    Argument(argument) {
      if ((argument.name.value === "first" || argument.name.value === "last") && argument.value.kind === Kind.VARIABLE) names.add(argument.value.name.value);
    },
  });
  return [...names].sort();
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
