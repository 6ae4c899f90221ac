import "reflect-metadata";
import { parseArgs } from "node:util";
import { loadConfig } from "../config";
import { openDatabase } from "../database/open-database";
import { decodeGlobalId } from "../shared/global-id";
import { createApiKey, listApiKeys, revokeApiKey, rotateApiKey } from "./api-keys";
import { Role, roles } from "./roles";

const usage = `Usage:
  npm run keys:create -- --role internal|analyst|partner [--partner <partner id>] [--name <text>] [--expires <date>]
  npm run keys:list
  npm run keys:revoke -- --id <key id>
  npm run keys:rotate -- --id <key id>`;

class UsageError extends Error {}

/** Creates, lists, revokes and rotates API keys on the configured database; a new key is printed once. */
async function main(action: string | undefined, argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { role: { type: "string" }, partner: { type: "string" }, name: { type: "string" }, expires: { type: "string" }, id: { type: "string" } },
  });
  const database = await openDatabase(loadConfig(), { applicationName: "customer-graph-keys", poolSize: 1 });
  try {
    const dataSource = database.dataSource;
    switch (action) {
      case "create": {
        const role = parseRole(values.role);
        const partnerId = role === Role.PARTNER ? decodeGlobalId(required(values.partner, "--partner"), "Partner", "--partner") : null;
        if (role !== Role.PARTNER && values.partner) throw new UsageError("--partner is for --role partner only");
        const expiresAt = values.expires ? parseDate(values.expires) : null;
        const created = await createApiKey(dataSource.manager, { name: values.name ?? `${role} key`, role, partnerId, expiresAt });
        console.log(`Created key ${created.id} (${role}${partnerId ? `, partner ${values.partner}` : ""}). It is shown this once:\n${created.key}`);
        return 0;
      }
      case "list":
        for (const key of await listApiKeys(dataSource)) {
          const state = key.revokedAt ? `revoked ${key.revokedAt.toISOString()}` : key.expiresAt ? `expires ${key.expiresAt.toISOString()}` : "no expiry";
          console.log(`${key.id}  ${key.prefix}…  ${key.role.padEnd(8)} ${key.partnerId ?? "-"}  ${state}  ${key.name}`);
        }
        return 0;
      case "revoke":
        if (!(await revokeApiKey(dataSource.manager, required(values.id, "--id")))) throw new UsageError(`No live key with id ${values.id}`);
        console.log(`Revoked key ${values.id}`);
        return 0;
      case "rotate": {
        const replacement = await rotateApiKey(dataSource, required(values.id, "--id"));
        if (!replacement) throw new UsageError(`No live key with id ${values.id}`);
        console.log(`Revoked key ${values.id}; its replacement ${replacement.id} is shown this once:\n${replacement.key}`);
        return 0;
      }
      default:
        throw new UsageError(`Unknown action "${action ?? ""}"`);
    }
  } finally {
    await database.close();
  }
}

function parseRole(value: string | undefined): Role {
  if (!roles.includes(value as Role)) throw new UsageError(`--role must be one of: ${roles.join(", ")}`);
  return value as Role;
}

function parseDate(value: string): Date {
  const date = new Date(value);
  if (Number.isNaN(date.getTime()) || date.getTime() <= Date.now()) throw new UsageError(`--expires must be a date in the future, got "${value}"`);
  return date;
}

function required(value: string | undefined, flag: string): string {
  if (!value) throw new UsageError(`${flag} is required`);
  return value;
}

main(process.argv[2], process.argv.slice(3)).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(error instanceof UsageError ? `${error.message}\n\n${usage}` : error instanceof Error ? error.message : error);
    process.exitCode = error instanceof UsageError ? 2 : 1;
  },
);
