import { writeFile } from "node:fs/promises";
import { Command } from "commander";
import { derivedRuleDocuments } from "../policies/derived-rule-documents";
import { CommandFactory } from "./harness/command-context";

/** npm run rules:facts: writes what is derived from the fact catalogue (a test fails when a file is stale). */
export const rulesFactsCommand: CommandFactory = () =>
  new Command("rules:facts").description("rewrites rules/FACTS.md and the rule files' JSON Schemas in schema/ from the fact catalogue").action(async () => {
    for (const [file, content] of Object.entries(derivedRuleDocuments())) {
      await writeFile(file, content);
      console.log(`wrote ${file}`);
    }
  });
