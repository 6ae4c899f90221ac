import { DataSource, EntityManager } from "typeorm";
import { StreamedEvent, streamedEventColumns, StreamedEventRow, streamedEventOf } from "./event-stream";

/**
 * What the relay hands each batch of new events to, in the transaction that marks them relayed: the
 * jobs a consumer adds there exist exactly when the events are marked (SLA checks, webhook deliveries).
 */
export type EventConsumer = (manager: EntityManager, events: readonly StreamedEvent[]) => Promise<void>;

/** Events relayed per transaction. */
const relayBatchSize = 500;

/**
 * Relays the outbox's events not relayed yet, oldest first, to the consumers; each event once across
 * every process (rows locked and skipped by the others, marked in the same transaction). Unlike a reader
 * that remembers the last id, it cannot pass over an event that commits after a larger id. Returns how
 * many it relayed.
 */
export async function relayEvents(dataSource: DataSource, consumers: readonly EventConsumer[]): Promise<number> {
  return dataSource.transaction(async (manager) => {
    const rows: StreamedEventRow[] = await manager.query(
      `WITH taken AS (
         SELECT id FROM domain_events WHERE relayed_at IS NULL ORDER BY id LIMIT ${relayBatchSize} FOR UPDATE SKIP LOCKED
       ), relayed AS (
         UPDATE domain_events event SET relayed_at = now() FROM taken WHERE event.id = taken.id RETURNING event.*
       )
       SELECT ${streamedEventColumns} FROM relayed event LEFT JOIN accounts account ON account.id = event.account_id ORDER BY event.id`,
    );
    const events = rows.map(streamedEventOf);
    for (const consume of consumers) await consume(manager, events);
    return events.length;
  });
}

export interface EventRelay {
  /** Relays what is new now (a notification said events were appended). */
  wake(): void;
  /** Resolves once every event appended before the call is relayed (tests, benchmarks). */
  drained(): Promise<void>;
  close(): Promise<void>;
}

export interface EventRelayOptions {
  /** How often it looks without being woken: the latest an event is relayed when a notification is missed. */
  pollMilliseconds: number;
  onError: (error: unknown) => void;
  /** After events were relayed: the workers of this process start on the jobs at once, not at their next poll. */
  onRelayed?: () => void;
}

/** Relays new events as they are appended (`wake` on each notification; a poll backs the notifications up). */
export function startEventRelay(dataSource: DataSource, consumers: readonly EventConsumer[], options: EventRelayOptions): EventRelay {
  let running: Promise<void> = Promise.resolve();
  let again = false;
  let closed = false;
  const relayAll = async () => {
    let relayed = relayBatchSize;
    while (!closed && relayed === relayBatchSize) {
      relayed = await relayEvents(dataSource, consumers);
      if (relayed > 0) options.onRelayed?.();
    }
  };
  const wake = () => {
    if (again) return;
    again = true;
    running = running.then(async () => {
      again = false;
      await relayAll().catch(options.onError);
    });
  };
  const poll = setInterval(wake, options.pollMilliseconds);
  poll.unref();
  wake();
  return {
    wake,
    async drained() {
      wake();
      await running;
    },
    async close() {
      closed = true;
      clearInterval(poll);
      await running;
    },
  };
}
