import { Command, Option } from "commander";
import { createApiKey, listApiKeys, revokeApiKey, rotateApiKey } from "../access/api-keys";
import { Role, roles } from "../access/roles";
import { CommandContext, CommandFactory } from "./harness/command-context";
import { UsageError } from "./harness/command-errors";
import { futureDate, nodeId } from "./harness/option-values";
import { CommandDatabase, withDatabase } from "./harness/with-database";

/** The API key commands, on the configured database; a new key is printed once and never again. */

interface CreateOptions {
  role: Role;
  partner?: string;
  name?: string;
  expires?: Date;
}

export const keysCreateCommand: CommandFactory = (context) =>
  new Command("keys:create")
    .description("creates an API key and prints it, this once")
    .addOption(new Option("--role <role>", "what the key may do").choices(roles).makeOptionMandatory())
    .option("--partner <id>", "the partner's GraphQL id (--role partner only: the key sees that partner's accounts alone)", nodeId("Partner", { uuid: false }))
    .option("--name <text>", 'what the key is for (default: "<role> key")')
    .option("--expires <date>", "when it stops working, e.g. 2027-06-30 (default: never)", futureDate)
    .action((options: CreateOptions) => {
      if ((options.role === Role.PARTNER) !== (options.partner !== undefined))
        throw new UsageError("--partner is required with --role partner, and for it only");
      return withKeys(context, async (database) => {
        const partnerId = options.partner ?? null;
        const created = await createApiKey(database.dataSource.manager, {
          name: options.name ?? `${options.role} key`,
          role: options.role,
          partnerId,
          expiresAt: options.expires ?? null,
        });
        console.log(`Created key ${created.id} (${options.role}${partnerId ? `, partner ${partnerId}` : ""}). It is shown this once:\n${created.key}`);
      });
    });

export const keysListCommand: CommandFactory = (context) =>
  new Command("keys:list").description("lists the API keys: id, prefix, role, partner, state, name").action(() =>
    withKeys(context, async (database) => {
      for (const key of await listApiKeys(database.dataSource)) {
        const state = key.revokedAt ? `revoked ${key.revokedAt.toISOString()}` : key.expiresAt ? `expires ${key.expiresAt.toISOString()}` : "no expiry";
        console.log(`${key.id}  ${key.prefix}…  ${key.role.padEnd(8)} ${key.partnerId ?? "-"}  ${state}  ${key.name}`);
      }
    }),
  );

export const keysRevokeCommand: CommandFactory = (context) =>
  new Command("keys:revoke")
    .description("revokes an API key (servers stop taking it within 10 s)")
    .requiredOption("--id <key id>", "the key's id (keys:list)")
    .action((options: { id: string }) =>
      withKeys(context, async (database) => {
        if (!(await revokeApiKey(database.dataSource.manager, options.id))) throw new UsageError(`No live key with id ${options.id}`);
        console.log(`Revoked key ${options.id}`);
      }),
    );

export const keysRotateCommand: CommandFactory = (context) =>
  new Command("keys:rotate")
    .description("revokes an API key and prints a new one of the same role and partner, this once")
    .requiredOption("--id <key id>", "the key's id (keys:list)")
    .action((options: { id: string }) =>
      withKeys(context, async (database) => {
        const replacement = await rotateApiKey(database.dataSource, options.id);
        if (!replacement) throw new UsageError(`No live key with id ${options.id}`);
        console.log(`Revoked key ${options.id}; its replacement ${replacement.id} is shown this once:\n${replacement.key}`);
      }),
    );

function withKeys(context: CommandContext, work: (database: CommandDatabase) => Promise<void>): Promise<void> {
  return withDatabase(context, { applicationName: "customer-graph-keys", poolSize: 1 }, work);
}
