import { Command } from "commander";
import { buildCustomerGraphSchema, emitSchema } from "../schema";
import { CommandFactory } from "./harness/command-context";

const schemaFile = "schema/schema.graphql";

/** npm run schema:emit: writes schema/schema.graphql from the resolvers (commit the result). */
export const schemaEmitCommand: CommandFactory = () =>
  new Command("schema:emit").description(`rewrites ${schemaFile} from the resolvers (a test fails when it is stale)`).action(async () => {
    await emitSchema(await buildCustomerGraphSchema(), schemaFile);
    console.log(`Wrote ${schemaFile}`);
  });
