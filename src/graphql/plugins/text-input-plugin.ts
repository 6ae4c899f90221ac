import { ApolloServerPlugin, BaseContext } from "@apollo/server";
import { BREAK, DocumentNode, GraphQLError, Kind, ValueNode, visit } from "graphql";
import { ClientErrorCode } from "../../shared/errors";

const nul = "\u0000";

/**
 * Refuses a request that carries a NUL character (U+0000) in any string, in its variables or in the
 * document's arguments, with BAD_USER_INPUT naming where: PostgreSQL text cannot hold one, and every
 * string a client sends (a subject, a search, a cursor, an id) may reach a text parameter.
 */
export function textInputPlugin<Context extends BaseContext>(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          const field = nulInJson(request.variables ?? {}, "") ?? nulInArguments(document);
          if (field !== undefined) {
            throw new GraphQLError(`${field}: must not contain the NUL character (\\u0000)`, {
              extensions: { code: ClientErrorCode.BadUserInput, field, http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}

/** The path of the first string holding NUL in a variables object, e.g. `input.subject` (named like graphql-js names variables). */
function nulInJson(value: unknown, path: string): string | undefined {
  if (typeof value === "string") return value.includes(nul) ? path : undefined;
  if (Array.isArray(value)) return firstFound(value.map((item, index) => () => nulInJson(item, `${path}[${index}]`)));
  if (typeof value === "object" && value !== null) {
    return firstFound(
      Object.entries(value).map(
        ([key, item]) =>
          () =>
            nulInJson(item, path ? `${path}.${key}` : key),
      ),
    );
  }
  return undefined;
}

/** The path of the first string literal holding NUL in the document's arguments, e.g. `filter.search`. */
function nulInArguments(document: DocumentNode): string | undefined {
  let found: string | undefined;
  visit(document, {
    Argument(argument) {
      found = nulInLiteral(argument.value, argument.name.value);
      return found === undefined ? undefined : BREAK;
    },
  });
  return found;
}

function nulInLiteral(value: ValueNode, path: string): string | undefined {
  switch (value.kind) {
    case Kind.STRING:
      return value.value.includes(nul) ? path : undefined;
    case Kind.LIST:
      return firstFound(value.values.map((item, index) => () => nulInLiteral(item, `${path}[${index}]`)));
    case Kind.OBJECT:
      return firstFound(value.fields.map((field) => () => nulInLiteral(field.value, `${path}.${field.name.value}`)));
    default:
      return undefined;
  }
}

function firstFound(searches: ReadonlyArray<() => string | undefined>): string | undefined {
  for (const search of searches) {
    const found = search();
    if (found !== undefined) return found;
  }
  return undefined;
}
