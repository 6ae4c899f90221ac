import { ApolloServerPlugin } from "@apollo/server";
import { randomUUID } from "node:crypto";
import { GraphQLError } from "graphql";
import { RequestContext } from "../request-context";
import { Role } from "../../access/roles";
import { logger } from "../../logging/logger";

export interface RequestLog {
  /** An error the client sees only as INTERNAL_SERVER_ERROR with this request id. */
  internalError(requestId: string, error: unknown): void;
  /** One line per partner request: who, what, at what cost, how long, how it ended. */
  audit(entry: AuditEntry): void;
}

export interface AuditEntry {
  requestId: string;
  keyId: string;
  operationName: string | null;
  cost: number | null;
  durationMilliseconds: number;
  /** "ok", or the errors' codes, comma-separated. */
  outcome: string;
}

/** The server's JSON log (pino), each line with its request id. */
export const loggedRequestLog: RequestLog = {
  internalError: (requestId, error) => logger.error({ requestId, err: error }, "internal error"),
  audit: (entry) => logger.info({ audit: true, ...entry }, "partner request"),
};

/**
 * Gives every request an id (the `x-request-id` header), adds it to internal errors so that a client's
 * report matches the server log, logs those errors with it, and audits every partner request.
 */
export function requestLogPlugin(log: RequestLog): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart({ contextValue }) {
      const requestId = randomUUID();
      const started = performance.now();
      let originals: readonly GraphQLError[] = [];
      return {
        async didEncounterErrors({ errors }) {
          originals = errors;
        },
        async willSendResponse({ response, operationName }) {
          response.http.headers.set("x-request-id", requestId);
          if (response.body.kind !== "single") return;
          const result = response.body.singleResult;
          result.errors = result.errors?.map((error, index) => {
            if (error.extensions?.code !== "INTERNAL_SERVER_ERROR") return error;
            log.internalError(requestId, originals[index]?.originalError ?? originals[index]);
            return { ...error, extensions: { ...error.extensions, requestId } };
          });
          if (contextValue.caller?.role !== Role.PARTNER) return;
          const cost = (result.extensions?.cost as { requested?: number } | undefined)?.requested ?? null;
          const codes = [...new Set((result.errors ?? []).map((error) => String(error.extensions?.code)))];
          log.audit({
            requestId,
            keyId: contextValue.caller.keyId,
            operationName: operationName ?? null,
            cost,
            durationMilliseconds: Math.round(performance.now() - started),
            outcome: codes.length ? codes.join(",") : "ok",
          });
        },
      };
    },
  };
}
