import { getMetadataStorage } from "type-graphql";
import { buildCustomerGraphSchema } from "../../src/schema";

/**
 * Object types serve their plain fields with graphql's default resolver (simpleResolvers), which runs
 * no auth checker: an @Authorized plain field on one would be served to anybody. Roles belong on
 * field resolvers (resolver classes), where type-graphql checks them.
 */
describe("field authorization and simple resolvers", () => {
  test("when a field is @Authorized, then it is a resolver's field, never a plain field of a simple-resolver object type", async () => {
    await buildCustomerGraphSchema();
    const storage = getMetadataStorage();
    const simpleTypes = new Set(storage.objectTypes.filter((type) => type.simpleResolvers).map((type) => type.target));
    expect(simpleTypes.size).toBeGreaterThan(10);
    const authorized = storage.authorizedFields;
    expect(authorized.length).toBeGreaterThan(0);
    const onSimpleTypes = authorized.filter((field) => simpleTypes.has(field.target)).map((field) => `${field.target.name}.${field.fieldName}`);
    expect(onSimpleTypes).toEqual([]);
  });
});
