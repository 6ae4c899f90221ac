import { GraphQLError } from "graphql";

/** Seconds a client is told to wait before retrying while the database is away. */
export const databaseRetryAfterSeconds = 2;

/** Socket errors of a database that is down, restarting or unreachable. */
const unreachableCodes = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN"]);

/**
 * SQLSTATEs of a server that cannot serve now: connection exceptions (class 08), shutting down or
 * starting (57P01-57P03), too many connections (53300), and a statement cancelled by its timeout (57014).
 */
const unavailableStates = new Set(["57P01", "57P02", "57P03", "53300", "57014"]);

/** pg's own messages when it gives up on a connection. */
const unreachableMessages = /timeout exceeded when trying to connect|Connection terminated|connection error|Query read timeout/i;

/** Whether an error (or any error it wraps) says the database cannot serve now, as opposed to a bug or bad input. */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!(error instanceof Error) || depth > 5) return false;
  const { code } = error as { code?: unknown };
  if (typeof code === "string" && (unreachableCodes.has(code) || unavailableStates.has(code) || code.startsWith("08"))) return true;
  if (unreachableMessages.test(error.message)) return true;
  const wrapped = error as { originalError?: unknown; driverError?: unknown; cause?: unknown };
  return [wrapped.originalError, wrapped.driverError, wrapped.cause].some((inner) => inner !== error && isDatabaseUnavailable(inner, depth + 1));
}

/** What a client gets while the database is away: 503 with Retry-After, and a code to act on. */
export class ServiceUnavailableError extends GraphQLError {
  constructor() {
    super(`The database is unavailable; retry in ${databaseRetryAfterSeconds} s`, {
      extensions: {
        code: "SERVICE_UNAVAILABLE",
        retryAfter: databaseRetryAfterSeconds,
        http: { status: 503, headers: new Map([["retry-after", String(databaseRetryAfterSeconds)]]) },
      },
    });
  }
}
