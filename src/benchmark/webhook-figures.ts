import { CommittedEvent } from "./fanout-events";
import { LatencySummary, summarize } from "./fanout-figures";
import { WebhookReceipts } from "./webhook-receiver";

/** One phase's events (each sent to one subscription) against what the receiver got. */
export interface WebhookPhaseFigures {
  events: number;
  /** From the first commit to the last; with the spacing, the rate the events were appended at. */
  appendedInMilliseconds: number;
  /** Events a second from the first commit to the last commit. */
  appendedPerSecond: number;
  /** Each event once at its partner's endpoint (one subscription each). */
  expected: number;
  delivered: number;
  missed: number;
  /** Deliveries a second, from the first event's commit to the last receipt: the throughput of the outbox to the endpoints. */
  deliveredPerSecond: number;
  /** From the commit's return to the endpoint's receipt, over every delivered event. */
  latencyMilliseconds: LatencySummary;
  /** Server CPU used from the first commit until the wait's end, per delivery. */
  serverCpuMillisecondsPerDelivery: number;
}

/** What arrived of `events` (each expected once), how fast and how long after its commit. */
export function webhookPhaseFigures(events: readonly CommittedEvent[], receipts: WebhookReceipts, serverCpuSeconds: number): WebhookPhaseFigures {
  const latencies: number[] = [];
  let lastReceipt = Number.NEGATIVE_INFINITY;
  for (const event of events) {
    const receivedAt = receipts.received.get(event.id);
    if (receivedAt === undefined) continue;
    latencies.push(receivedAt - event.committedAt);
    lastReceipt = Math.max(lastReceipt, receivedAt);
  }
  const firstCommit = events[0]?.committedAt ?? 0;
  const appendedInMilliseconds = (events.at(-1)?.committedAt ?? 0) - firstCommit;
  const delivered = latencies.length;
  return {
    events: events.length,
    appendedInMilliseconds,
    appendedPerSecond: events.length / Math.max(appendedInMilliseconds / 1000, 0.001),
    expected: events.length,
    delivered,
    missed: events.length - delivered,
    deliveredPerSecond: delivered === 0 ? 0 : delivered / ((lastReceipt - firstCommit) / 1000),
    latencyMilliseconds: summarize(latencies),
    serverCpuMillisecondsPerDelivery: (serverCpuSeconds * 1000) / Math.max(1, delivered),
  };
}
