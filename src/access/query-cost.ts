import { createHash } from "node:crypto";
import {
  DocumentNode,
  FragmentDefinitionNode,
  getDirectiveValues,
  getNamedType,
  getOperationAST,
  getVariableValues,
  GraphQLIncludeDirective,
  GraphQLNamedType,
  GraphQLSchema,
  GraphQLSkipDirective,
  isObjectType,
  Kind,
  OperationDefinitionNode,
  SelectionNode,
  SelectionSetNode,
} from "graphql";
import { ComplexityEstimator, fieldExtensionsEstimator, getComplexity, simpleEstimator } from "graphql-query-complexity";
import { withoutDefaultFirstWhenBackward } from "../shared/pagination/page-arguments";
import { defaultPageSizeForCost } from "./query-limits";

/** A count reads the whole filtered list in one more statement: charged like a default page, whatever the page size. */
const totalCountCost = 20;
/** A case-insensitive substring search (ILIKE '%term%') cannot use an index: every row of the list is read. */
const searchCost = 20;

/** What the estimators need beyond a field: the document's fragments and the variables as execution will see them. */
interface CostContext {
  fragments: Readonly<Record<string, FragmentDefinitionNode>>;
  variableValues: Readonly<Record<string, unknown>>;
}

/**
 * A connection field costs its page size times what each item asks for, plus one for the page itself,
 * plus, once each, a count (totalCount) and a text search it asks for.
 */
const connectionEstimator: ComplexityEstimator = ({ field, args, node, childComplexity, context }) => {
  if (!isConnection(getNamedType(field.type))) return undefined;
  // `first` shows a default in the schema, so it arrives beside `last` too: counted as the page will be read.
  const { first, last } = withoutDefaultFirstWhenBackward(args);
  const pageSize = Number(first ?? last ?? defaultPageSizeForCost);
  const counts = totalCountKeys(node.selectionSet, context as CostContext).size;
  const filter = args.filter as { search?: string | null } | undefined;
  const search = filter?.search != null ? searchCost : 0;
  return 1 + Math.max(1, pageSize) * childComplexity + counts * totalCountCost + search;
};

/** totalCount is charged by its connection, outside the page-size product: one count, whatever the page size. */
const totalCountEstimator: ComplexityEstimator = ({ type, field }) => (isConnection(type) && field.name === "totalCount" ? 0 : undefined);

/**
 * The cost of a plain list (no page arguments) that holds at most `maximumItems`, for a field's
 * `complexity` option: counted full, as a connection is counted at its page size.
 */
export function listOfAtMost(maximumItems: number): ComplexityEstimator {
  return ({ childComplexity }) => 1 + maximumItems * childComplexity;
}

/**
 * The cost of a field that fetches one object per item of a list argument (`nodes(ids:)`), for a
 * field's `complexity` option: each item costs what the selection costs for one object, so a hundred
 * ids cost a hundred lookups and what each asks for beneath it.
 */
export function onePerItemOf(argumentName: string): ComplexityEstimator {
  return ({ args, childComplexity }) => {
    const items: unknown = args[argumentName];
    return 1 + (Array.isArray(items) ? items.length : 1) * childComplexity;
  };
}

/**
 * The cost of an upsert mutation (`input.items`), for its `complexity` option: every item is a record
 * written (1 point at least) and a result with what its `node` asks for, so the payload's selection is
 * charged once per item, as `nodes(ids:)` charges per id. The payload's own fields cost nothing.
 */
export const onePerUpsertItem: ComplexityEstimator = ({ args, childComplexity }) => {
  const items: unknown = (args.input as { items?: unknown } | undefined)?.items;
  return 1 + (Array.isArray(items) ? items.length : 1) * Math.max(1, childComplexity);
};

/**
 * The cost of an operation before it runs, with its variables coerced as execution will coerce them
 * (defaults applied), so `first: $n` counts as n and `@include(if: $big)` as what $big says.
 * Page-size arguments beyond 100 are refused elsewhere; here they simply cost what they ask.
 * Undefined when the variables do not fit their types: execution refuses them before any resolver runs.
 * Throws a GraphQLError when they fit but the cost cannot be computed (an argument or directive given
 * null where it may not be, more fields than the estimator walks through fragments): execution would
 * still run the rest of the document, so the caller must refuse it rather than let it run uncharged.
 */
export function queryCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | undefined,
  variables: Record<string, unknown> | undefined,
): number | undefined {
  const operation = operationWithVariables(schema, document, operationName, variables);
  return operation && complexity(schema, document, operation, variables);
}

/** Costs computed per document, by operation and coerced variables. */
const costsByDocument = new WeakMap<DocumentNode, Map<string, number>>();
/** Distinct variable sets of one document kept at most: a client cycling through them cannot grow the cache without end. */
const maximumCostsPerDocument = 100;

/**
 * queryCost, remembered: a document parsed once (Apollo keeps parsed documents) is costed once per
 * operation and variable values, not on every request. The key holds every variable of the operation
 * after coercion: page sizes, directive conditions and filters all change the cost, and an omitted
 * variable (its default) differs from an explicit null. Throws as queryCost does.
 */
export function cachedQueryCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | undefined,
  variables: Record<string, unknown> | undefined,
): number | undefined {
  const operation = operationWithVariables(schema, document, operationName, variables);
  // Variables that do not fit their types: nothing to cost, nothing kept.
  if (!operation) return undefined;
  let costs = costsByDocument.get(document);
  if (!costs) {
    costs = new Map();
    costsByDocument.set(document, costs);
  }
  // Hashed: the variables may be long (a search term), and up to 100 keys are kept per document.
  const key = createHash("sha256")
    .update(JSON.stringify([operation.definition.name?.value ?? null, operation.variableValues]))
    .digest("base64");
  const known = costs.get(key);
  if (known !== undefined) return known;
  const cost = complexity(schema, document, operation, variables);
  if (costs.size >= maximumCostsPerDocument) costs.clear();
  costs.set(key, cost);
  return cost;
}

interface CostedOperation {
  definition: OperationDefinitionNode;
  variableValues: Record<string, unknown>;
}

/** The operation to run and its variables coerced by graphql-js's own rules; undefined when they do not fit. */
function operationWithVariables(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | undefined,
  variables: Record<string, unknown> | undefined,
): CostedOperation | undefined {
  const definition = getOperationAST(document, operationName);
  if (!definition) return undefined;
  const coercion = getVariableValues(schema, definition.variableDefinitions ?? [], variables ?? {});
  return coercion.coerced && { definition, variableValues: coercion.coerced };
}

function complexity(schema: GraphQLSchema, document: DocumentNode, operation: CostedOperation, variables: Record<string, unknown> | undefined): number {
  const fragments = Object.fromEntries(
    document.definitions.filter((definition) => definition.kind === Kind.FRAGMENT_DEFINITION).map((fragment) => [fragment.name.value, fragment]),
  );
  const context: CostContext = { fragments, variableValues: operation.variableValues };
  return getComplexity({
    schema,
    query: document,
    operationName: operation.definition.name?.value,
    variables: variables ?? {},
    context,
    estimators: [fieldExtensionsEstimator(), totalCountEstimator, connectionEstimator, simpleEstimator({ defaultComplexity: 1 })],
  });
}

function isConnection(type: GraphQLNamedType): boolean {
  return isObjectType(type) && type.name.endsWith("Connection");
}

/**
 * The response keys under which a connection's selection asks for totalCount, collected as execution
 * collects fields (graphql-js's collectFields is internal): fragments followed, @skip and @include applied,
 * one count per key (at the root, each key runs its own count).
 */
function totalCountKeys(selectionSet: SelectionSetNode | undefined, context: CostContext, keys = new Set<string>(), spread = new Set<string>()): Set<string> {
  for (const selection of selectionSet?.selections ?? []) {
    if (!isIncluded(selection, context.variableValues)) continue;
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value === "totalCount") keys.add(selection.alias?.value ?? selection.name.value);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      totalCountKeys(selection.selectionSet, context, keys, spread);
    } else if (!spread.has(selection.name.value)) {
      spread.add(selection.name.value);
      totalCountKeys(context.fragments[selection.name.value]?.selectionSet, context, keys, spread);
    }
  }
  return keys;
}

/** graphql-js's rule: @skip(if: true) leaves a selection out, and so does @include(if: false). */
function isIncluded(selection: SelectionNode, variableValues: Readonly<Record<string, unknown>>): boolean {
  if (getDirectiveValues(GraphQLSkipDirective, selection, variableValues)?.if === true) return false;
  return getDirectiveValues(GraphQLIncludeDirective, selection, variableValues)?.if !== false;
}
