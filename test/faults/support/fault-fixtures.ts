import { DataSource } from "typeorm";
import { createApiKey } from "../../../src/access/api-keys";
import { Role } from "../../../src/access/roles";
import { createDataSource, migrate } from "../../../src/database/data-source";
import { runCommandLine } from "../../../src/commands/harness/command-line";
import { encodeGlobalId } from "../../../src/shared/global-id";
import { ServerProcess, startServerProcess } from "../../../src/benchmark/server-process";
import { PrivateCluster } from "./private-cluster";
import { entities } from "../../../src/entities";

export interface SeededCluster {
  dataSource: DataSource;
  apiKey: string;
  accountIds: string[];
}

/** Migrates and seeds the cluster's database (a few accounts), and makes an internal API key. */
export async function seedCluster(url: string, accounts = 40): Promise<SeededCluster> {
  const seeding = runCommandLine(["seed", "--accounts", String(accounts), "--seed", "7"], { ...process.env, DATABASE_URL: url, LOG_LEVEL: "warn" });
  if ((await seeding) !== 0) throw new Error("seeding the private cluster failed");
  const dataSource = await createDataSource({ entities, url, poolSize: 2 }).initialize();
  await migrate(dataSource);
  const { key } = await createApiKey(dataSource.manager, { name: "fault tests", role: Role.INTERNAL, partnerId: null, expiresAt: null });
  const rows: Array<{ id: string }> = await dataSource.query("SELECT id FROM accounts WHERE status = 'active' ORDER BY id LIMIT 20");
  return { dataSource, apiKey: key, accountIds: rows.map((row) => encodeGlobalId("Account", row.id)) };
}

export interface GraphQLAnswer {
  status: number;
  body?: { data?: Record<string, unknown> | null; errors?: Array<{ extensions?: { code?: string } }> };
  headers?: Headers;
}

/** One POST to the server, never waiting more than `timeoutMilliseconds`; a network failure is status 0. */
export async function post(
  url: string,
  apiKey: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
  timeoutMilliseconds = 10_000,
): Promise<GraphQLAnswer> {
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${apiKey}`, ...headers },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(timeoutMilliseconds),
    });
    return { status: response.status, body: (await response.json()) as GraphQLAnswer["body"], headers: response.headers };
  } catch {
    return { status: 0 };
  }
}

export interface FaultEnvironment {
  cluster: PrivateCluster;
  seeded: SeededCluster;
  server: ServerProcess;
}

/**
 * The usual stage of a fault test, set up before its tests and torn down after: a private cluster,
 * seeded, and one compiled server on it (with `serverEnvironment` added to its settings).
 */
export function useFaultEnvironment(serverEnvironment: Record<string, string> = {}): FaultEnvironment {
  const stage = {} as FaultEnvironment;
  beforeAll(async () => {
    stage.cluster = await PrivateCluster.start();
    stage.seeded = await seedCluster(stage.cluster.url);
    stage.server = await startServerProcess(stage.cluster.url, { environment: serverEnvironment });
  });
  afterAll(async () => {
    await stage.server?.stop();
    await stage.seeded?.dataSource.destroy().catch(() => undefined);
    await stage.cluster?.destroy();
  });
  return stage;
}
