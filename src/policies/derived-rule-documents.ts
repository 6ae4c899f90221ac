import { renderFactsPage } from "./facts/facts-page";
import { buildRuleFileJsonSchema, buildRuleTestsJsonSchema } from "./rule-files/rules-json-schema";

/** What is derived from the fact catalogue, by file: rules/FACTS.md and the rule files' JSON Schemas in schema/. */
export function derivedRuleDocuments(): Record<string, string> {
  return {
    "rules/FACTS.md": renderFactsPage(),
    "schema/rules.schema.json": `${JSON.stringify(buildRuleFileJsonSchema(), null, 2)}\n`,
    "schema/rules-tests.schema.json": `${JSON.stringify(buildRuleTestsJsonSchema(), null, 2)}\n`,
  };
}
