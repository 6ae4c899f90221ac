import { performance } from "node:perf_hooks";
import { DataSource } from "typeorm";
import { ClientReceipts, connectClients, ConnectedClients, FanoutSubscriber } from "./fanout-clients";
import { appendPacedEvents, appendTimedEvent, CommittedEvent, createFanoutCast, FanoutCast } from "./fanout-events";
import { DeliveryFigures, deliveryFigures, LatencyFigures, LatencySummary, mayReceive, summarize } from "./fanout-figures";
import { ServerResources } from "./server-process";

export interface FanoutSettings {
  clients: number;
  /** Share of the clients subscribed with partner keys, each seeing its own account's events only. */
  partnerShare: number;
  /** Partners the partner clients are spread over, one account each. */
  partners: number;
  events: number;
  spacingMilliseconds: number;
  /** Handshakes in flight at once while connecting. */
  connectConcurrency: number;
  /** How long, after the last event's commit, the clients are waited for. */
  settleMilliseconds: number;
}

/** The server under measurement: its WebSocket, its database (events are appended there), its memory and CPU time. */
export interface FanoutTarget {
  webSocketUrl: string;
  dataSource: DataSource;
  readResources(): Promise<ServerResources>;
}

export interface FanoutFigures {
  clients: { internal: number; partner: number; partners: number };
  server: {
    beforeConnecting: ServerResources;
    subscribed: ServerResources;
    delivered: ServerResources;
    /** (subscribed - before connecting) / clients. */
    perClientKilobytes: { resident: number; heapUsed: number };
    /** Server CPU from the first socket to the last subscription live, per client. */
    cpuMillisecondsPerClientConnected: number;
    /** Server CPU from the first event to the last receipt (or the wait's end), per delivery. */
    cpuMillisecondsPerDelivery: number;
  };
  connection: {
    /** From the first socket opened to the last connection acknowledged. */
    allAcknowledgedMilliseconds: number;
    /** Each socket, opened to acknowledged (with the others' handshakes in flight). */
    perClient: LatencySummary;
    /** Until every client had received a probe event: every subscription live on the server. */
    allSubscribedMilliseconds: number;
    probeRounds: number;
  };
  events: { count: number; appendedInMilliseconds: number };
  /** CPU the bench process itself (every client, and the appends) used while the events were delivered. */
  clientProcessCpuSeconds: number;
  delivery: DeliveryFigures;
  latencyMilliseconds: LatencyFigures;
}

/** What the phases of a run left: the server's resources between them, the clients, the events. */
interface Phases {
  subscribers: FanoutSubscriber[];
  partners: number;
  resources: { beforeConnecting: ServerResources; subscribed: ServerResources; delivered: ServerResources };
  connected: ConnectedClients;
  allSubscribedMilliseconds: number;
  probeRounds: number;
  events: CommittedEvent[];
  appendedInMilliseconds: number;
  clientProcessCpuSeconds: number;
}

/**
 * Connects the clients and subscribes each to the support queue, probes until every subscription is live,
 * then appends the events at a steady pace and times each one from its commit to each client's receipt.
 * Reads the server's memory and CPU time before connecting, once subscribed, and after delivering.
 */
export async function measureFanout(target: FanoutTarget, settings: FanoutSettings, label: string): Promise<FanoutFigures> {
  const cast = await createFanoutCast(target.dataSource, settings.partnerShare > 0 ? settings.partners : 0, label);
  try {
    const subscribers = planSubscribers(cast, settings);
    const beforeConnecting = await target.readResources();
    const started = performance.now();
    const connected = await connectClients(target.webSocketUrl, subscribers, settings.connectConcurrency);
    try {
      const probeRounds = await probeUntilSubscribed(target.dataSource, cast, connected.clients);
      const allSubscribedMilliseconds = performance.now() - started;
      const subscribed = await target.readResources();
      for (const client of connected.clients) client.received.clear();
      const [appending, cpuBefore] = [performance.now(), process.cpuUsage()];
      const events = await appendPacedEvents(target.dataSource, cast, settings.events, settings.spacingMilliseconds);
      const appendedInMilliseconds = performance.now() - appending;
      await awaitDelivery(connected.clients, events, settings.settleMilliseconds);
      const cpu = process.cpuUsage(cpuBefore);
      const delivered = await target.readResources();
      return fanoutFigures({
        subscribers,
        partners: cast.partners.length,
        resources: { beforeConnecting, subscribed, delivered },
        connected,
        allSubscribedMilliseconds,
        probeRounds,
        events,
        appendedInMilliseconds,
        clientProcessCpuSeconds: (cpu.user + cpu.system) / 1e6,
      });
    } finally {
      await connected.close();
    }
  } finally {
    await cast.revoke();
  }
}

function fanoutFigures(phases: Phases): FanoutFigures {
  const { subscribers, resources, connected, events } = phases;
  const { beforeConnecting, subscribed, delivered } = resources;
  const { delivery, latency } = deliveryFigures(connected.clients, events);
  const partnerClients = subscribers.filter((subscriber) => subscriber.partnerId !== null).length;
  const perClient = (bytes: number) => bytes / 1024 / subscribers.length;
  return {
    clients: { internal: subscribers.length - partnerClients, partner: partnerClients, partners: phases.partners },
    server: {
      ...resources,
      perClientKilobytes: {
        resident: perClient(subscribed.residentBytes - beforeConnecting.residentBytes),
        heapUsed: perClient(subscribed.heapUsedBytes - beforeConnecting.heapUsedBytes),
      },
      cpuMillisecondsPerClientConnected: ((subscribed.cpuSeconds - beforeConnecting.cpuSeconds) * 1000) / subscribers.length,
      cpuMillisecondsPerDelivery: ((delivered.cpuSeconds - subscribed.cpuSeconds) * 1000) / Math.max(1, delivery.delivered),
    },
    connection: {
      allAcknowledgedMilliseconds: connected.connectAllMilliseconds,
      perClient: summarize(connected.clients.map((client) => client.connectMilliseconds)),
      allSubscribedMilliseconds: phases.allSubscribedMilliseconds,
      probeRounds: phases.probeRounds,
    },
    events: { count: events.length, appendedInMilliseconds: phases.appendedInMilliseconds },
    clientProcessCpuSeconds: phases.clientProcessCpuSeconds,
    delivery,
    latencyMilliseconds: latency,
  };
}

/** The internal clients, then the partner clients, dealt to the partners in turn. */
export function planSubscribers(cast: FanoutCast, settings: Pick<FanoutSettings, "clients" | "partnerShare">): FanoutSubscriber[] {
  const partnerClients = cast.partners.length === 0 ? 0 : Math.round(settings.clients * settings.partnerShare);
  const internal = Array.from({ length: settings.clients - partnerClients }, () => ({ key: cast.internalKey, partnerId: null }));
  const partners = Array.from({ length: partnerClients }, (_, index) => {
    const partner = cast.partners[index % cast.partners.length];
    return { key: partner.key, partnerId: partner.partnerId };
  });
  return [...internal, ...partners];
}

const probeRoundMilliseconds = 2_000;
const maximumProbeRounds = 30;

/**
 * graphql-ws acknowledges a connection, not a subscription: an event about every account, in rounds,
 * until each client has received one, shows that every subscription is live. Returns the rounds it took.
 */
async function probeUntilSubscribed(dataSource: DataSource, cast: FanoutCast, clients: readonly ClientReceipts[]): Promise<number> {
  const accounts = [{ accountId: cast.directAccountId, partnerId: null }, ...cast.partners];
  for (let round = 1; round <= maximumProbeRounds; round++) {
    for (const account of accounts) await appendTimedEvent(dataSource, account);
    const deadline = performance.now() + probeRoundMilliseconds;
    while (performance.now() < deadline) {
      if (clients.every((client) => client.received.size > 0)) return round;
      await pause(50);
    }
  }
  const waiting = clients.filter((client) => client.received.size === 0).length;
  throw new Error(`${waiting} of ${clients.length} clients received no event in ${maximumProbeRounds} probe rounds: their subscriptions are not live`);
}

/** Until every client has every event it may see, or `settleMilliseconds` have passed. */
async function awaitDelivery(clients: readonly ClientReceipts[], events: readonly CommittedEvent[], settleMilliseconds: number): Promise<void> {
  const deadline = performance.now() + settleMilliseconds;
  const complete = () => clients.every((client) => events.every((event) => client.received.has(event.id) || !mayReceive(client, event)));
  while (!complete() && performance.now() < deadline) await pause(250);
}

const pause = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));
