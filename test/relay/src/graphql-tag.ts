/**
 * Stands in for `graphql` from react-relay: relay-compiler reads the tagged templates of these files
 * and compiles them; nothing runs them (test/relay/relay-compile.test.ts).
 */
export function graphql(strings: TemplateStringsArray): string {
  return strings.join("");
}
