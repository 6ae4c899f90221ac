import { AccountByIdDocument, AccountOrdersAndAssessmentDocument, PlaceOrderWithLinesAndAssessmentDocument } from "./generated/graphql";
import { createAccount } from "./support/factories";
import { LaggingReplica, startLaggingReplica } from "./support/lagging-replica";
import { TcpProxy } from "./support/tcp-proxy";
import { startTestApp, TestApp } from "./support/test-app";
import { logger } from "../src/logging/logger";

/** How long the app passes over a replica that failed to connect. */
const replicaRetryMilliseconds = 200;

/** Cuts a replica, and gives the pool a moment to notice its idle connections went with it (as between requests). */
async function cut(proxy: TcpProxy): Promise<void> {
  await proxy.stop();
  await new Promise((resolve) => setTimeout(resolve, 100));
}

describe("read replicas (DATABASE_REPLICA_URLS)", () => {
  let replica: LaggingReplica;
  let app: TestApp;
  // The replicas this suite cuts are warned about (by position): kept here, where the test reads them, not printed.
  let warnings: jest.SpyInstance;
  beforeAll(async () => {
    warnings = jest.spyOn(logger, "warn").mockImplementation(() => undefined);
    replica = await startLaggingReplica(2);
    // The second replica is down from the start (the server starts all the same): one replica up at a
    // time (see startLaggingReplica). One connection per pool, for the same reason.
    await replica.proxies[1].stop();
    app = await startTestApp({ database: { poolSize: 1, replicaUrls: replica.urls, replicaRetryMilliseconds } });
  });
  afterAll(async () => {
    await app?.close();
    await replica?.stop();
    warnings.mockRestore();
  });

  it("when a replica lags, then queries read it, but every read of a mutation comes from the primary", async () => {
    const account = await createAccount(app.dataSource);
    // Replicated before the lag began: the replica has the account, and nothing written after it.
    await createAccount(replica.dataSource, account);

    const placed = await app.execute(PlaceOrderWithLinesAndAssessmentDocument, {
      input: { accountId: account.globalId, channel: "WEB", lines: [{ product: "Licence", quantity: 1, unitPrice: { amount: "250.00", currency: "USD" } }] },
    });
    expect(placed.errors).toBeUndefined();
    expect(placed.data!.placeOrder.lines).toEqual([{ product: "Licence" }]);
    expect(placed.data!.placeOrder.account).toMatchObject({ orders: { totalCount: 1 }, assessment: { facts: { revenue12m: 250 } } });

    const queried = await app.execute(AccountOrdersAndAssessmentDocument, { id: account.globalId });
    expect(queried.errors).toBeUndefined();
    expect(queried.data!.account).toMatchObject({ orders: { totalCount: 0 }, assessment: null });
  });

  it("when a replica is down, then staff reads go to another, or to the primary when none answers, and it gets reads again once back", async () => {
    // On the primary only: a read that finds it went to the primary.
    const account = await createAccount(app.dataSource);
    const [first, second] = replica.proxies;
    const readsFrom = async () => {
      const result = await app.execute(AccountByIdDocument, { id: account.globalId });
      expect(result.errors).toBeUndefined();
      return result.data!.account === null ? "replica" : "primary";
    };
    // The second is down since the start.
    expect([await readsFrom(), await readsFrom()]).toEqual(["replica", "replica"]);

    await cut(first);
    expect([await readsFrom(), await readsFrom()]).toEqual(["primary", "primary"]);
    expect(warnings).toHaveBeenCalledWith(expect.objectContaining({ replica: 1 }), "read replica unreachable: its reads go elsewhere");

    await second.start();
    await new Promise((resolve) => setTimeout(resolve, replicaRetryMilliseconds * 2));
    expect([await readsFrom(), await readsFrom()]).toEqual(["replica", "replica"]);
  });
});
