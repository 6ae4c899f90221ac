import { ClientReceipts } from "./fanout-clients";
import { CommittedEvent } from "./fanout-events";

/** Nearest-rank percentiles of a set of latencies, in milliseconds. */
export interface LatencySummary {
  samples: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export interface DeliveryFigures {
  /** Each (client, event) pair the client may see: internal clients every event, partners their own accounts'. */
  expected: number;
  delivered: number;
  /** Deliveries a second, from the first event's commit to the last receipt: the throughput of the fan-out. */
  perSecond: number;
  missed: number;
  clientsWithMisses: number;
  /** Events a partner client got about another's account: must be 0. */
  outOfScope: number;
  duplicates: number;
  clientsWithErrors: number;
  /** Error results and closed subscriptions, as the clients saw them (the first few). */
  errors: string[];
}

export interface LatencyFigures {
  /** From the commit's return to a client's receipt, over every delivered (client, event) pair. */
  all: LatencySummary;
  internalClients: LatencySummary;
  partnerClients: LatencySummary;
  /** Per event, until its last client got it: the fan-out's completion. */
  lastClientPerEvent: LatencySummary;
}

/** Staff see every event, a partner its own accounts' only. */
export const mayReceive = (client: ClientReceipts, event: CommittedEvent) =>
  client.subscriber.partnerId === null || client.subscriber.partnerId === event.partnerId;

export function summarize(values: number[]): LatencySummary {
  const sorted = Float64Array.from(values).sort();
  const rank = (share: number) => (sorted.length === 0 ? Number.NaN : sorted[Math.max(0, Math.ceil(share * sorted.length) - 1)]);
  return { samples: sorted.length, p50: rank(0.5), p95: rank(0.95), p99: rank(0.99), max: rank(1) };
}

/** The latencies gathered so far, by kind of client and per event, and the last receipt. */
interface Tally {
  internal: number[];
  partner: number[];
  lastPerEvent: Map<string, number>;
  lastReceipt: number;
}

/** What arrived of `events` at each client against what it may see, and how long it took. */
export function deliveryFigures(clients: readonly ClientReceipts[], events: readonly CommittedEvent[]): { delivery: DeliveryFigures; latency: LatencyFigures } {
  const tally: Tally = { internal: [], partner: [], lastPerEvent: new Map(), lastReceipt: Number.NEGATIVE_INFINITY };
  const delivery: DeliveryFigures = {
    expected: 0,
    delivered: 0,
    perSecond: 0,
    missed: 0,
    clientsWithMisses: 0,
    outOfScope: 0,
    duplicates: 0,
    clientsWithErrors: 0,
    errors: [],
  };
  for (const client of clients) {
    const missed = tallyClient(client, events, delivery, tally);
    delivery.missed += missed;
    if (missed > 0) delivery.clientsWithMisses++;
    delivery.duplicates += client.duplicates;
    if (client.errors.length > 0) delivery.clientsWithErrors++;
    if (delivery.errors.length < 10) delivery.errors.push(...client.errors.slice(0, 10 - delivery.errors.length));
  }
  delivery.delivered = delivery.expected - delivery.missed;
  const firstCommit = events.reduce((first, event) => Math.min(first, event.committedAt), Number.POSITIVE_INFINITY);
  delivery.perSecond = delivery.delivered === 0 ? 0 : delivery.delivered / ((tally.lastReceipt - firstCommit) / 1000);
  return {
    delivery,
    latency: {
      all: summarize([...tally.internal, ...tally.partner]),
      internalClients: summarize(tally.internal),
      partnerClients: summarize(tally.partner),
      lastClientPerEvent: summarize([...tally.lastPerEvent.values()]),
    },
  };
}

/** One client's events: counts what it may see and what it got out of scope, gathers its latencies; returns its misses. */
function tallyClient(client: ClientReceipts, events: readonly CommittedEvent[], delivery: DeliveryFigures, tally: Tally): number {
  let missed = 0;
  for (const event of events) {
    const receivedAt = client.received.get(event.id);
    if (!mayReceive(client, event)) {
      if (receivedAt !== undefined) delivery.outOfScope++;
      continue;
    }
    delivery.expected++;
    if (receivedAt === undefined) {
      missed++;
      continue;
    }
    tally.lastReceipt = Math.max(tally.lastReceipt, receivedAt);
    const latency = receivedAt - event.committedAt;
    (client.subscriber.partnerId === null ? tally.internal : tally.partner).push(latency);
    tally.lastPerEvent.set(event.id, Math.max(tally.lastPerEvent.get(event.id) ?? Number.NEGATIVE_INFINITY, latency));
  }
  return missed;
}
