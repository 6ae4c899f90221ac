import { currencyFractionDigits } from "../shared/money";
import { NodeTypeName } from "../shared/global-id";
import { orderingFingerprint, SortKey, sortExpression } from "../shared/pagination/sort-order";

/**
 * SQL that writes values as the API shows them, so that PostgreSQL's JSON needs no work in JS.
 * Each must give what the resolvers' JS gives, character for character: the differential test
 * (test/read-planner) runs both on the same data.
 */

/**
 * A timestamp as `Date.prototype.toISOString` writes it (UTC, milliseconds, Z); the columns keep
 * milliseconds. Infinity (to_char writes nothing) and years BC (to_char drops the era, JS writes a
 * negative year) come out as PostgreSQL writes them, a value the DateTime check refuses: the
 * resolvers answer those (see planned-value-check.ts).
 */
export function isoTimestampSql(expression: string): string {
  const written = `to_char((${expression}) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
  return `CASE WHEN isfinite(${expression}) AND (${expression}) >= '0001-01-01T00:00:00Z' THEN ${written} ELSE (${expression})::text END`;
}

/** Relay's global id as `encodeGlobalId` makes it: base64 of `Type:uuid` (short enough for one base64 line). */
export function globalIdSql(typeName: NodeTypeName, idColumn: string): string {
  return `encode(convert_to('${typeName}:' || ${idColumn}::text, 'UTF8'), 'base64')`;
}

/** Base64url without padding, as node's Buffer writes it; PostgreSQL's base64 breaks lines every 76 characters. */
function base64UrlSql(textExpression: string): string {
  return `translate(encode(convert_to(${textExpression}, 'UTF8'), 'base64'), E'+/=\\n', '-_')`;
}

/** A sort value as `JSON.stringify` writes the value `SortField.valueOf` gives. */
function cursorValueSql<Row>(key: SortKey<Row>, alias: string): string {
  const expression = sortExpression(key, alias);
  switch (key.kind) {
    case "integer":
    case "bigint":
      return `(${expression})::text`;
    case "timestamp":
      return `'"' || ${isoTimestampSql(expression)} || '"'`;
    case "text":
    case "date":
    case "uuid":
      return `to_json((${expression})::text)::text`;
  }
}

/** The row's cursor as `encodeCursor` makes it: base64url of `{"o":<ordering>,"v":[<values>]}`. */
export function cursorSql<Row>(keys: ReadonlyArray<SortKey<Row>>, alias: string): string {
  const ordering = JSON.stringify(orderingFingerprint(keys)).replaceAll("'", "''");
  const values = keys.map((key) => cursorValueSql(key, alias)).join(` || ',' || `);
  return base64UrlSql(`'{"o":${ordering},"v":[' || ${values} || ']}'`);
}

/**
 * `formatMinorUnits` in SQL: the decimal string of integer minor units, with the currency's digits
 * from ICU (most have 2; the few with 0 or 3 are listed from Intl at start).
 */
export function decimalAmountSql(minorUnitsExpression: string, currencyExpression: string): string {
  const digits = `CASE WHEN ${currencyExpression} = ANY('{${currenciesWithDigits(0).join(",")}}') THEN 0 WHEN ${currencyExpression} = ANY('{${currenciesWithDigits(3).join(",")}}') THEN 3 ELSE 2 END`;
  return `(SELECT CASE WHEN d = 0 THEN m::text ELSE CASE WHEN m < 0 THEN '-' ELSE '' END || (abs(m) / (10 ^ d)::bigint)::text || '.' || lpad((abs(m) % (10 ^ d)::bigint)::text, d, '0') END FROM (SELECT (${minorUnitsExpression})::bigint AS m, ${digits} AS d) amount_parts)`;
}

let digitsByCurrency: Map<number, string[]> | undefined;

function currenciesWithDigits(digits: number): string[] {
  if (!digitsByCurrency) {
    digitsByCurrency = new Map();
    for (const currency of Intl.supportedValuesOf("currency")) {
      const currencyDigits = currencyFractionDigits(currency);
      digitsByCurrency.set(currencyDigits, [...(digitsByCurrency.get(currencyDigits) ?? []), currency]);
    }
  }
  return digitsByCurrency.get(digits) ?? [];
}

/** `maskEmail`: the first character, `***`, and everything from the last `@`. */
export function maskedEmailSql(column: string): string {
  return `CASE WHEN ${column} IS NULL THEN NULL ELSE left(${column}, 1) || '***' || coalesce(substring(${column} FROM '@[^@]*$'), right(${column}, 1)) END`;
}

/** `maskPhone`: every digit but the last two becomes `*`, the layout stays. */
export function maskedPhoneSql(column: string): string {
  // The shortest tail holding the last two digits stays; the digits before it are starred.
  const tail = `substring(${column} FROM '[0-9][^0-9]*[0-9][^0-9]*$')`;
  return `CASE WHEN ${tail} IS NULL THEN ${column} ELSE regexp_replace(left(${column}, length(${column}) - length(${tail})), '[0-9]', '*', 'g') || ${tail} END`;
}
