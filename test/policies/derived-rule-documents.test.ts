import { readFile } from "node:fs/promises";
import path from "node:path";
import { derivedRuleDocuments } from "../../src/policies/derived-rule-documents";

describe("documents derived from the fact catalogue", () => {
  test.each(Object.entries(derivedRuleDocuments()))("when %s is committed, then it matches the catalogue (run npm run rules:facts)", async (file, expected) => {
    const committed = await readFile(path.resolve(__dirname, "../..", file), "utf8");
    expect(committed).toBe(expected);
  });
});
