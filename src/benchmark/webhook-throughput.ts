import { performance } from "node:perf_hooks";
import { DataSource } from "typeorm";
import { encodeGlobalId } from "../shared/global-id";
import { appendEventsInTurn, appendTimedEvent, CommittedEvent, createFanoutCast, FanoutCast } from "./fanout-events";
import { WebhookPhaseFigures, webhookPhaseFigures } from "./webhook-figures";
import { startWebhookReceiver, WebhookReceipts, WebhookReceiver } from "./webhook-receiver";

export interface WebhookBenchSettings {
  /** Partners, each with one account and one subscription to its own endpoint. */
  partners: number;
  /** Events of the steady phase, appended at `steadyPerSecond`. */
  steadyEvents: number;
  steadyPerSecond: number;
  /** Events of the throughput phase, appended as fast as `appenders` connections commit them. */
  events: number;
  /** Connections appending at once in the throughput phase, each event alone in its transaction (one connection commits ~50 a second here). */
  appenders: number;
  /** How long, after a phase's last commit, its deliveries are waited for. */
  settleMilliseconds: number;
}

/** The server under measurement: its GraphQL endpoint (subscriptions are made there), its database (events are appended there), its CPU time. */
export interface WebhookTarget {
  graphqlUrl: string;
  dataSource: DataSource;
  readCpuSeconds(): Promise<number>;
}

export interface WebhookFigures {
  partners: number;
  eventType: string;
  /** A moderate, steady rate: the latency from commit to receipt when the path is not loaded. */
  steady: WebhookPhaseFigures;
  /** As fast as the events can be appended: events a second through the outbox to the endpoints, and the latency under that load. */
  throughput: WebhookPhaseFigures;
  /** Over both phases: receipts of a webhook-id already received (at least once), bad signatures and wrong partners (both must be 0). */
  duplicates: number;
  badSignatures: number;
  wrongPartner: number;
  unknownPath: number;
}

const eventType = "ticket.priorityChanged";

/**
 * Partners with an account each, subscribed (createWebhookSubscription, internal key) to their own path of a
 * loopback receiver; then two phases of events spread over the partners' accounts, each event alone in its
 * transaction: a steady rate, then as fast as possible. Times each from its commit to its receipt.
 */
export async function measureWebhooks(target: WebhookTarget, settings: WebhookBenchSettings, label: string): Promise<WebhookFigures> {
  const cast = await createFanoutCast(target.dataSource, settings.partners, label);
  const receiver = await startWebhookReceiver();
  try {
    await subscribePartners(target.graphqlUrl, cast, receiver);
    const steady = await measurePhase(target, receiver.receipts, settings, () =>
      appendEventsInTurn(target.dataSource, cast.partners, settings.steadyEvents, 1000 / settings.steadyPerSecond),
    );
    const throughput = await measurePhase(target, receiver.receipts, settings, () => appendAtOnce(target.dataSource, cast.partners, settings));
    const { duplicates, badSignatures, wrongPartner, unknownPath } = receiver.receipts;
    return { partners: cast.partners.length, eventType, steady, throughput, duplicates, badSignatures, wrongPartner, unknownPath };
  } finally {
    await receiver.close();
    // What is still on the queue ends FAILED at its next attempt instead of retrying for days against a closed port.
    await target.dataSource.query(`UPDATE webhook_subscriptions SET disabled_at = now() WHERE partner_id = ANY($1)`, [
      cast.partners.map((partner) => partner.partnerId),
    ]);
    await cast.revoke();
  }
}

/** Deliveries of earlier runs still on the queue: they would take the workers from the measured ones. */
export async function pendingDeliveries(dataSource: DataSource): Promise<number> {
  const [{ count }]: Array<{ count: number }> = await dataSource.query(`SELECT count(*)::int AS count FROM webhook_deliveries WHERE status = 'pending'`);
  return count;
}

async function measurePhase(
  target: WebhookTarget,
  receipts: WebhookReceipts,
  settings: WebhookBenchSettings,
  append: () => Promise<CommittedEvent[]>,
): Promise<WebhookPhaseFigures> {
  const cpuBefore = await target.readCpuSeconds();
  const events = await append();
  await awaitReceipts(receipts, events, settings.settleMilliseconds);
  return webhookPhaseFigures(events, receipts, (await target.readCpuSeconds()) - cpuBefore);
}

const createSubscription = `mutation ($input: CreateWebhookSubscriptionInput!) {
  createWebhookSubscription(input: $input) { signingSecret userErrors { field message } }
}`;

/** One subscription per partner to its own path, made through the API as an operator would; the secret goes to the receiver. */
async function subscribePartners(graphqlUrl: string, cast: FanoutCast, receiver: WebhookReceiver): Promise<void> {
  for (const [index, partner] of cast.partners.entries()) {
    const input = { partnerId: encodeGlobalId("Partner", partner.partnerId), url: receiver.urlOf(index), eventTypes: [eventType] };
    const response = await fetch(graphqlUrl, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${cast.internalKey}` },
      body: JSON.stringify({ query: createSubscription, variables: { input } }),
    });
    const answer = (await response.json()) as { data?: { createWebhookSubscription?: { signingSecret: string | null } | null }; errors?: unknown };
    const signingSecret = answer.data?.createWebhookSubscription?.signingSecret;
    if (!signingSecret) throw new Error(`createWebhookSubscription refused: ${JSON.stringify(answer).slice(0, 500)}`);
    receiver.expect(index, { signingSecret, accountGlobalId: encodeGlobalId("Account", partner.accountId) });
  }
}

/** `settings.events` events over the accounts in turn, from `settings.appenders` connections at once; in the order of their commits. */
async function appendAtOnce(
  dataSource: DataSource,
  accounts: FanoutCast["partners"],
  settings: Pick<WebhookBenchSettings, "events" | "appenders">,
): Promise<CommittedEvent[]> {
  const events: CommittedEvent[] = [];
  let next = 0;
  const appendNext = async () => {
    while (next < settings.events) events.push(await appendTimedEvent(dataSource, accounts[next++ % accounts.length]));
  };
  await Promise.all(Array.from({ length: settings.appenders }, appendNext));
  return events;
}

/** Until every event was received once, or `settleMilliseconds` after the last commit. */
async function awaitReceipts(receipts: WebhookReceipts, events: readonly CommittedEvent[], settleMilliseconds: number): Promise<void> {
  const deadline = performance.now() + settleMilliseconds;
  while (!events.every((event) => receipts.received.has(event.id)) && performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
