import { Pool, PoolConfig } from "pg";
import { DataSource } from "typeorm";
import { PostgresDriver } from "typeorm/driver/postgres/PostgresDriver";
import { logger } from "../logging/logger";

/** How long a replica that failed to connect is passed over before a read tries it again. */
export const defaultReplicaRetryMilliseconds = 10_000;

interface Replica {
  /** Its place in DATABASE_REPLICA_URLS, from 1: logs name it so, never by its URL (which may hold a password). */
  position: number;
  pool: Pool;
  awayUntil: number;
}

/**
 * Gives TypeORM's replication (a query builder's reads outside transactions) replicas that may be down.
 * TypeORM's own would connect every replica at start (one down stops the boot) and send each read to one
 * picked at random (one down fails the read: 503 while the primary is fine). Here each replica's pool
 * connects on demand, the replicas take reads in turn, one that fails to connect (refused, timed out) is
 * passed over for `retryMilliseconds`, and with none left the primary serves the read. The driver's
 * `obtainSlaveConnection` is where TypeORM asks for a replica connection: its one hook for this.
 */
export function routeReadsToReplicas(dataSource: DataSource, urls: readonly string[], poolOptions: PoolConfig, retryMilliseconds: number): void {
  const driver = dataSource.driver as PostgresDriver;
  const replicas: Replica[] = urls.map((url, index) => ({ position: index + 1, pool: replicaPool(url, index + 1, poolOptions), awayUntil: 0 }));
  let turn = 0;
  driver.obtainSlaveConnection = async () => {
    // Each read starts one further along, and tries every replica from there.
    const first = turn++;
    for (let offset = 0; offset < replicas.length; offset++) {
      const replica = replicas[(first + offset) % replicas.length];
      if (replica.awayUntil > Date.now()) continue;
      try {
        const client = await replica.pool.connect();
        return [client, (error?: Error | boolean) => client.release(error)];
      } catch (error) {
        replica.awayUntil = Date.now() + retryMilliseconds;
        logger.warn({ replica: replica.position, error: (error as Error).message, retryMilliseconds }, "read replica unreachable: its reads go elsewhere");
      }
    }
    return driver.obtainMasterConnection();
  };
  const disconnect = driver.disconnect.bind(driver);
  driver.disconnect = async () => {
    await disconnect();
    await Promise.all(replicas.map((replica) => replica.pool.end()));
  };
}

function replicaPool(url: string, position: number, poolOptions: PoolConfig): Pool {
  const pool = new Pool({ ...poolOptions, connectionString: url });
  // An idle connection the replica dropped (a restart): without a listener, the process would crash.
  pool.on("error", (error) => logger.warn({ replica: position, error: error.message }, "read replica connection lost"));
  return pool;
}
