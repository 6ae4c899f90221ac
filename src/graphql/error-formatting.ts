import { unwrapResolverError } from "@apollo/server/errors";
import { GraphQLFormattedError } from "graphql";
import { ArgumentValidationError } from "type-graphql";
import { ValidationError } from "class-validator";
import { QueryLimitCode } from "./plugins/query-limits-plugin";
import { ClientError, ClientErrorCode } from "../shared/errors";
import { flattenValidationErrors } from "../shared/input-validation";
import { isDatabaseUnavailable, ServiceUnavailableError } from "../database/database-availability";

/** Codes that graphql-js and Apollo attach themselves; their messages are written for clients. */
const passThroughCodes = new Set([
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "BAD_USER_INPUT",
  "PERSISTED_QUERY_NOT_FOUND",
  "PERSISTED_QUERY_NOT_SUPPORTED",
  "OPERATION_RESOLUTION_FAILURE",
  "BAD_REQUEST",
  // Raised by the access layer with messages written for the caller.
  "UNAUTHENTICATED",
  "FORBIDDEN",
  // The database is away: the request may be retried as it is.
  "SERVICE_UNAVAILABLE",
  // An Idempotency-Key sent again with another request.
  "IDEMPOTENCY_KEY_REUSED",
  ...Object.values(QueryLimitCode),
]);

/**
 * The one place where errors become what clients see: our client errors keep their message,
 * code and field; anything unexpected becomes INTERNAL_SERVER_ERROR with no SQL or stack.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  if (original instanceof ClientError) {
    return {
      message: original.message,
      path: formatted.path,
      locations: formatted.locations,
      extensions: { code: original.code, ...original.details },
    };
  }
  if (original instanceof ArgumentValidationError) {
    return validationFailure(formatted, original.extensions.validationErrors);
  }
  const code = formatted.extensions?.code;
  if (typeof code === "string" && passThroughCodes.has(code)) {
    const field = code === "BAD_USER_INPUT" ? coercionField(formatted.message) : undefined;
    // Written for clients, like the message (e.g. a rate-limited request's retryAfter and bucket state); http is Apollo's.
    const { http: _http, stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
    return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions: { ...extensions, code, ...(field && { field }) } };
  }
  if (isDatabaseUnavailable(original)) {
    const unavailable = new ServiceUnavailableError();
    const { http: _http, ...extensions } = unavailable.extensions;
    return { message: unavailable.message, path: formatted.path, extensions };
  }
  // Logged with the request id by the request log plugin.
  return { message: "Internal server error", path: formatted.path, extensions: { code: "INTERNAL_SERVER_ERROR" } };
}

/**
 * The field named by graphql-js when a variable does not fit its type, e.g.
 * `Variable "$input" got invalid value "x" at "input.email"; ...` gives `input.email`.
 */
function coercionField(message: string): string | undefined {
  const match = /^Variable "\$([^"]+)" got invalid value .*? at "([^"]+)"/.exec(message) ?? /^Variable "\$([^"]+)"/.exec(message);
  return match?.[2] ?? match?.[1];
}

/** Arguments are named by convention: `filter` takes a *Filter type, `input` an *Input type; page arguments stand alone. */
function argumentName(target: object | undefined): string {
  const typeName = target?.constructor.name ?? "";
  if (typeName.endsWith("Filter")) return "filter";
  if (typeName.endsWith("Input")) return "input";
  return "";
}

function validationFailure(formatted: GraphQLFormattedError, errors: ValidationError[]): GraphQLFormattedError {
  const problems = flattenValidationErrors(errors, argumentName(errors[0]?.target));
  const field = problems[0]?.field;
  return {
    message: problems.map((problem) => `${problem.field}: ${problem.message}`).join("; "),
    path: formatted.path,
    locations: formatted.locations,
    extensions: { code: ClientErrorCode.BadUserInput, field, fields: problems.map((problem) => problem.field) },
  };
}
