import { DocumentNode, ExecutionResult, GraphQLSchema, OperationDefinitionNode } from "graphql";
import { compileQuery, isCompiledQuery } from "graphql-jit";
import { conditionVariableNames, nestedVariableNames, withConditionsApplied } from "./operation-analysis";

/** An operation compiled by graphql-jit into one function. */
export interface CompiledOperation {
  run(context: object, variables: Record<string, unknown>): ExecutionResult | Promise<ExecutionResult>;
  /**
   * Variables written inside a list or object literal (`filter: { open: $open }`): graphql-jit puts a
   * null where such a variable has no value, graphql-js the field's default or nothing (graphql-jit
   * issues #91, #230).
   */
  nestedVariables: readonly string[];
}

/** `null`: graphql-js runs the operation (graphql-jit could not compile it, or too many variants). */
export type CompiledOperations = (document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown>) => CompiledOperation | null;

interface OperationVariants {
  /** The variables of its @include/@skip conditions: one compiled variant per combination of their values. */
  conditionVariables: readonly string[];
  compiled: Map<string, CompiledOperation | null>;
}

/** Four condition variables in one operation; beyond, graphql-js runs the other combinations. */
const maximumVariants = 16;

/**
 * Compiles each operation once, on its first request, and keeps it beside the document Apollo
 * parsed: Apollo reuses that document object for every request with the same text and keeps it in
 * a bounded LRU cache, so a compiled operation lives as long as its document is cached, no longer.
 *
 * @include and @skip are applied before compiling, one variant per combination of the condition
 * variables' values: graphql-jit keeps a field where its first occurrence was, even when that one is
 * skipped and a later one is not, where graphql-js puts it where it is first included.
 */
export function compiledOperationCache(schema: GraphQLSchema): CompiledOperations {
  const byDocument = new WeakMap<DocumentNode, Map<string, OperationVariants>>();
  return (document, operation, variables) => {
    let byOperation = byDocument.get(document);
    if (!byOperation) {
      byOperation = new Map();
      byDocument.set(document, byOperation);
    }
    // A document has one operation per name, and at most one anonymous one (then its only one).
    const name = operation.name?.value ?? "";
    let variants = byOperation.get(name);
    if (!variants) {
      variants = { conditionVariables: conditionVariableNames(document, operation), compiled: new Map() };
      byOperation.set(name, variants);
    }
    const conditions = variants.conditionVariables.map((variable) => variables[variable]);
    // A null condition is an error, which graphql-js reports.
    if (conditions.some((condition) => typeof condition !== "boolean")) return null;
    const key = conditions.map((condition) => (condition ? "1" : "0")).join("");
    let compiled = variants.compiled.get(key);
    if (compiled === undefined) {
      if (variants.compiled.size >= maximumVariants) return null;
      compiled = compile(schema, withConditionsApplied(document, variables), operation.name?.value);
      variants.compiled.set(key, compiled);
    }
    return compiled;
  };
}

function compile(schema: GraphQLSchema, document: DocumentNode, operationName: string | undefined): CompiledOperation | null {
  // Its errors' stacks are not needed: each error is made again as graphql-js makes it (see query-executor.ts).
  const compiled = compileQuery(schema, document, operationName, { disablingCapturingStackErrors: true });
  if (!isCompiledQuery(compiled)) return null;
  return {
    run: (context, variables) => compiled.query(undefined, context, variables),
    nestedVariables: nestedVariableNames(document, operationName),
  };
}
