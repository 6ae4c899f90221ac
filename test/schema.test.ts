import { readFile } from "node:fs/promises";
import { buildCustomerGraphSchema, printCustomerGraphSchema } from "../src/schema";

describe("the committed schema", () => {
  it("when the resolvers are built, then schema/schema.graphql matches them (run `npm run schema:emit` if not)", async () => {
    const committed = await readFile("schema/schema.graphql", "utf8");
    expect(printCustomerGraphSchema(await buildCustomerGraphSchema())).toBe(committed);
  });
});
