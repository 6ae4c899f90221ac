import { ApolloServerOptionsWithGateway } from "@apollo/server";
import { execute, ExecutionResult, getVariableValues, GraphQLError, GraphQLSchema, locatedError, OperationTypeNode, printSchema } from "graphql";
import { RequestContext, withFreshLoaders } from "../graphql/request-context";
import { isDatabaseUnavailable } from "../database/database-availability";
import { compiledOperationCache, CompiledOperation } from "./compiled-operations";
import { variablesAsInput } from "./variables-as-input";

type Gateway = ApolloServerOptionsWithGateway<object>["gateway"];
type Executor = NonNullable<Awaited<ReturnType<Gateway["load"]>>["executor"]>;

/** What graphql-js's `execute` allows, as Apollo calls it. */
const maximumCoercionErrors = 50;

/**
 * Apollo's hook for running operations elsewhere (its `gateway` option, made for federation), here
 * to run queries on graphql-jit: a gateway that serves our own schema, once, and never changes it.
 */
export function queryCompilingGateway(schema: GraphQLSchema): Gateway {
  let schemaLoaded: Parameters<Gateway["onSchemaLoadOrUpdate"]>[0] | undefined;
  return {
    onSchemaLoadOrUpdate(callback) {
      schemaLoaded = callback;
      return () => (schemaLoaded = undefined);
    },
    async load() {
      // Apollo hands the SDL to plugins that watch the schema; ours is no supergraph, its own SDL will do.
      schemaLoaded?.({ apiSchema: schema, coreSupergraphSdl: printSchema(schema) });
      return { executor: queryExecutor(schema) };
    },
    async stop() {},
  };
}

/**
 * Queries run on graphql-jit, compiled once per document; mutations, and what graphql-jit cannot run
 * as graphql-js would, run on graphql-js's `execute`. Either way the result is graphql-js's, to the byte
 * (test/execution/compiled-queries.test.ts runs both on hundreds of documents).
 *
 * graphql-jit keeps each resolver as it was when it compiled: a plugin with `willResolveField` (none
 * here) would miss the documents compiled before Apollo first wrapped the schema's resolvers for it.
 */
function queryExecutor(schema: GraphQLSchema): Executor {
  const compiledOperations = compiledOperationCache(schema);
  return async ({ document, operation, request, context }) => {
    const onGraphqlJs = (contextValue = context) =>
      execute({ schema, document, contextValue, variableValues: request.variables, operationName: request.operationName });
    // No operation: graphql-js reports why, as Apollo expects.
    if (operation?.operation !== OperationTypeNode.QUERY) return onGraphqlJs();
    // graphql-js coerces the variables: its errors, its defaults.
    const variables = getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {}, { maxErrors: maximumCoercionErrors });
    if (variables.errors) return { errors: variables.errors };
    const compiled = compiledOperations(document, operation, variables.coerced);
    if (!compiled || !nestedVariablesHaveValues(compiled, variables.coerced)) return onGraphqlJs();
    const result = await compiled.run(context, variablesAsInput(schema, operation, variables.coerced));
    if (!needsGraphqlJsErrors(result)) return asGraphqlJsResult(result);
    // A query reads and changes nothing: running it again, from the start (new loaders, so with the
    // timing of a first run), costs time, never data.
    return onGraphqlJs(withFreshLoaders(context as RequestContext));
  };
}

/**
 * graphql-js lists errors in the order they happen and drops those that happen under a null an
 * earlier error left; graphql-jit lists them in an order of its own, and drops those after the first
 * that nulls all the data. With one error listed they agree (of several errors that each null all the
 * data, either lists the first to happen: timing decides, in graphql-js too). With several,
 * graphql-js runs the query again, unless the database is away: another run would only wait for it
 * once more, and every error says the same.
 */
function needsGraphqlJsErrors({ errors }: ExecutionResult): boolean {
  return errors !== undefined && errors.length > 1 && !errors.some((error) => isDatabaseUnavailable(error));
}

function nestedVariablesHaveValues(compiled: CompiledOperation, coerced: Record<string, unknown>): boolean {
  return compiled.nestedVariables.every((name) => coerced[name] !== undefined && coerced[name] !== null);
}

/**
 * graphql-jit's errors are its own kind (no `extensions` object when the cause has none, which
 * Apollo's error handling reads): each is made again as graphql-js makes a resolver's error, from
 * the same cause (`originalError`, which formatError unwraps), with the same path and locations.
 */
function asGraphqlJsResult(result: ExecutionResult): ExecutionResult {
  if (!result.errors) return result;
  // In graphql-js's order: clients see the keys as they are written.
  return { errors: result.errors.map(asGraphqlJsError), data: result.data };
}

function asGraphqlJsError(error: GraphQLError): GraphQLError {
  // graphql-js's own errors (a null in a non-null field) are plain Errors located like a resolver's.
  const made = locatedError(error.originalError ?? new Error(error.message), undefined, error.path);
  // graphql-js finds locations from the fields' AST nodes; graphql-jit keeps only the locations.
  if (error.locations) Object.assign(made, { locations: error.locations });
  return made;
}
