import { ApolloServerPlugin, GraphQLResponse, HeaderMap } from "@apollo/server";
import { FormattedExecutionResult, GraphQLError, OperationTypeNode } from "graphql";
import { DataSource, QueryRunner } from "typeorm";
import { scopeInRequestTransaction } from "../../access/data-scope";
import { partnerConditions } from "../partner-conditions";
import { createLoaders, RequestContext } from "../request-context";
import { databaseRetryAfterSeconds, isDatabaseUnavailable, ServiceUnavailableError } from "../../database/database-availability";
import { logger } from "../../logging/logger";
import { findStoredResponse, lockIdempotencyKey, requestHash, StoredResponse, storeResponse } from "../../idempotency/idempotent-requests";

/** Visible ASCII, as Stripe and the IETF draft take it; a key names one logical operation of one client. */
const keyPattern = /^[\x21-\x7e]{1,255}$/;

/** Our own failures are not kept: the client retries them, and the retry runs anew. */
const retriableCodes = new Set(["SERVICE_UNAVAILABLE", "INTERNAL_SERVER_ERROR"]);

function badKey(message: string, code: string, status: number): GraphQLError {
  return new GraphQLError(message, { extensions: { code, http: { status } } });
}

/**
 * `Idempotency-Key` on a mutation: the first request runs in one transaction with its response,
 * which is stored before the transaction commits and the client sees it; a retry with the same key
 * and the same request gets that response again (header `Idempotent-Replayed: true`) and writes
 * nothing; the same key with another request is refused. Keys on queries are ignored.
 *
 * Apollo runs every plugin's `didResolveOperation` at once, and answers as soon as one refuses
 * (a limit, the rate): so nothing is opened there. The transaction opens in `responseForOperation`,
 * which Apollo calls only once every check has passed, and ends in `willSendResponse`, which every
 * path out of the request goes through.
 */
export function idempotencyPlugin(dataSource: DataSource): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart({ request }) {
      const key = request.http?.headers.get("idempotency-key");
      if (key === undefined) return;
      let hash: string | undefined;
      let runner: QueryRunner | undefined;
      let executed = false;
      return {
        async didResolveOperation({ operation, source }) {
          if (operation?.operation !== OperationTypeNode.MUTATION) return;
          if (!keyPattern.test(key)) throw badKey("Idempotency-Key: 1 to 255 visible ASCII characters", "BAD_REQUEST", 400);
          // `source`, not `request.query`: a persisted query's hit sends no text, only its hash.
          hash = requestHash(source, request.operationName, request.variables);
        },
        async responseForOperation({ contextValue }) {
          if (hash === undefined) return null;
          const keyId = contextValue.caller.keyId;
          try {
            let stored = await findStoredResponse(dataSource.manager, keyId, key);
            if (!stored) {
              runner = await openRequestTransaction(dataSource, keyId, key);
              stored = await findStoredResponse(runner.manager, keyId, key);
            }
            if (stored) {
              if (runner) runner = await endTransaction(runner, "rollback");
              return stored.requestHash === hash ? replayOf(stored) : keyReused();
            }
            const scope = await scopeInRequestTransaction(runner!.manager, contextValue.caller, partnerConditions);
            Object.assign(contextValue, { scope, loaders: createLoaders(scope) });
            return null;
          } catch (error) {
            if (runner) runner = await endTransaction(runner, "rollback").catch(() => undefined);
            return failureBeforeExecution(error);
          }
        },
        async executionDidStart() {
          executed = true;
        },
        async willSendResponse({ response, contextValue }) {
          if (!runner) return;
          const result = response.body.kind === "single" ? response.body.singleResult : undefined;
          // Failed on our side: nothing to keep, the retry runs anew. A payload refused with userErrors is an
          // answer like any other: kept and committed (its use case rolled back to its savepoint, wrote nothing).
          const retriable = !executed || !result || (result.errors ?? []).some((error) => retriableCodes.has(String(error.extensions?.code)));
          try {
            if (retriable) return void (runner = await endTransaction(runner, "rollback"));
            await storeResponse(runner.manager, contextValue.caller.keyId, key, { requestHash: hash!, response: result });
            runner = await endTransaction(runner, "commit");
          } catch {
            // Not committed, so not done: the client is told to retry, and the retry runs anew.
            if (runner) runner = await endTransaction(runner, "rollback").catch(() => undefined);
            const unavailable = serviceUnavailable();
            response.body = unavailable.body;
            response.http.status = unavailable.http.status;
            response.http.headers.set("retry-after", String(databaseRetryAfterSeconds));
          }
        },
      };
    },
  };
}

function replayOf(stored: StoredResponse): GraphQLResponse {
  return { http: { status: undefined, headers: new HeaderMap([["idempotent-replayed", "true"]]) }, body: { kind: "single", singleResult: stored.response } };
}

function keyReused(): GraphQLResponse {
  const message = "This Idempotency-Key was used for another request: use a new key for a new operation";
  return errorResponse(422, { message, extensions: { code: "IDEMPOTENCY_KEY_REUSED" } });
}

/**
 * Apollo does not catch what `responseForOperation` throws (the client would get a bare 500):
 * the database away is a 503 to retry, anything else an internal error, logged here.
 */
function failureBeforeExecution(error: unknown): GraphQLResponse {
  if (isDatabaseUnavailable(error)) return serviceUnavailable();
  logger.error({ err: error }, "idempotency: the request's transaction could not be opened");
  return errorResponse(500, { message: "Internal server error", extensions: { code: "INTERNAL_SERVER_ERROR" } });
}

function serviceUnavailable(): GraphQLResponse {
  const response = errorResponse(503, {
    message: new ServiceUnavailableError().message,
    extensions: { code: "SERVICE_UNAVAILABLE", retryAfter: databaseRetryAfterSeconds },
  });
  response.http.headers.set("retry-after", String(databaseRetryAfterSeconds));
  return response;
}

function errorResponse(status: number, error: NonNullable<FormattedExecutionResult["errors"]>[number]): GraphQLResponse & { http: { headers: HeaderMap } } {
  return { http: { status, headers: new HeaderMap() }, body: { kind: "single", singleResult: { errors: [error] } } };
}

async function openRequestTransaction(dataSource: DataSource, keyId: string, key: string): Promise<QueryRunner> {
  const runner = dataSource.createQueryRunner();
  try {
    await runner.connect();
    await runner.startTransaction();
    await lockIdempotencyKey(runner.manager, keyId, key);
    return runner;
  } catch (error) {
    await endTransaction(runner, "rollback").catch(() => undefined);
    throw error;
  }
}

/** Ends the transaction (if one is open) and gives the connection back; undefined, to clear the caller's handle. */
async function endTransaction(runner: QueryRunner, how: "commit" | "rollback"): Promise<undefined> {
  try {
    if (runner.isTransactionActive) await (how === "commit" ? runner.commitTransaction() : runner.rollbackTransaction());
  } finally {
    await runner.release();
  }
  return undefined;
}
