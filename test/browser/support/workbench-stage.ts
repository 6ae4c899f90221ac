import { execFile } from "node:child_process";
import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { Client } from "pg";
import { ServerProcess, startServerProcess } from "../../../src/benchmark/server-process";

/** The local PostgreSQL (.ci/run starts it): each run makes a database of its own there and drops it after. */
const administrationUrl = process.env.WORKBENCH_TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

export interface WorkbenchStage {
  databaseUrl: string;
  /** Two server processes on the one database, each with a rules folder of its own. */
  servers: [ServerProcess, ServerProcess];
  /** Two analysts' keys: the author of a change and the reviewer who approves it. */
  author: string;
  reviewer: string;
  stop(): Promise<void>;
}

const run = promisify(execFile);

/** A command of the compiled CLI (npm run build first) on the stage's database; its standard output. */
async function cli(databaseUrl: string, ...args: string[]): Promise<string> {
  const { stdout } = await run(process.execPath, ["dist/src/commands/cli.js", ...args], {
    env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: "warn" },
  });
  return stdout;
}

async function createAnalystKey(databaseUrl: string, name: string): Promise<string> {
  const printed = await cli(databaseUrl, "keys:create", "--role", "analyst", "--name", name);
  const key = /^cgk_\S+$/m.exec(printed)?.[0];
  if (!key) throw new Error(`keys:create printed no key:\n${printed}`);
  return key;
}

async function administer(statement: string): Promise<void> {
  const client = new Client({ connectionString: administrationUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** A fresh database, seeded with a few accounts, two analysts' keys and two servers on it. */
export async function startWorkbenchStage(serverEnvironment: Record<string, string>): Promise<WorkbenchStage> {
  const database = `workbench_browser_${process.pid}_${Date.now()}`;
  await administer(`CREATE DATABASE ${database}`);
  const url = new URL(administrationUrl);
  url.pathname = `/${database}`;
  const databaseUrl = url.toString();
  const folders: string[] = [];
  const servers: ServerProcess[] = [];
  const stop = async () => {
    for (const server of servers) await server.stop();
    for (const folder of folders) await rm(folder, { recursive: true, force: true });
    await administer(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  };
  try {
    await cli(databaseUrl, "seed", "--accounts", "80", "--seed", "7");
    const author = await createAnalystKey(databaseUrl, "Ana Author");
    const reviewer = await createAnalystKey(databaseUrl, "Rui Reviewer");
    for (let index = 0; index < 2; index++) {
      const folder = await mkdtemp(path.join(tmpdir(), "customer-graph-workbench-"));
      folders.push(folder);
      await cp(path.resolve("rules"), path.join(folder, "rules"), { recursive: true });
      servers.push(await startServerProcess(databaseUrl, { environment: { RULES_DIRECTORY: path.join(folder, "rules"), ...serverEnvironment } }));
    }
    return { databaseUrl, servers: servers as [ServerProcess, ServerProcess], author, reviewer, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
