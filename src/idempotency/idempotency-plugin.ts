import { ApolloServerPlugin, HeaderMap } from "@apollo/server";
import { GraphQLError } from "graphql";
import { DataSource, QueryRunner } from "typeorm";
import { scopeInRequestTransaction } from "../access/data-scope";
import { createLoaders, RequestContext } from "../context";
import { databaseRetryAfterSeconds, ServiceUnavailableError } from "../database/database-availability";
import { findStoredResponse, lockIdempotencyKey, requestHash, StoredResponse, storeResponse } from "./idempotent-requests";

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
 */
export function idempotencyPlugin(dataSource: DataSource): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart({ request }) {
      const key = request.http?.headers.get("idempotency-key");
      if (key === undefined) return;
      let replay: StoredResponse | undefined;
      let runner: QueryRunner | undefined;
      let hash = "";
      let executed = false;
      return {
        async didResolveOperation({ operation, contextValue }) {
          if (operation?.operation !== "mutation") return;
          if (!keyPattern.test(key)) throw badKey("Idempotency-Key: 1 to 255 visible ASCII characters", "BAD_REQUEST", 400);
          hash = requestHash(request.query, request.operationName, request.variables);
          const keyId = contextValue.caller.keyId;
          replay = await findStoredResponse(dataSource.manager, keyId, key);
          if (!replay) {
            runner = await openRequestTransaction(dataSource, keyId, key);
            replay = await findStoredResponse(runner.manager, keyId, key);
            if (replay) runner = await endTransaction(runner, "rollback");
          }
          if (replay && replay.requestHash !== hash) {
            throw badKey("This Idempotency-Key was used for another request: use a new key for a new operation", "IDEMPOTENCY_KEY_REUSED", 422);
          }
          if (runner) {
            const scope = await scopeInRequestTransaction(runner.manager, contextValue.caller);
            Object.assign(contextValue, { scope, loaders: createLoaders(scope) });
          }
        },
        async executionDidStart() {
          executed = true;
        },
        async responseForOperation() {
          if (!replay) return null;
          return { http: { status: undefined, headers: new HeaderMap([["idempotent-replayed", "true"]]) }, body: { kind: "single", singleResult: replay.response } };
        },
        async willSendResponse({ response, contextValue }) {
          if (!runner) return;
          const result = response.body.kind === "single" ? response.body.singleResult : undefined;
          // Refused before it ran (a limit, the rate) or failed on our side: nothing to keep, the retry runs anew.
          const retriable = !executed || !result || (result.errors ?? []).some((error) => retriableCodes.has(String(error.extensions?.code)));
          try {
            if (retriable) return void (runner = await endTransaction(runner, "rollback"));
            await storeResponse(runner.manager, contextValue.caller.keyId, key, { requestHash: hash, response: result });
            runner = await endTransaction(runner, "commit");
          } catch {
            // Not committed, so not done: the client is told to retry, and the retry runs anew.
            if (runner) runner = await endTransaction(runner, "rollback").catch(() => undefined);
            const unavailable = new ServiceUnavailableError();
            response.body = { kind: "single", singleResult: { errors: [{ message: unavailable.message, extensions: { code: "SERVICE_UNAVAILABLE", retryAfter: databaseRetryAfterSeconds } }] } };
            response.http.status = 503;
            response.http.headers.set("retry-after", String(databaseRetryAfterSeconds));
          }
        },
      };
    },
  };
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
