import { DataSource } from "typeorm";
import { logger } from "../logging/logger";
import { PolicyRegistry } from "../policies/policy-registry";

/** How long the database may take to answer a readiness probe before it counts as unreachable. */
const probeTimeoutMilliseconds = 1_000;

export interface Readiness {
  ready: boolean;
  /** Each check: "ok", or what is wrong in general words (the probe needs no key: no driver message, host or port). */
  checks: { database: string; migrations: string; rules: string };
}

/** Where a failed check's detail goes: the log, not the unauthenticated answer. */
export type ReadinessProblemLog = (check: "database" | "migrations", error: unknown) => void;

const logToServerLog: ReadinessProblemLog = (check, error) => logger.warn({ err: error, check }, `readiness: the ${check} check failed`);

/**
 * Whether this process should receive traffic: the database answers within a second, its schema has
 * every migration this build knows, and a rule set is in service.
 */
export async function checkReadiness(dataSource: DataSource, registry: PolicyRegistry, logProblem: ReadinessProblemLog = logToServerLog): Promise<Readiness> {
  const database = await withinTimeout(dataSource.query("SELECT 1"), probeTimeoutMilliseconds).then(
    () => "ok",
    (error: unknown) => {
      logProblem("database", error);
      return "unreachable";
    },
  );
  const migrations = database === "ok" ? await pendingMigrations(dataSource, logProblem) : "unknown: the database is unreachable";
  const rules = `ok (version ${registry.current().version})`;
  return { ready: database === "ok" && migrations === "ok", checks: { database, migrations, rules } };
}

async function pendingMigrations(dataSource: DataSource, logProblem: ReadinessProblemLog): Promise<string> {
  try {
    return (await withinTimeout(dataSource.showMigrations(), probeTimeoutMilliseconds)) ? "pending: run npm run db:migrate" : "ok";
  } catch (error) {
    logProblem("migrations", error);
    return "unknown: the migrations could not be read";
  }
}

function withinTimeout<Value>(work: Promise<Value>, milliseconds: number): Promise<Value> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${milliseconds} ms`)), milliseconds);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
