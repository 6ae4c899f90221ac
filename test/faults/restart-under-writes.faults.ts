import { randomUUID } from "node:crypto";
import { post, useFaultEnvironment } from "./support/fault-fixtures";

const placeOrder = `mutation ($accountId: ID!, $product: String!) {
  placeOrder(input: { accountId: $accountId, channel: WEB, lines: [{ product: $product, quantity: 1, unitPrice: { amount: "4.00", currency: "USD" } }] }) { id }
}`;

/** Writes in the run, writers at once, and how long one write may keep retrying. */
const writes = 120;
const writers = 4;
const retryForMilliseconds = 60_000;

describe("a database restart under a steady write load", () => {
  const stage = useFaultEnvironment();

  test("when PostgreSQL restarts while clients write with idempotency keys and retry, then no acknowledged write is lost and none is doubled", async () => {
    const { cluster, seeded, server } = stage;
    const run = randomUUID().slice(0, 8);
    const acknowledged = new Set<string>();
    let retried = 0;
    let next = 0;
    let restartedAt = 0;
    let firstAcknowledgedAfterRestart = 0;
    const writeOne = async (index: number) => {
      const product = `fault-${run}-${index}`;
      const key = randomUUID();
      const started = Date.now();
      while (Date.now() - started < retryForMilliseconds) {
        const answer = await post(
          server.url,
          seeded.apiKey,
          placeOrder,
          { accountId: seeded.accountIds[index % seeded.accountIds.length], product },
          { "idempotency-key": key },
        );
        if (answer.status === 200 && !answer.body?.errors) {
          acknowledged.add(product);
          if (restartedAt && !firstAcknowledgedAfterRestart) firstAcknowledgedAfterRestart = Date.now();
          return;
        }
        retried++;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    };
    const writer = async () => {
      while (next < writes) await writeOne(next++);
    };
    const load = Promise.all(Array.from({ length: writers }, writer));
    while (next < writes / 3) await new Promise((resolve) => setTimeout(resolve, 20));
    await cluster.restart();
    restartedAt = Date.now();
    await load;

    const rows: Array<{ product: string; orders: number }> = await seeded.dataSource.query(
      `SELECT line.product, count(DISTINCT line.order_id)::int AS orders FROM order_lines line WHERE line.product LIKE $1 GROUP BY line.product`,
      [`fault-${run}-%`],
    );
    const ordersOf = new Map(rows.map((row) => [row.product, row.orders]));
    const lost = [...acknowledged].filter((product) => !ordersOf.has(product)).length;
    const duplicated = rows.filter((row) => row.orders > 1).length;
    const recoverySeconds = (firstAcknowledgedAfterRestart - restartedAt) / 1000;
    console.log(
      `restart under writes: ${acknowledged.size} of ${writes} writes acknowledged, ${lost} lost, ${duplicated} duplicated, ${retried} retries, ` +
        `first acknowledged write ${recoverySeconds.toFixed(2)} s after PostgreSQL was back`,
    );
    // The restart hit the load: some attempts were refused and retried.
    expect(retried).toBeGreaterThan(0);
    expect(acknowledged.size).toBe(writes);
    expect(lost).toBe(0);
    expect(duplicated).toBe(0);
    expect(recoverySeconds).toBeLessThan(5);
  });
});
