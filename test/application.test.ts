import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { print } from "graphql";
import { startCompiledServer, stopCompiledServer } from "./support/compiled-server";
import { Account360ListDocument, Account360ListQuery, TierDistributionDocument, TierDistributionQuery } from "./generated/graphql";
import { stringMatching } from "./support/matchers";

/**
 * `npm start` as a newcomer runs it: the compiled server (`npm test` compiles first) on an empty
 * data folder, no DATABASE_URL. PGlite runs in a child process, as in production, not in jest's VM.
 */
describe("the server on a new machine (embedded database)", () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = path.join(await mkdtemp(path.join(tmpdir(), "customer-graph-")), "pglite");
  });
  afterAll(() => rm(path.dirname(dataDir), { recursive: true, force: true }));

  const port = 40_000 + Math.floor(Math.random() * 10_000);

  const startServer = () => startCompiledServer(dataDir, port);
  const stopServer = stopCompiledServer;

  async function fetch360({ url, key }: { url: string; key: string }): Promise<Account360ListQuery> {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
      body: JSON.stringify({ query: print(Account360ListDocument), variables: { first: 50, ordersPerAccount: 10 } }),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { data: Account360ListQuery; errors?: unknown };
    expect(body.errors).toBeUndefined();
    return body.data;
  }

  async function tierDistribution({ url, key }: { url: string; key: string }): Promise<TierDistributionQuery["tierDistribution"]> {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
      body: JSON.stringify({ query: print(TierDistributionDocument) }),
    });
    return ((await response.json()) as { data: TierDistributionQuery }).data.tierDistribution;
  }

  /** The demo accounts are assessed in the background right after start: wait (boundedly) until all are. */
  async function waitForAssessments(server: { url: string; key: string }, accounts: number): Promise<TierDistributionQuery["tierDistribution"]> {
    for (let attempt = 0; attempt < 100; attempt++) {
      const shares = await tierDistribution(server);
      if (shares.reduce((sum, share) => sum + share.accounts, 0) === accounts) return shares;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error("The demo accounts were not assessed within 10 s");
  }

  it("when started on an empty data folder, then it serves seeded demo data, and keeps its data and its development key across a restart", async () => {
    const first = await startServer();
    let accountsBefore: number;
    try {
      expect(first.url).toBe(`http://127.0.0.1:${port}/graphql`);
      const view = await fetch360(first);
      accountsBefore = view.accounts.totalCount;
      expect(accountsBefore).toBe(12);
      const customers = view.accounts.edges.map((edge) => edge.node).filter((account) => account.orders.edges.length > 0);
      expect(customers.length).toBeGreaterThan(0);
      expect(customers.every((account) => account.contacts.edges.length > 0)).toBe(true);
      const shares = await waitForAssessments(first, 12);
      const anonymous = await fetch(first.url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: "{ ruleSets { version } }" }),
      });
      expect(anonymous.status).toBe(401);
      expect(((await anonymous.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe("UNAUTHENTICATED");
      const wrongKey = await fetch(first.url, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: "Bearer cgk_nope" },
        body: "{}",
      });
      expect(wrongKey.status).toBe(401);
      const huge = await fetch(first.url, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${first.key}` },
        body: JSON.stringify({ query: `{ ${"a".repeat(1_100_000)} }` }),
      });
      expect(huge.status).toBe(413);
      const batch = await fetch(first.url, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${first.key}` },
        body: JSON.stringify([{ query: "{ ruleSets { version } }" }, { query: "{ ruleSets { family } }" }]),
      });
      expect(batch.status).toBe(400);
      expect(shares.map((share) => share.tier)).toEqual(["platinum", "gold", "silver", "bronze"]);
      const ide = await fetch(first.url, { headers: { accept: "text/html" } });
      const page = await ide.text();
      expect(ide.status).toBe(200);
      expect(page).toContain("GraphiQL");
      expect(page).not.toMatch(/(src|href)="https?:/);
      for (const asset of page.match(/\/graphql\/ide\/[\w.-]+/g) ?? []) {
        const served = await fetch(new URL(asset, first.url));
        expect([asset, served.status]).toEqual([asset, 200]);
      }
      expect(page.match(/\/graphql\/ide\/[\w.-]+/g)).toHaveLength(4);
      const alive = await fetch(first.url.replace("/graphql", "/healthz"));
      expect([alive.status, await alive.json()]).toEqual([200, { status: "alive" }]);
      const ready = await fetch(first.url.replace("/graphql", "/readyz"));
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({ ready: true, checks: { database: "ok", migrations: "ok", rules: stringMatching(/^ok \(version \w+\)$/) } });
      const metrics = await (await fetch(first.metricsUrl)).text();
      expect(Number(/^customer_graph_sql_statements_total (\d+)$/m.exec(metrics)?.[1])).toBeGreaterThan(0);
      expect(metrics).toMatch(/^process_cpu_seconds_total /m);
      expect(metrics).toMatch(/^customer_graph_db_pool_connections \d+$/m);
      expect(metrics).toMatch(/^customer_graph_rule_set_info\{version="\w+"\} 1$/m);
      expect(metrics).toMatch(/^customer_graph_policy_accounts_evaluated_total 12$/m);
      expect(metrics).toMatch(/^customer_graph_graphql_request_duration_seconds_count\{operation="Account360List",outcome="ok"\} 1$/m);
      expect((await fetch(first.url.replace("/graphql", "/metrics"))).status).toBe(404);
    } finally {
      await stopServer(first.process);
    }
    const second = await startServer();
    try {
      expect((await fetch360(second)).accounts.totalCount).toBe(accountsBefore);
      expect(second.key).toBe(first.key);
      // A clean first start logs nothing at error level (pino's level 50 and above).
      expect(
        first
          .output()
          .split("\n")
          .filter((line) => /"level":(50|60)/.test(line)),
      ).toEqual([]);
    } finally {
      await stopServer(second.process);
    }
  });
});
