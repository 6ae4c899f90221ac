import { EventEmitter, on } from "node:events";
import { GraphQLError } from "graphql";
import { DataSource } from "typeorm";
import { EventStream, EventSubscription, StreamedEvent, streamedEventColumns, StreamedEventRow, streamedEventOf } from "../events/event-stream";

export interface EventFeedOptions {
  /** How often the feed reads the outbox without a notification: the latest an event arrives. */
  pollMilliseconds: number;
  /** How long an id missing below newer ones is waited for (a transaction still committing) before it is taken as never coming (rolled back). */
  gapMilliseconds: number;
  onError: (error: unknown) => void;
}

const pageSize = 500;
/**
 * Events a subscriber may leave unread (a stalled client, a slow network) before its subscription ends
 * with SUBSCRIBER_BEHIND: it resumes with `since`, and a stalled client cannot hold the process's memory.
 */
export const maximumUnreadEvents = 1_000;
/** Ids given up that are still looked for; beyond these, an event committed after its id was given up reaches replays only. */
const maximumGivenUp = 1_000;

/**
 * The outbox as a stream, one per process: woken (`wake`) by the process's NOTIFY listener on every
 * process's appends (src/application.ts), and by a poll, it
 * reads the events after the last one it passed on and hands each to the subscribers once, in id order,
 * so that a client resuming after the largest id it saw misses nothing. Ids are taken when a transaction
 * appends, so a smaller id can commit after a larger one: an id missing below read ones holds them back
 * (`gapMilliseconds`) before the feed moves past it; a given-up id that turns up later is still passed on.
 */
export class EventFeed implements EventStream {
  private readonly emitter = new EventEmitter({ captureRejections: false });
  /** Events read above the watermark, waiting for the ids below them. */
  private readonly waiting = new Map<number, StreamedEventRow>();
  /** Since when the id after the watermark has been missing while later ones wait; null when none is missing. */
  private gapSince: number | null = null;
  /** Ids the feed moved past without their event: looked for again, in case their transaction was only slow. */
  private readonly givenUp = new Set<number>();
  private reading: Promise<void> | undefined;
  private again = false;
  private timer: NodeJS.Timeout | undefined;

  private constructor(
    private readonly dataSource: DataSource,
    private readonly options: EventFeedOptions,
    /** Every event up to this id has been passed on (or given up as never coming). */
    private watermark: number,
  ) {
    this.emitter.setMaxListeners(0);
  }

  /** Starts after the newest event: subscribers get what comes next, and what `since` asks them to replay. */
  static async start(dataSource: DataSource, options: EventFeedOptions): Promise<EventFeed> {
    const [{ newest }]: Array<{ newest: string | null }> = await dataSource.query(`SELECT max(id) AS newest FROM domain_events`);
    const feed = new EventFeed(dataSource, options, Number(newest ?? 0));
    feed.timer = setInterval(() => feed.wake(), options.pollMilliseconds);
    feed.timer.unref();
    return feed;
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    this.emitter.emit("close");
    await this.reading;
  }

  /** Reads what is new now, or once more after the read in progress (a notification during it may be about rows it missed). */
  wake(): void {
    if (this.reading) {
      this.again = true;
      return;
    }
    this.reading = this.readNew()
      .catch((error: unknown) => this.options.onError(error))
      .finally(() => {
        this.reading = undefined;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }

  subscribe(subscription: EventSubscription): AsyncIterableIterator<StreamedEvent> {
    return this.events(subscription);
  }

  private async *events({ accepts, since }: EventSubscription): AsyncGenerator<StreamedEvent> {
    const stop = new AbortController();
    // Listening before the replay: what arrives meanwhile waits in the iterator's buffer.
    const live = on(this.emitter, "event", { signal: stop.signal, close: ["close"] }) as AsyncIterableIterator<[StreamedEvent]>;
    let unread = 0;
    let last = since === null ? 0 : Number(since);
    /** The resume point of a subscriber that falls behind. */
    let lastPassed = last;
    const behind = Symbol("behind");
    const countUnread = () => {
      if (++unread > maximumUnreadEvents) stop.abort(behind);
    };
    this.emitter.on("event", countUnread);
    try {
      if (since !== null) {
        for await (const event of this.replay(last)) {
          last = lastPassed = Number(event.id);
          if (accepts(event)) yield event;
        }
      }
      for await (const [event] of live) {
        unread--;
        if (Number(event.id) <= last) continue;
        lastPassed = Math.max(lastPassed, Number(event.id));
        if (accepts(event)) yield event;
      }
    } catch (error) {
      // What was read before the cut has been passed on: the client resumes after the last of it.
      throw stop.signal.reason === behind ? subscriberBehind(lastPassed) : error;
    } finally {
      this.emitter.off("event", countUnread);
      stop.abort();
    }
  }

  /** The kept events after `after`, up to what the feed has passed on, a page at a time. */
  private async *replay(after: number): AsyncGenerator<StreamedEvent> {
    let cursor = after;
    const until = this.watermark;
    while (cursor < until) {
      const rows = await this.read(cursor, until);
      if (rows.length === 0) return;
      for (const row of rows) yield streamedEventOf(row);
      cursor = Number(rows[rows.length - 1].id);
    }
  }

  private async readNew(): Promise<void> {
    if (this.givenUp.size > 0) {
      // Late, and so after events with larger ids: better than never.
      for (const row of await this.readIds([...this.givenUp])) {
        this.givenUp.delete(Number(row.id));
        this.emitter.emit("event", streamedEventOf(row));
      }
    }
    for (;;) {
      const rows = await this.read(this.watermark, null);
      for (const row of rows) this.waiting.set(Number(row.id), row);
      this.passOnInOrder();
      if (rows.length < pageSize) return;
    }
  }

  /**
   * Passes on the waiting events in id order, from the watermark up: an id missing below waiting ones (its
   * transaction still committing, or rolled back) holds the rest back for `gapMilliseconds`, then is given up.
   */
  private passOnInOrder(): void {
    const now = Date.now();
    while (this.waiting.size > 0) {
      const next = this.watermark + 1;
      const row = this.waiting.get(next);
      if (row) {
        this.waiting.delete(next);
        this.gapSince = null;
        this.watermark = next;
        this.emitter.emit("event", streamedEventOf(row));
        continue;
      }
      this.gapSince ??= now;
      if (now - this.gapSince < this.options.gapMilliseconds) return;
      this.gapSince = null;
      if (this.givenUp.size < maximumGivenUp) this.givenUp.add(next);
      this.watermark = next;
    }
  }

  private read(after: number, until: number | null): Promise<StreamedEventRow[]> {
    return this.dataSource.query(
      `SELECT ${streamedEventColumns} FROM domain_events event LEFT JOIN accounts account ON account.id = event.account_id
        WHERE event.id > $1 AND ($2::bigint IS NULL OR event.id <= $2)
        ORDER BY event.id LIMIT ${pageSize}`,
      [after, until],
    );
  }

  private readIds(ids: number[]): Promise<StreamedEventRow[]> {
    return this.dataSource.query(
      `SELECT ${streamedEventColumns} FROM domain_events event LEFT JOIN accounts account ON account.id = event.account_id WHERE event.id = ANY($1) ORDER BY event.id`,
      [ids],
    );
  }
}

/** The end of a subscriber that fell behind: the client resumes after the last event it got. */
function subscriberBehind(lastId: number): GraphQLError {
  return new GraphQLError(
    `The subscription fell more than ${maximumUnreadEvents} events behind and was ended: subscribe again with since: "${lastId}" to resume`,
    { extensions: { code: "SUBSCRIBER_BEHIND", lastEventId: String(lastId) } },
  );
}
