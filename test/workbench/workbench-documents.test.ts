import { readFileSync } from "node:fs";
import { buildSchema, parse, validate } from "graphql";
import * as operations from "../../src/workbench/operations";

/** The documents the workbench page sends, against the committed schema: a renamed field fails here, not in an analyst's browser. */
describe("the rule workbench's GraphQL documents", () => {
  const schema = buildSchema(readFileSync("schema/schema.graphql", "utf8"));
  const documents: Array<[string, string]> = Object.entries(operations).flatMap(([name, value]): Array<[string, string]> =>
    typeof value === "string" ? [[name, value]] : Object.entries(value).map(([step, text]): [string, string] => [`${name}.${step}`, text]),
  );

  test("when each is validated against schema/schema.graphql, then none has an error", () => {
    expect(documents.length).toBeGreaterThan(10);
    const errors = documents.flatMap(([name, text]) => validate(schema, parse(text)).map((error) => `${name}: ${error.message}`));
    expect(errors).toEqual([]);
  });
});
