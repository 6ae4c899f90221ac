import { DataSource } from "typeorm";
import { createDataSource, migrate } from "../../src/database/data-source";
import { startEmbeddedDatabaseProcess } from "./embedded-database-process";
import { TcpProxy } from "./tcp-proxy";
import { entities } from "../../src/entities";

export interface LaggingReplica {
  /** The replica's own data source, to put there what "was replicated before the lag began". */
  dataSource: DataSource;
  /** One proxy per replica URL, each of which a test can cut (`stop`) and bring back (`start`). */
  proxies: TcpProxy[];
  urls: string[];
  stop(): Promise<void>;
}

/**
 * A replica that lags for ever: a migrated database of its own (PGlite, in a child process) that
 * receives no writes, so what a read returns shows where it went. Reached through `urlCount` proxies,
 * as that many replica URLs; PGlite mixes up statements sent on several connections at once, so
 * keep one of them up at a time.
 */
export async function startLaggingReplica(urlCount: number): Promise<LaggingReplica> {
  const database = await startEmbeddedDatabaseProcess();
  const databaseUrl = database.url;
  const dataSource = await createDataSource({ entities, url: databaseUrl, poolSize: 1 }).initialize();
  await migrate(dataSource);
  const target = new URL(databaseUrl);
  const proxies = Array.from({ length: urlCount }, () => new TcpProxy(target.hostname, Number(target.port)));
  for (const proxy of proxies) await proxy.start();
  return {
    dataSource,
    proxies,
    urls: proxies.map((proxy) => Object.assign(new URL(databaseUrl), { port: String(proxy.port) }).toString()),
    async stop() {
      for (const proxy of proxies) await proxy.stop();
      await dataSource.destroy();
      await database.stop();
    },
  };
}
