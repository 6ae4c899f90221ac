import { GraphQLObjectType, GraphQLResolveInfo } from "graphql";
import { getMetadataStorage } from "type-graphql";
import { Role } from "../../src/access/roles";
import { buildCustomerGraphSchema } from "../../src/schema";
import { ForbiddenError } from "../../src/shared/errors";

/**
 * Object types serve their plain fields with graphql's default resolver (simpleResolvers), which runs
 * no type-graphql auth checker: an @Authorized plain field on one would be served to anybody. Roles
 * are therefore not type-graphql's: the role rules (src/access/role-rules.ts) guard the built
 * schema's resolvers, plain fields included.
 */
describe("field authorization and simple resolvers", () => {
  test("when the schema is built, then no field is @Authorized: the role rules are the one place for roles", async () => {
    await buildCustomerGraphSchema();
    expect(getMetadataStorage().authorizedFields.map((field) => `${field.target.name}.${field.fieldName}`)).toEqual([]);
  });

  test("when a role rule names a plain field of a simple-resolver object type, then the field refuses that role and serves the others", async () => {
    const schema = await buildCustomerGraphSchema();
    expect(getMetadataStorage().objectTypes.find((type) => type.name === "RuleSet")?.simpleResolvers).toBe(true);
    const lastError = (schema.getType("RuleSet") as GraphQLObjectType).getFields().lastError;
    const read = (role: Role) =>
      lastError.resolve!({ lastError: "tiering.json:3:5 unknown fact" }, {}, { caller: { role } }, { fieldName: "lastError" } as GraphQLResolveInfo);
    expect(() => read(Role.PARTNER)).toThrow(ForbiddenError);
    expect(read(Role.ANALYST)).toBe("tiering.json:3:5 unknown fact");
  });
});
