import { GraphQLScalarType } from "graphql";
import { CurrencyResolver, DateTimeResolver, EmailAddressResolver, GraphQLJSON, LocalDateResolver, SafeIntResolver } from "graphql-scalars";

/**
 * The schema's custom scalars: graphql-scalars' parsing and serializing, with descriptions in our terms
 * and the specification each follows (`@specifiedBy`), so that client tools can map them without
 * reading prose. A schema holds one type of a name: fields use these, never the library's own (the
 * lint refuses importing graphql-scalars anywhere else in src/).
 */
function withSpecification(scalar: GraphQLScalarType, description: string, specifiedByURL?: string): GraphQLScalarType {
  return new GraphQLScalarType({ ...scalar.toConfig(), description, specifiedByURL: specifiedByURL ?? scalar.specifiedByURL });
}

export const DateTimeScalar = withSpecification(
  DateTimeResolver,
  "An instant, written in UTC with milliseconds, e.g. 2026-03-01T09:30:00.000Z (RFC 3339 date-time). Input may carry any UTC offset, e.g. 2026-03-01T10:30:00+01:00 for the same instant",
  "https://scalars.graphql.org/andimarek/date-time.html",
);

export const LocalDateScalar = withSpecification(
  LocalDateResolver,
  "A calendar day with no time and no time zone, YYYY-MM-DD, e.g. 2026-03-01 (RFC 3339 full-date): the same day wherever it is read",
  "https://scalars.graphql.org/andimarek/local-date.html",
);

export const CurrencyScalar = inCapitalsOnly(withSpecification(CurrencyResolver, "An ISO 4217 currency code in capitals, e.g. EUR, USD, JPY"));

/**
 * graphql-scalars takes `eur` for a currency; the database keeps codes in capitals (and refuses others),
 * so a lowercase code is the client's error here, named, rather than a failed write.
 */
function inCapitalsOnly(scalar: GraphQLScalarType): GraphQLScalarType {
  const config = scalar.toConfig();
  const checked = (value: unknown): unknown => {
    if (typeof value === "string" && value !== value.toUpperCase()) throw new TypeError(`Value is not a currency code in capitals: ${value}`);
    return value;
  };
  return new GraphQLScalarType({
    ...config,
    parseValue: (value) => checked(config.parseValue(value)),
    parseLiteral: (literal, variables) => checked(config.parseLiteral(literal, variables)),
  });
}

export const EmailAddressScalar = withSpecification(
  EmailAddressResolver,
  "An email address as the HTML standard defines a valid one, e.g. jane.doe@example.com",
);

export const SafeIntScalar = withSpecification(
  SafeIntResolver,
  "A whole number from -9007199254740991 to 9007199254740991 (ECMAScript's safe integers): wider than Int's 32 bits, still exact in JSON",
);

export const JSONScalar = withSpecification(GraphQLJSON, "Any JSON value (ECMA-404): an object, array, string, number, boolean or null");
