import { createServer, IncomingHttpHeaders, Server } from "node:http";
import { AddressInfo } from "node:net";
import { print } from "graphql";
import { Webhook } from "standardwebhooks";
import { exitCodes } from "../../src/commands/harness/command-errors";
import { runCommandLine } from "../../src/commands/harness/command-line";
import { relayEvents } from "../../src/events/event-relay";
import { createRequestContext } from "../../src/graphql/request-context";
import { JobQueue } from "../../src/jobs/job-queue";
import { Partner } from "../../src/partners/partner.entity";
import { WebhookSettings } from "../../src/webhooks/webhook-jobs";
import { RunningWebhooks, startWebhooks } from "../../src/webhooks/webhooks";
import {
  CreateWebhookSubscriptionDocument,
  DisableWebhookSubscriptionDocument,
  OpenTicketDocument,
  RedeliverWebhookDeliveryDocument,
  RedeliverWebhookDeliveryMutation,
  WebhookDeliveriesDocument,
} from "../generated/graphql";
import { createAccount, createPartner } from "../support/factories";
import { internalCaller, startTestApp, TestApp } from "../support/test-app";
import { testDatabaseUrl } from "../support/test-database";

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A partner's endpoint on a loopback port: it records each request and answers with the next status of `answers` (then 200). */
async function startReceiver(answers: number[] = []) {
  const received: Received[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString("utf8") });
      response.statusCode = answers.shift() ?? 200;
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`,
    received,
    answers,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

type Receiver = Awaited<ReturnType<typeof startReceiver>>;

/** Waits for `check` to hold, polling (the workers poll the queue too). */
async function eventually(check: () => Promise<boolean>, timeoutMilliseconds = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMilliseconds;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Retried quickly: 1 s before the first retry, 2 s before the second (with jitter), then the dead letter. */
const settings: WebhookSettings = { retryLimit: 2, retryDelaySeconds: 1, expireSeconds: 30, timeoutMilliseconds: 5_000, workers: 2, pollingSeconds: 0.5 };

describe("webhook delivery: the outbox's events reach partners' endpoints, signed, retried, dead-lettered, redelivered", () => {
  let app: TestApp;
  let queue: JobQueue;
  let webhooks: RunningWebhooks;
  const receivers: Receiver[] = [];
  // A schema of this file's own, so that no other test file's queue takes these jobs.
  const jobsSchema = `jobs_webhooks_test_${process.pid}`;

  beforeAll(async () => {
    app = await startTestApp();
    queue = await JobQueue.start({ connectionString: testDatabaseUrl(), schema: jobsSchema, maintenanceSeconds: 60, supervise: false, poolSize: 2 }, (error) =>
      console.error(error),
    );
    webhooks = await startWebhooks({ dataSource: app.dataSource, queue, settings, log: { warn: () => undefined } });
  });
  afterAll(async () => {
    await webhooks?.close();
    await queue?.stop(5_000);
    await app?.dataSource.query(`DROP SCHEMA IF EXISTS ${jobsSchema} CASCADE`);
    await Promise.all(receivers.map((receiver) => receiver.close()));
    await app?.close();
  });

  async function receiver(answers: number[] = []): Promise<Receiver> {
    const started = await startReceiver(answers);
    receivers.push(started);
    return started;
  }

  async function subscribe(partner: Partner, url: string) {
    const input = { partnerId: partner.globalId, url, eventTypes: ["ticket.opened"] };
    const payload = (await app.execute(CreateWebhookSubscriptionDocument, { input })).data!.createWebhookSubscription!;
    return { id: payload.webhookSubscription!.id, secret: payload.signingSecret! };
  }

  /** Opens a ticket on the account and relays the outbox, as the application's relay would. */
  async function openTicketAndRelay(accountGlobalId: string): Promise<string> {
    const input = {
      accountId: accountGlobalId,
      subject: "The export fails",
      category: "INCIDENT" as const,
      severity: "HIGH" as const,
      channel: "EMAIL" as const,
    };
    const opened = await app.execute(OpenTicketDocument, { input });
    expect(opened.errors).toBeUndefined();
    // Every event not relayed yet: earlier test files leave theirs, and the relay takes the oldest first.
    while ((await relayEvents(app.dataSource, [webhooks.consumer])) > 0);
    return opened.data!.openTicket.id;
  }

  const deliveriesOf = async (subscriptionId: string) => (await app.execute(WebhookDeliveriesDocument, { subscriptionId })).data!.webhookDeliveries.nodes;

  const statusIs = (subscriptionId: string, status: string) => async () => (await deliveriesOf(subscriptionId))[0]?.status === status;

  it("when a ticket is opened on a partner's account, then that partner's endpoint gets it signed, and another partner's gets nothing", async () => {
    const [partner, stranger] = [await createPartner(app.dataSource), await createPartner(app.dataSource)];
    const [own, theirs] = [await receiver(), await receiver()];
    const subscription = await subscribe(partner, own.url);
    const strangers = await subscribe(stranger, theirs.url);
    const account = await createAccount(app.dataSource, { partnerId: partner.id });
    const ticketId = await openTicketAndRelay(account.globalId);

    await eventually(statusIs(subscription.id, "DELIVERED"));
    expect(own.received).toHaveLength(1);
    const [{ headers, body }] = own.received;
    const verified = new Webhook(subscription.secret).verify(body, headers as Record<string, string>) as { timestamp: string; data: { occurredAt: string } };
    const eventId = headers["webhook-id"];
    expect(verified).toEqual({
      type: "ticket.opened",
      timestamp: verified.data.occurredAt,
      data: {
        eventId,
        occurredAt: verified.timestamp,
        rulesVersion: null,
        accountId: account.globalId,
        subjectId: ticketId,
        before: null,
        after: { status: "OPEN", category: "INCIDENT", severity: "HIGH", channel: "EMAIL" },
      },
    });
    expect(Date.parse(verified.timestamp)).not.toBeNaN();
    expect(headers["webhook-signature"]).toMatch(/^v1,/);
    expect(() => new Webhook(strangers.secret).verify(body, headers as Record<string, string>)).toThrow();
    const [delivery] = await deliveriesOf(subscription.id);
    expect(delivery).toMatchObject({
      eventId,
      status: "DELIVERED",
      attemptCount: 1,
      lastStatusCode: 200,
      attempts: [{ attempt: 1, statusCode: 200, error: null }],
    });
    expect(theirs.received).toEqual([]);
    expect(await deliveriesOf(strangers.id)).toEqual([]);
  });

  it("when the endpoint answers 500 twice and then 200, then three attempts are recorded and the delivery is DELIVERED", async () => {
    const partner = await createPartner(app.dataSource);
    const endpoint = await receiver([500, 500]);
    const subscription = await subscribe(partner, endpoint.url);
    await openTicketAndRelay((await createAccount(app.dataSource, { partnerId: partner.id })).globalId);

    await eventually(statusIs(subscription.id, "DELIVERED"));
    const [delivery] = await deliveriesOf(subscription.id);
    expect(delivery).toMatchObject({ attemptCount: 3, lastStatusCode: 200, lastError: null });
    expect(delivery.attempts.map(({ attempt, statusCode, error }) => ({ attempt, statusCode, error }))).toEqual([
      { attempt: 1, statusCode: 500, error: "the endpoint answered 500" },
      { attempt: 2, statusCode: 500, error: "the endpoint answered 500" },
      { attempt: 3, statusCode: 200, error: null },
    ]);
    // Every attempt carries the same event id: the receiver deduplicates by it.
    expect(new Set(endpoint.received.map((request) => request.headers["webhook-id"])).size).toBe(1);
  });

  it("when every retry fails, then the delivery is FAILED (the dead letter), and redeliverWebhookDelivery delivers it again, attempts kept", async () => {
    const partner = await createPartner(app.dataSource);
    const endpoint = await receiver([500, 503, 502]);
    const subscription = await subscribe(partner, endpoint.url);
    await openTicketAndRelay((await createAccount(app.dataSource, { partnerId: partner.id })).globalId);

    await eventually(statusIs(subscription.id, "FAILED"));
    const [failed] = await deliveriesOf(subscription.id);
    expect(failed).toMatchObject({ attemptCount: 3, lastStatusCode: 502, deliveredAt: null });

    const context = { ...createRequestContext(app.dataSource, app.policies, internalCaller), webhookJobs: webhooks.jobs };
    const redelivered = await app.executeInContext<RedeliverWebhookDeliveryMutation>(
      print(RedeliverWebhookDeliveryDocument),
      { input: { deliveryId: failed.id } },
      context,
    );
    expect(redelivered.data!.redeliverWebhookDelivery).toMatchObject({
      userErrors: [],
      webhookDelivery: { id: failed.id, status: "PENDING", attemptCount: 3 },
    });

    await eventually(statusIs(subscription.id, "DELIVERED"));
    const [delivered] = await deliveriesOf(subscription.id);
    expect(delivered).toMatchObject({ attemptCount: 4, lastStatusCode: 200 });
    expect(delivered.attempts.map((attempt) => attempt.statusCode)).toEqual([500, 503, 502, 200]);
    expect(endpoint.received).toHaveLength(4);

    // The operator's command, on a DELIVERED one: sent once more, its attempts counting on.
    const commandLine = ["webhooks:redeliver", "--delivery", failed.id];
    const printed = jest.spyOn(console, "log").mockImplementation(() => undefined);
    try {
      expect(await runCommandLine(commandLine, { DATABASE_URL: testDatabaseUrl(), JOB_QUEUE_SCHEMA: jobsSchema })).toBe(exitCodes.success);
      expect(printed.mock.calls).toEqual([["Webhook deliveries back on the queue: 1"]]);
    } finally {
      printed.mockRestore();
    }
    await eventually(async () => (await deliveriesOf(subscription.id))[0].attemptCount === 5);
    expect(endpoint.received).toHaveLength(5);
  });

  it("when a subscription is disabled, then the events after it make no deliveries and its endpoint gets nothing", async () => {
    const partner = await createPartner(app.dataSource);
    const endpoint = await receiver();
    const subscription = await subscribe(partner, endpoint.url);
    await app.execute(DisableWebhookSubscriptionDocument, { input: { webhookSubscriptionId: subscription.id } });
    await openTicketAndRelay((await createAccount(app.dataSource, { partnerId: partner.id })).globalId);
    expect(await deliveriesOf(subscription.id)).toEqual([]);
    expect(endpoint.received).toEqual([]);
  });

  it("when webhooks:redeliver is given a delivery and a status together, then it refuses the command line", async () => {
    const commandLine = ["webhooks:redeliver", "--delivery", "x", "--status", "FAILED"];
    const errors = jest.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      expect(await runCommandLine(commandLine, { DATABASE_URL: testDatabaseUrl(), JOB_QUEUE_SCHEMA: jobsSchema })).toBe(exitCodes.badUsage);
      expect(errors.mock.calls.flat().join("\n")).toContain("give either --delivery <id>, or --subscription <id> with --status");
    } finally {
      errors.mockRestore();
    }
  });
});
