import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginLandingPageLocalDefault } from "@apollo/server/plugin/landingPage/default";
import { GraphQLSchema } from "graphql";
import { RequestContext } from "./context";
import { formatError } from "./shared/error-formatting";

/** The Apollo server: schema, error formatting, and no stack traces in responses, ever. */
export function createApolloServer(schema: GraphQLSchema, options: { log?: (error: unknown) => void } = {}): ApolloServer<RequestContext> {
  return new ApolloServer<RequestContext>({
    schema,
    formatError: (formatted, error) => formatError(formatted, error, options.log),
    includeStacktraceInErrorResponses: false,
    plugins: [ApolloServerPluginLandingPageLocalDefault({ embed: true })],
  });
}
