import { DataSource } from "typeorm";
import { PolicyRegistry } from "../policies/policy-registry";

/** How long the database may take to answer a readiness probe before it counts as unreachable. */
const probeTimeoutMilliseconds = 1_000;

export interface Readiness {
  ready: boolean;
  /** Each check: "ok", or what is wrong. */
  checks: { database: string; migrations: string; rules: string };
}

/**
 * Whether this process should receive traffic: the database answers within a second, its schema has
 * every migration this build knows, and a rule set is in service.
 */
export async function checkReadiness(dataSource: DataSource, registry: PolicyRegistry): Promise<Readiness> {
  const database = await withinTimeout(dataSource.query("SELECT 1"), probeTimeoutMilliseconds).then(
    () => "ok",
    (error: unknown) => `unreachable: ${error instanceof Error ? error.message : String(error)}`,
  );
  const migrations = database === "ok" ? await pendingMigrations(dataSource) : "unknown: the database is unreachable";
  const rules = `ok (version ${registry.current().version})`;
  return { ready: database === "ok" && migrations === "ok", checks: { database, migrations, rules } };
}

async function pendingMigrations(dataSource: DataSource): Promise<string> {
  try {
    return (await withinTimeout(dataSource.showMigrations(), probeTimeoutMilliseconds)) ? "pending: run npm run db:migrate" : "ok";
  } catch (error) {
    return `unknown: ${error instanceof Error ? error.message : String(error)}`;
  }
}

function withinTimeout<Value>(work: Promise<Value>, milliseconds: number): Promise<Value> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${milliseconds} ms`)), milliseconds);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
