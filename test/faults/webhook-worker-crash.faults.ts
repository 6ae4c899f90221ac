import { createServer, IncomingHttpHeaders, IncomingMessage, Server, ServerResponse } from "node:http";
import { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { ServerProcess, startServerProcess } from "../../src/benchmark/server-process";
import { Partner } from "../../src/partners/partner.entity";
import { createAccount, createPartner } from "../support/factories";
import { post, SeededCluster, seedCluster } from "./support/fault-fixtures";
import { PrivateCluster } from "./support/private-cluster";

const subscribe = `mutation ($input: CreateWebhookSubscriptionInput!) {
  createWebhookSubscription(input: $input) { signingSecret userErrors { code message } }
}`;
const openTicket = `mutation ($accountId: ID!, $subject: String!) {
  ticketOpen(input: { accountId: $accountId, subject: $subject, category: INCIDENT, severity: HIGH, channel: EMAIL }) { ticket { id } userErrors { code } }
}`;

/** A worker that dies holds its attempt's job until it expires (5 s here), then another process retries it within a second or two. */
const serverEnvironment = {
  WEBHOOK_EXPIRE_SECONDS: "5",
  WEBHOOK_TIMEOUT_MS: "4000",
  WEBHOOK_RETRY_DELAY_SECONDS: "1",
  WEBHOOK_POLL_SECONDS: "0.5",
  JOB_MAINTENANCE_SECONDS: "1",
};

interface Endpoint {
  url: string;
  /** Each request received: its headers and body, and whether its signature verified with the partner's secret. */
  received: Array<{ headers: IncomingHttpHeaders; body: string }>;
  /** Requests held without an answer until released (the receiver of a delivery in flight when its worker dies). */
  held: ServerResponse[];
  holdNext: number;
  close(): Promise<void>;
}

async function startEndpoint(): Promise<Endpoint> {
  const endpoint = { received: [], held: [], holdNext: 0 } as unknown as Endpoint;
  const server: Server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      endpoint.received.push({ headers: request.headers, body: Buffer.concat(chunks).toString("utf8") });
      if (endpoint.holdNext > 0) {
        endpoint.holdNext--;
        endpoint.held.push(response);
        return;
      }
      response.statusCode = 204;
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  endpoint.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  endpoint.close = () => {
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return endpoint;
}

async function until(check: () => boolean | Promise<boolean>, milliseconds: number, what: string): Promise<void> {
  const deadline = Date.now() + milliseconds;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not within ${milliseconds} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("a webhook worker killed in the middle of a delivery", () => {
  let cluster: PrivateCluster;
  let seeded: SeededCluster;
  const servers: ServerProcess[] = [];
  const endpoints: Endpoint[] = [];
  beforeAll(async () => {
    cluster = await PrivateCluster.start();
    seeded = await seedCluster(cluster.url);
    servers.push(await startServerProcess(cluster.url, { environment: serverEnvironment }));
  });
  afterAll(async () => {
    for (const server of servers) await server.stop();
    for (const endpoint of endpoints) await endpoint.close();
    await seeded?.dataSource.destroy().catch(() => undefined);
    await cluster?.destroy();
  });

  async function partnerWithEndpoint(): Promise<{ partner: Partner; accountIds: string[]; endpoint: Endpoint; secret: string }> {
    const partner = await createPartner(seeded.dataSource);
    const accounts = [await createAccount(seeded.dataSource, { partnerId: partner.id }), await createAccount(seeded.dataSource, { partnerId: partner.id })];
    const endpoint = await startEndpoint();
    endpoints.push(endpoint);
    const answer = await post(servers[0].url, seeded.apiKey, subscribe, {
      input: { partnerId: partner.globalId, url: endpoint.url, eventTypes: ["ticket.opened"] },
    });
    const secret = (answer.body?.data?.createWebhookSubscription as { signingSecret: string }).signingSecret;
    return { partner, accountIds: accounts.map((account) => account.globalId), endpoint, secret };
  }

  test("when the server is killed while an endpoint holds a delivery, then another process delivers every event to its own partner, signed, none to another", async () => {
    const [first, second] = [await partnerWithEndpoint(), await partnerWithEndpoint()];
    // The first partner's endpoint holds its first three deliveries: they are in flight when the process dies.
    first.endpoint.holdNext = 3;
    const opened: Array<{ partner: typeof first; ticketId: string }> = [];
    for (let index = 0; index < 20; index++) {
      const owner = index % 2 === 0 ? first : second;
      const answer = await post(servers[0].url, seeded.apiKey, openTicket, { accountId: owner.accountIds[index % 2], subject: `crash ${index}` });
      opened.push({ partner: owner, ticketId: (answer.body?.data?.ticketOpen as { ticket: { id: string } }).ticket.id });
    }
    await until(() => first.endpoint.held.length === 3, 30_000, "three deliveries held by the first endpoint");

    await servers[0].kill("SIGKILL");
    servers.push(await startServerProcess(cluster.url, { environment: serverEnvironment }));

    const expectedIds = async (partner: Partner) => {
      const rows: Array<{ id: string }> = await seeded.dataSource.query(
        `SELECT event.id::text AS id FROM domain_events event JOIN accounts account ON account.id = event.account_id
          WHERE event.type = 'ticket.opened' AND account.partner_id = $1 ORDER BY event.id`,
        [partner.id],
      );
      return rows.map((row) => row.id);
    };
    const [firstIds, secondIds] = [await expectedIds(first.partner), await expectedIds(second.partner)];
    expect([firstIds.length, secondIds.length]).toEqual([10, 10]);
    const receivedIds = (endpoint: Endpoint) => new Set(endpoint.received.map((request) => String(request.headers["webhook-id"])));
    await until(
      () => firstIds.every((id) => receivedIds(first.endpoint).has(id)) && secondIds.every((id) => receivedIds(second.endpoint).has(id)),
      60_000,
      "every event at its partner's endpoint",
    );

    for (const owner of [first, second]) {
      const verifier = new Webhook(owner.secret);
      for (const request of owner.endpoint.received) {
        expect(() => verifier.verify(request.body, request.headers as Record<string, string>)).not.toThrow();
      }
    }
    // Nothing of one partner at the other's endpoint; the held ones came again (at least once, deduplicated by webhook-id).
    expect([...receivedIds(first.endpoint)].sort()).toEqual([...firstIds].sort());
    expect([...receivedIds(second.endpoint)].sort()).toEqual([...secondIds].sort());
    // The endpoint answers before the worker records the attempt: the last ones are recorded a moment later.
    const statuses = () =>
      seeded.dataSource.query<Array<{ status: string; deliveries: number }>>(
        `SELECT status, count(*)::int AS deliveries FROM webhook_deliveries GROUP BY status`,
      );
    await until(async () => JSON.stringify(await statuses()) === JSON.stringify([{ status: "delivered", deliveries: 20 }]), 10_000, "20 deliveries DELIVERED");
    console.log(
      `webhook worker killed with 3 deliveries in flight: all 20 events delivered after the restart; ` +
        `${first.endpoint.received.length + second.endpoint.received.length} requests for 20 events (the held ones sent again)`,
    );
  });
});
