import { Client } from "pg";
import { post, useFaultEnvironment } from "./support/fault-fixtures";

const listAccounts = `{ accounts(first: 5) { nodes { id name } } }`;

describe("slow statements holding every connection", () => {
  const stage = useFaultEnvironment({ DATABASE_POOL_SIZE: "2", DATABASE_STATEMENT_TIMEOUT_MS: "2000" });

  test("when a lock stalls every statement and the pool runs dry, then requests get 503 within the timeouts, never hang, and succeed once it is released", async () => {
    const { cluster, seeded, server } = stage;
    const locker = new Client({ connectionString: cluster.url });
    await locker.connect();
    await locker.query("BEGIN");
    await locker.query("LOCK TABLE accounts IN ACCESS EXCLUSIVE MODE");
    const started = Date.now();
    const answers = await Promise.all(
      Array.from({ length: 10 }, async () => {
        const answer = await post(server.url, seeded.apiKey, listAccounts, {}, {}, 15_000);
        return { status: answer.status, code: answer.body?.errors?.[0]?.extensions?.code, seconds: (Date.now() - started) / 1000 };
      }),
    );
    await locker.query("ROLLBACK");
    await locker.end();
    const slowest = Math.max(...answers.map((answer) => answer.seconds));
    console.log(
      `pool exhaustion: ${answers.filter((answer) => answer.status === 503).length} of ${answers.length} requests got 503 (SERVICE_UNAVAILABLE); slowest answer after ${slowest.toFixed(2)} s`,
    );
    for (const answer of answers) expect(answer).toMatchObject({ status: 503, code: "SERVICE_UNAVAILABLE" });
    // Statement timeout 2 s, a connection waited for at most 1.5 s behind two stalled statements: well under 10 s.
    expect(slowest).toBeLessThan(10);
    const after = await post(server.url, seeded.apiKey, listAccounts);
    expect(after.status).toBe(200);
    expect(after.body?.errors).toBeUndefined();
  });

  test("when the server is told to stop while a request waits on the database, then that request still gets its answer and the process exits", async () => {
    const { cluster, seeded, server } = stage;
    const locker = new Client({ connectionString: cluster.url });
    await locker.connect();
    await locker.query("BEGIN");
    await locker.query("LOCK TABLE accounts IN ACCESS EXCLUSIVE MODE");
    const pending = post(server.url, seeded.apiKey, listAccounts, {}, {}, 15_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const stopped = server.stop();
    await new Promise((resolve) => setTimeout(resolve, 500));
    await locker.query("ROLLBACK");
    await locker.end();
    const answer = await pending;
    await stopped;
    console.log(`graceful stop: the request in flight got HTTP ${answer.status}; the process exited`);
    expect(answer.status).toBe(200);
    expect(answer.body?.errors).toBeUndefined();
  });
});
