import "reflect-metadata";
import { buildCustomerGraphSchema, emitSchema } from "./schema";

/** `npm run schema:emit`: writes schema/schema.graphql from the resolvers (commit the result). */
async function emitSchemaCommand(): Promise<void> {
  const file = "schema/schema.graphql";
  await emitSchema(await buildCustomerGraphSchema(), file);
  console.log(`Wrote ${file}`);
}

emitSchemaCommand().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
