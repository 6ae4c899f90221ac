import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { CompiledServer, startCompiledServer, stopCompiledServer } from "./support/compiled-server";
import { SplittingProxy } from "./support/splitting-proxy";

const run = promisify(execFile);

interface AnswerBody {
  data?: { account?: { id: string } | null; accounts?: { nodes?: { id: string }[]; totalCount?: number } };
  errors?: unknown[];
}

/**
 * The README invites running the command-line tools while the server runs on its embedded database:
 * they reach the server's PGlite through its loopback socket, beside the server's own connection.
 * The compiled server and tools (`npm test` builds first), as a newcomer runs them.
 */
describe("the command-line tools on the running server's embedded database", () => {
  let folder: string;
  let server: CompiledServer;
  let proxy: SplittingProxy;
  const port = 40_000 + Math.floor(Math.random() * 10_000);

  beforeAll(async () => {
    folder = await mkdtemp(path.join(tmpdir(), "customer-graph-tools-"));
    server = await startCompiledServer(path.join(folder, "pglite"), port);
    proxy = new SplittingProxy(port + 1, 50);
    await proxy.start();
  });
  afterAll(async () => {
    await proxy.stop();
    await stopCompiledServer(server.process);
    await rm(folder, { recursive: true, force: true });
  });

  async function graphql(key: string, query: string, variables: Record<string, unknown> = {}) {
    const response = await fetch(server.url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, body: (await response.json()) as AnswerBody };
  }

  /** Front-ends reading accounts by id without pause, until stopped; every answer must be the account asked for. */
  function startLoad(accountIds: string[], workers: number) {
    let stopped = false;
    let requests = 0;
    const failures: string[] = [];
    const worker = async () => {
      while (!stopped) {
        const id = accountIds[requests++ % accountIds.length];
        try {
          const { status, body } = await graphql(server.key, "query Account($id: ID!) { account(id: $id) { id name } }", { id });
          if (status !== 200 || body.errors || body.data?.account?.id !== id) failures.push(`${status} ${JSON.stringify(body).slice(0, 300)}`);
        } catch (error) {
          failures.push(String(error));
        }
      }
    };
    const running = Array.from({ length: workers }, worker);
    return {
      /** Stops (again) and tells what happened. */
      async stop() {
        stopped = true;
        await Promise.all(running);
        return { requests, failures };
      },
    };
  }

  /** A command through the tools' entry point, as `npm run <command>` runs it. */
  function tool(command: string, args: string[], environment: Record<string, string> = {}) {
    const env: NodeJS.ProcessEnv = { ...process.env, EMBEDDED_DATA_DIR: path.join(folder, "pglite"), ...environment };
    if (!environment.DATABASE_URL) delete env.DATABASE_URL;
    // A tool that waits for ever on a confused connection fails the test with what it printed.
    return run(process.execPath, ["dist/src/commands/cli.js", command, ...args], { env, timeout: 30_000 });
  }

  async function runTools() {
    // The first tool's messages reach the socket in two pieces, with the server's statements arriving in between.
    const slowSocket = `postgres://postgres@127.0.0.1:${proxy.port}/postgres`;
    const created = await tool("keys:create", ["--role", "analyst", "--name", "Tools under load"], { DATABASE_URL: slowSocket });
    const evaluated = await tool("policies:evaluate", []);
    const direct = await tool("keys:create", ["--role", "analyst", "--name", "Tools found the socket"]);
    return [created.stdout, evaluated.stdout, direct.stdout];
  }

  it("when keys:create and policies:evaluate run under concurrent requests, also with their messages arriving in pieces, then every request and every write is right", async () => {
    const accounts = await graphql(server.key, "{ accounts(first: 12) { nodes { id } } }");
    const load = startLoad(
      accounts.body.data!.accounts!.nodes!.map((account) => account.id),
      4,
    );

    const [created, evaluated, direct] = await runTools().finally(() => load.stop());
    const { requests, failures } = await load.stop();
    expect(failures).toEqual([]);
    expect(requests).toBeGreaterThan(20);
    expect(evaluated).toMatch(/^Evaluated 12 accounts \(\d+ changed\) and \d+ open tickets/m);
    for (const output of [created, direct]) {
      const key = /^(cgk_\S+)$/m.exec(output)?.[1];
      expect(key).toBeDefined();
      const asAnalyst = await graphql(key!, "{ accounts(first: 1) { totalCount } }");
      expect([asAnalyst.status, asAnalyst.body.data]).toEqual([200, { accounts: { totalCount: 12 } }]);
    }
    const { stdout: listed } = await tool("keys:list", []);
    expect(listed).toMatch(/analyst .* Tools under load$/m);
    expect(listed).toMatch(/analyst .* Tools found the socket$/m);
  }, 120_000);
});
