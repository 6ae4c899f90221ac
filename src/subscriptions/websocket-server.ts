import { GraphQLError, GraphQLSchema, getOperationAST, OperationTypeNode, parse, validate } from "graphql";
import { useServer } from "graphql-ws/use/ws";
import { Server } from "node:http";
import { WebSocketServer } from "ws";
import { LimitsByRole, parserMaxTokens } from "../access/query-limits";
import { Caller } from "../access/roles";
import { EventStream } from "../events/event-stream";
import { limitProblemOf } from "../graphql/plugins/query-limits-plugin";
import { SubscriptionRequest } from "./subscription.context";

export interface SubscriptionServerOptions {
  schema: GraphQLSchema;
  /** The caller of an Authorization value ("Bearer <key>"), as HTTP requests are authenticated; throws for a bad key. */
  authenticate: (authorization: string | undefined) => Promise<Caller>;
  /** A request context for the caller, as an HTTP request of the same key gets. */
  context: (caller: Caller) => Omit<SubscriptionRequest, "events">;
  limitsByRole: LimitsByRole;
  events: EventStream;
}

export interface RunningSubscriptionServer {
  /** Closes every subscriber's socket (1001, going away), then the server. */
  close(): Promise<void>;
}

type ConnectionState = Record<PropertyKey, unknown> & {
  caller?: Caller;
};

/**
 * GraphQL subscriptions over graphql-ws (the graphql-transport-ws protocol) on the HTTP server's /graphql:
 * the API key goes in connection_init's payload (`{"authorization": "Bearer <key>"}`): a missing or bad one
 * closes the socket (4403). Each subscription gets the limits of the key's role (depth, aliases, directives,
 * tokens, cost per event) and a context of its own, so that partners are scoped and masked as in queries.
 * Queries and mutations stay on HTTP.
 */
export function startSubscriptionServer(httpServer: Server, options: SubscriptionServerOptions): RunningSubscriptionServer {
  const webSockets = new WebSocketServer({ server: httpServer, path: "/graphql" });
  const parserLimit = parserMaxTokens(options.limitsByRole);
  const server = useServer<Record<string, unknown> | undefined, ConnectionState>(
    {
      schema: options.schema,
      onConnect: async (context) => {
        const authorization = context.connectionParams?.authorization;
        try {
          context.extra.caller = await options.authenticate(typeof authorization === "string" ? authorization : undefined);
          return true;
        } catch {
          return false;
        }
      },
      onSubscribe: (context, _id, payload) => {
        const caller = context.extra.caller!;
        let document;
        try {
          document = parse(payload.query);
        } catch (error) {
          return [error instanceof GraphQLError ? error : new GraphQLError(String(error))];
        }
        const operationName = payload.operationName ?? undefined;
        if (getOperationAST(document, operationName)?.operation !== OperationTypeNode.SUBSCRIPTION) {
          return [refusal("BAD_REQUEST", "Only subscriptions are served on the WebSocket: send queries and mutations over HTTP")];
        }
        const invalid = validate(options.schema, document);
        if (invalid.length > 0) return invalid;
        const variables = payload.variables ?? undefined;
        try {
          const problem = limitProblemOf(
            options.schema,
            { query: payload.query, document, operationName, variables },
            options.limitsByRole[caller.role],
            parserLimit,
          );
          if (problem) return [refusal(problem.code, problem.message)];
        } catch (error) {
          if (error instanceof GraphQLError) return [error];
          throw error;
        }
        const contextValue: SubscriptionRequest = { ...options.context(caller), events: options.events };
        return { schema: options.schema, document, operationName, variableValues: variables, contextValue };
      },
    },
    webSockets,
  );
  return {
    async close() {
      for (const socket of webSockets.clients) socket.close(1001, "Server shutting down");
      await server.dispose();
      await new Promise<void>((resolve) => webSockets.close(() => resolve()));
    },
  };
}

function refusal(code: string, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code } });
}
