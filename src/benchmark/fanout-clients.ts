import { performance } from "node:perf_hooks";
import { Client, createClient } from "graphql-ws";
import WebSocket from "ws";

/** One subscriber of the fan-out: the API key it connects with and the partner it is scoped to (null: staff). */
export interface FanoutSubscriber {
  key: string;
  partnerId: string | null;
}

/** What one connected client saw: its events' receipt times (performance.now(), by event id) and what went wrong. */
export interface ClientReceipts {
  subscriber: FanoutSubscriber;
  /** When the connection was acknowledged, after it was opened (ms). */
  connectMilliseconds: number;
  received: Map<string, number>;
  duplicates: number;
  errors: string[];
}

export interface ConnectedClients {
  clients: ClientReceipts[];
  /** From the first socket opened to the last connection acknowledged. */
  connectAllMilliseconds: number;
  close(): Promise<void>;
}

/** The subscription every client holds: the support queue, with fields that need no read per event. */
export const fanoutSubscription = "subscription { supportQueueChanged { id type occurredAt } }";

/**
 * Opens one graphql-ws client per subscriber, at most `concurrency` handshakes at a time (a burst of
 * thousands would overflow the server's listen backlog and time the kernel's SYN retries, not the server),
 * and subscribes each to the support queue once it is acknowledged. Receipt handling only notes the time:
 * the clients share the machine with the server.
 */
export async function connectClients(webSocketUrl: string, subscribers: readonly FanoutSubscriber[], concurrency: number): Promise<ConnectedClients> {
  const sockets: Client[] = [];
  const clients: ClientReceipts[] = [];
  const started = performance.now();
  let next = 0;
  const openNext = async (): Promise<void> => {
    while (next < subscribers.length) {
      const subscriber = subscribers[next++];
      const { client, receipts } = await connectOne(webSocketUrl, subscriber);
      sockets.push(client);
      clients.push(receipts);
    }
  };
  const opening = Promise.all(Array.from({ length: Math.min(concurrency, subscribers.length) }, openNext));
  const close = async () => {
    await Promise.all(sockets.map((client) => Promise.resolve(client.dispose())));
  };
  try {
    await opening;
  } catch (error) {
    await close();
    throw error;
  }
  return { clients, connectAllMilliseconds: performance.now() - started, close };
}

async function connectOne(url: string, subscriber: FanoutSubscriber): Promise<{ client: Client; receipts: ClientReceipts }> {
  const opened = performance.now();
  let acknowledged!: () => void;
  let refused!: (reason: unknown) => void;
  const connected = new Promise<void>((resolve, reject) => {
    acknowledged = resolve;
    refused = reject;
  });
  const client = createClient({
    url,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${subscriber.key}` },
    lazy: false,
    retryAttempts: 0,
    on: { connected: () => acknowledged(), closed: (event) => refused(new Error(`a client's socket closed before it was acknowledged: ${describe(event)}`)) },
  });
  try {
    await connected;
  } catch (error) {
    await client.dispose();
    throw error;
  }
  const receipts: ClientReceipts = { subscriber, connectMilliseconds: performance.now() - opened, received: new Map(), duplicates: 0, errors: [] };
  client.subscribe<{ supportQueueChanged: { id: string } }>(
    { query: fanoutSubscription },
    {
      next: (result) => {
        const at = performance.now();
        const id = result.data?.supportQueueChanged.id;
        if (id === undefined) receipts.errors.push(JSON.stringify(result.errors ?? result).slice(0, 300));
        else if (receipts.received.has(id)) receipts.duplicates++;
        else receipts.received.set(id, at);
      },
      error: (error) => receipts.errors.push(describe(error)),
      complete: () => undefined,
    },
  );
  return { client, receipts };
}

function describe(value: unknown): string {
  if (value instanceof Error) return value.message;
  const event = value as { code?: number; reason?: string } | undefined;
  if (event && typeof event.code === "number") return `close ${event.code} ${event.reason ?? ""}`.trim();
  return String(value).slice(0, 300);
}
