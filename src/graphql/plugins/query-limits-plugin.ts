import { ApolloServerPlugin } from "@apollo/server";
import { maxAliasesRule } from "@escape.tech/graphql-armor-max-aliases";
import { maxDirectivesRule } from "@escape.tech/graphql-armor-max-directives";
import {
  DocumentNode,
  GraphQLError,
  GraphQLSchema,
  Lexer,
  NoSchemaIntrospectionCustomRule,
  OperationTypeNode,
  Source,
  TokenKind,
  validate,
  ValidationRule,
} from "graphql";
import { DataSource } from "typeorm";
import { RequestContext } from "../request-context";
import { cachedQueryCost } from "../../access/query-cost";
import { maxDepthRule } from "../../access/query-depth";
import { takeFromBucket } from "../../access/rate-limiter";
import { LimitsByRole, parserMaxTokens, QueryLimits } from "../../access/query-limits";
import { Role } from "../../access/roles";

/** The stable codes of refused documents (HTTP 400): each names the limit, its value, and what was asked. */
export enum QueryLimitCode {
  DEPTH = "MAX_DEPTH_EXCEEDED",
  ALIASES = "MAX_ALIASES_EXCEEDED",
  DIRECTIVES = "MAX_DIRECTIVES_EXCEEDED",
  TOKENS = "MAX_TOKENS_EXCEEDED",
  COST = "MAX_COST_EXCEEDED",
  INTROSPECTION = "INTROSPECTION_DISABLED",
  RATE_LIMITED = "RATE_LIMITED",
}

function rateLimited(retryAfterSeconds: number, cost: Record<string, unknown>): GraphQLError {
  return new GraphQLError(`Over the rate limit: retry in ${retryAfterSeconds} s (the bucket drains at a steady rate of points per second)`, {
    extensions: {
      code: QueryLimitCode.RATE_LIMITED,
      retryAfter: retryAfterSeconds,
      cost,
      http: { status: 429, headers: new Map([["retry-after", String(retryAfterSeconds)]]) },
    },
  });
}

function refusal(code: QueryLimitCode, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code, http: { status: 400 } } });
}

export interface DocumentProblem {
  code: QueryLimitCode;
  message: string;
}

/** What the document's text and shape break of a role's limits (variables aside): decided once per document and role. */
const problemsByDocument = new WeakMap<DocumentNode, Map<Role, DocumentProblem | null>>();

function rememberedProblem(document: DocumentNode, role: Role, find: () => DocumentProblem | null): DocumentProblem | null {
  let byRole = problemsByDocument.get(document);
  if (!byRole) {
    byRole = new Map();
    problemsByDocument.set(document, byRole);
  }
  let problem = byRole.get(role);
  if (problem === undefined) {
    problem = find();
    byRole.set(role, problem);
  }
  return problem;
}

function documentProblem(query: string, schema: GraphQLSchema, document: DocumentNode, limits: QueryLimits, parserLimit: number): DocumentProblem | null {
  if (tokensOverLimit(query, limits.tokens, parserLimit)) {
    return { code: QueryLimitCode.TOKENS, message: `The document has more than ${limits.tokens} tokens, the limit` };
  }
  for (const [code, rule] of limitRules(limits)) {
    const problem = firstValidationProblem(() => validate(schema, document, [rule]));
    if (problem) return { code, message: problem.replace(/^Syntax Error: /, "") };
  }
  return null;
}

/**
 * The same limits for a document that arrives another way (a subscription over the WebSocket): the first
 * one it breaks, cost included, or null. Variables that do not fit their types are left to execution.
 */
export function limitProblemOf(
  schema: GraphQLSchema,
  request: { query: string; document: DocumentNode; operationName: string | undefined; variables: Record<string, unknown> | undefined },
  limits: QueryLimits,
  parserLimit: number,
): DocumentProblem | null {
  const problem = documentProblem(request.query, schema, request.document, limits, parserLimit);
  if (problem) return problem;
  // Throws a GraphQLError (BAD_USER_INPUT) when the cost cannot be computed.
  const requested = costOrRefusal(schema, request.document, request.operationName, request.variables);
  if (requested === undefined || requested <= limits.cost) return null;
  return { code: QueryLimitCode.COST, message: `The subscription would cost ${requested} points for each event; the limit is ${limits.cost}` };
}

/** The validation rules of the caller's limits (graphql-armor's, and our depth rule, which knows connections); they report through GraphQL errors. */
function limitRules(limits: QueryLimits): Array<[QueryLimitCode, ValidationRule]> {
  const shared = { exposeLimits: true, propagateOnRejection: true };
  const rules: Array<[QueryLimitCode, ValidationRule]> = [
    [QueryLimitCode.DEPTH, maxDepthRule(limits.depth)],
    [QueryLimitCode.ALIASES, maxAliasesRule({ ...shared, n: limits.aliases })],
    [QueryLimitCode.DIRECTIVES, maxDirectivesRule({ ...shared, n: limits.directives })],
  ];
  if (!limits.introspection) rules.push([QueryLimitCode.INTROSPECTION, NoSchemaIntrospectionCustomRule]);
  return rules;
}

/**
 * Checks every operation against its caller's limits after parsing and before any resolver runs:
 * tokens, depth, aliases, directives, introspection, then the cost with variables applied.
 * Every response carries `extensions.cost` (what was asked, and the limit).
 */
/** `dataSource` keeps the rate-limit buckets, outside any caller's scope. */
export function queryLimitsPlugin(dataSource: DataSource, limitsByRole: LimitsByRole): ApolloServerPlugin<RequestContext> {
  const parserLimit = parserMaxTokens(limitsByRole);
  return {
    async requestDidStart() {
      let cost: Record<string, unknown> | undefined;
      return {
        async didResolveOperation({ request, source, document, schema, contextValue, operationName, operation }) {
          if (operation?.operation === OperationTypeNode.SUBSCRIPTION) {
            throw new GraphQLError("Subscriptions are served over the WebSocket at /graphql (graphql-transport-ws), not over HTTP", {
              extensions: { code: "BAD_REQUEST", http: { status: 400 } },
            });
          }
          const role = contextValue.caller.role;
          const limits = limitsByRole[role];
          // `source`, not `request.query`: a persisted query's hit sends only its hash, and its text must count all the same.
          const problem = rememberedProblem(document, role, () => documentProblem(source ?? "", schema, document, limits, parserLimit));
          if (problem) throw refusal(problem.code, problem.message);
          // No operation to run (several, none named): Apollo refuses the request itself, nothing to charge.
          if (!operation) return;
          const requested = costOrRefusal(schema, document, operationName ?? undefined, request.variables);
          if (requested === undefined) return;
          cost = { requested, limit: limits.cost };
          if (requested > limits.cost) {
            throw refusal(
              QueryLimitCode.COST,
              `The query would cost ${requested} points; the limit is ${limits.cost} (lists count at their page size: ask for fewer items or fields)`,
            );
          }
          if (!limits.rateLimit) return;
          const bucket = await takeFromBucket(dataSource, contextValue.caller.keyId, requested, limits.rateLimit);
          // Actual equals requested: a shorter page than asked for is not refunded.
          cost = { requested, actual: requested, limit: limits.cost, remaining: bucket.remaining, resetAt: bucket.resetAt.toISOString() };
          if (!bucket.allowed) throw rateLimited(bucket.retryAfterSeconds, cost);
        },
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== "single") return;
          const result = response.body.singleResult;
          if (cost) result.extensions = { ...result.extensions, cost };
          if (contextValue.caller && !limitsByRole[contextValue.caller.role].fieldSuggestions && result.errors) {
            result.errors = result.errors.map((error) => ({ ...error, message: error.message.replace(/ Did you mean .+\?$/, "") }));
          }
        },
      };
    },
  };
}

/**
 * The cost with the request's variables. A document that cannot be costed although its variables fit
 * (e.g. `@include(if: $flag)` with `$flag: Boolean = true` sent as null) is refused: execution would run
 * every field but the failing one, uncharged.
 */
function costOrRefusal(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | undefined,
  variables: Record<string, unknown> | undefined,
): number | undefined {
  try {
    return cachedQueryCost(schema, document, operationName, variables);
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    throw new GraphQLError(`The query's cost cannot be computed: ${error.message}`, { extensions: { code: "BAD_USER_INPUT", http: { status: 400 } } });
  }
}

/** graphql-armor's rules throw their error rather than report it; graphql-js's report it: either way, its message. */
function firstValidationProblem(run: () => readonly GraphQLError[]): string | undefined {
  try {
    return run()[0]?.message;
  } catch (error) {
    if (error instanceof GraphQLError) return error.message;
    throw error;
  }
}

/**
 * Apollo's parser already refused anything over the highest limit (parseOptions.maxTokens); a stricter
 * role's limit is checked by lexing the parsed document again, stopping at the limit, without building a tree.
 */
function tokensOverLimit(query: string, maxTokens: number, parserLimit: number): boolean {
  if (maxTokens >= parserLimit) return false;
  const lexer = new Lexer(new Source(query));
  let tokens = 0;
  while (lexer.advance().kind !== TokenKind.EOF) {
    if (++tokens > maxTokens) return true;
  }
  return false;
}
