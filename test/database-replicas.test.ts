import { wholeGraphScope } from "../src/access/data-scope";
import { findAccounts } from "../src/accounts/account.service";
import { isDatabaseUnavailable } from "../src/database/database-availability";
import { createDataSource } from "../src/database/data-source";
import { TcpProxy } from "./support/tcp-proxy";
import { testDatabaseUrl } from "./support/test-database";

describe("read replicas (DATABASE_REPLICA_URLS)", () => {
  test("when a replica is given, then list reads go to it while writes go to the primary", async () => {
    const target = new URL(testDatabaseUrl());
    const replica = new TcpProxy(target.hostname, Number(target.port || 5432));
    await replica.start();
    const replicaUrl = new URL(testDatabaseUrl());
    replicaUrl.port = String(replica.port);
    const dataSource = await createDataSource({ url: testDatabaseUrl(), poolSize: 1, replicaUrls: [replicaUrl.toString()] }).initialize();
    try {
      const scope = wholeGraphScope(dataSource);
      await expect(findAccounts(scope, null, null, { first: 1 })).resolves.toMatchObject({ rows: expect.any(Array) });
      // With the replica gone, reads fail (as unavailable, so clients get 503) and writes still reach the primary.
      await replica.stop();
      const readError = await findAccounts(scope, null, null, { first: 1 }).then(() => undefined, (error: unknown) => error);
      expect(isDatabaseUnavailable(readError)).toBe(true);
      await expect(scope.transaction((manager) => manager.query("SELECT 1 AS one"))).resolves.toEqual([{ one: 1 }]);
    } finally {
      await dataSource.destroy().catch(() => undefined);
      await replica.stop();
    }
  });
});
