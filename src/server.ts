import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { GraphQLSchema } from "graphql";
import { DataSource } from "typeorm";
import { queryLimitsPlugin } from "./graphql/plugins/query-limits-plugin";
import { defaultLimitsByRole, LimitsByRole, parserMaxTokens } from "./access/query-limits";
import { loggedRequestLog, RequestLog, requestLogPlugin } from "./graphql/plugins/request-log-plugin";
import { mutationReadsPlugin } from "./graphql/plugins/mutation-reads-plugin";
import { RequestContext } from "./graphql/request-context";
import { formatError } from "./graphql/error-formatting";
import { requestMetricsPlugin } from "./graphql/plugins/request-metrics-plugin";
import { databaseAvailabilityPlugin } from "./graphql/plugins/database-availability-plugin";
import { idempotencyPlugin } from "./graphql/plugins/idempotency-plugin";
import { textInputPlugin } from "./graphql/plugins/text-input-plugin";
import { queryCompilingGateway } from "./execution/query-executor";

/**
 * The Apollo server: schema, error formatting, and no stack traces in responses, ever.
 * Queries run on graphql-jit (src/execution/query-executor.ts) unless `compiledQueries` is false.
 */
export function createApolloServer(
  schema: GraphQLSchema,
  dataSource: DataSource,
  options: { log?: RequestLog; limits?: LimitsByRole; compiledQueries?: boolean } = {},
): ApolloServer<RequestContext> {
  const limits = options.limits ?? defaultLimitsByRole;
  return new ApolloServer<RequestContext>({
    ...(options.compiledQueries === false ? { schema } : { gateway: queryCompilingGateway(schema) }),
    formatError,
    includeStacktraceInErrorResponses: false,
    // Decided per role by the query-limits plugin, whatever NODE_ENV says.
    introspection: true,
    // The highest limit of any role, enforced while parsing; each role's own limit is checked after.
    parseOptions: { maxTokens: parserMaxTokens(limits) },
    plugins: [
      // Apollo's landing page loads from a CDN: browsers get our own GraphiQL instead (src/http/graphql-ide.ts).
      ApolloServerPluginLandingPageDisabled(),
      // We send no cache hints; left installed, it wraps every field's resolver (about 4% of CPU on the 360° list).
      ApolloServerPluginCacheControlDisabled(),
      // Apollo runs every plugin's didResolveOperation at once; listed first, its refusal is the one reported.
      textInputPlugin(),
      queryLimitsPlugin(dataSource, limits),
      idempotencyPlugin(dataSource),
      mutationReadsPlugin(),
      requestLogPlugin(options.log ?? loggedRequestLog),
      requestMetricsPlugin(),
      databaseAvailabilityPlugin(),
    ],
  });
}
