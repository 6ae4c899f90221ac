import { once } from "node:events";
import { Client } from "pg";
import { EmbeddedDatabaseProcess, startEmbeddedDatabaseProcess } from "./support/embedded-database-process";
import { SplittingProxy } from "./support/splitting-proxy";

/**
 * The embedded database's socket serves one PGlite session to the server and the command-line tools
 * at once. A client's messages may reach it in pieces (TCP promises no boundaries), and another
 * connection's statements must not run in between. (The compiled database: `npm test` builds first.)
 */
describe("the embedded database's socket, shared by several connections", () => {
  let embedded: EmbeddedDatabaseProcess;
  let proxy: SplittingProxy;
  const clients: Client[] = [];

  beforeAll(async () => {
    embedded = await startEmbeddedDatabaseProcess();
    proxy = new SplittingProxy(Number(new URL(embedded.url).port), 200);
    await proxy.start();
    await query(embedded.url, "CREATE TABLE notes (text text NOT NULL)");
  });
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.end().catch(() => undefined)));
    await proxy.stop();
    await embedded.stop();
  });

  async function connect(url: string): Promise<Client> {
    const client = new Client({ connectionString: url });
    client.on("error", () => undefined);
    clients.push(client);
    await client.connect();
    return client;
  }

  async function query(url: string, text: string): Promise<unknown[]> {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query<Record<string, unknown>>(text)).rows;
    } finally {
      await client.end();
    }
  }

  const throughProxy = () => embedded.url.replace(/:\d+\//, `:${proxy.port}/`);

  it("when a connection's statement arrives in two pieces and another connection runs one in between, then each runs with its own text and parameters", async () => {
    const slow = await connect(throughProxy());
    const fast = await connect(embedded.url);
    const parsed = once(proxy, "split");
    const slowResult = slow.query("SELECT $1::text AS value", ["slow"]);
    await parsed;
    const fastResult = fast.query("SELECT $1::text || ' and fast' AS value", ["fast"]);
    expect((await slowResult).rows).toEqual([{ value: "slow" }]);
    expect((await fastResult).rows).toEqual([{ value: "fast and fast" }]);
  });

  it("when a connection goes away in the middle of a statement or a transaction, then what it began is undone and the others go on", async () => {
    const leaving = await connect(throughProxy());
    await leaving.query("BEGIN");
    await leaving.query("INSERT INTO notes (text) VALUES ($1)", ["in a transaction"]);
    const parsed = once(proxy, "split");
    void leaving.query("INSERT INTO notes (text) VALUES ($1)", ["half sent"]).catch(() => undefined);
    await parsed;
    proxy.cutConnections();
    expect(await query(embedded.url, "SELECT count(*)::int AS notes FROM notes")).toEqual([{ notes: 0 }]);

    const unfinished = await connect(throughProxy());
    const unfinishedParsed = once(proxy, "split");
    void unfinished.query("INSERT INTO notes (text) VALUES ($1)", ["half sent"]).catch(() => undefined);
    await unfinishedParsed;
    proxy.cutConnections();
    expect(await query(embedded.url, "SELECT count(*)::int AS notes FROM notes")).toEqual([{ notes: 0 }]);
  });
});
