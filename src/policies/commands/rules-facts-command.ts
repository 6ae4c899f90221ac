import { writeFile } from "node:fs/promises";
import path from "node:path";
import { renderFactsPage } from "../facts/facts-page";
import { buildRuleFileJsonSchema, buildRuleTestsJsonSchema } from "../rule-files/rules-json-schema";

/** Writes what is derived from the fact catalogue: rules/FACTS.md and the rule files' JSON Schemas in schema/. */
export function derivedRuleDocuments(): Record<string, string> {
  return {
    "rules/FACTS.md": renderFactsPage(),
    "schema/rules.schema.json": `${JSON.stringify(buildRuleFileJsonSchema(), null, 2)}\n`,
    "schema/rules-tests.schema.json": `${JSON.stringify(buildRuleTestsJsonSchema(), null, 2)}\n`,
  };
}

async function main(): Promise<void> {
  const root = process.cwd();
  for (const [file, content] of Object.entries(derivedRuleDocuments())) {
    await writeFile(path.join(root, file), content);
    console.log(`wrote ${file}`);
  }
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
