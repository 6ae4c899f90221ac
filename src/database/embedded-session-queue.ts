import type { PGlite } from "@electric-sql/pglite";

/** What a connection handler of @electric-sql/pglite-socket asks of its queue (the public methods of its QueryQueueManager). */
export interface ProtocolMessageQueue {
  enqueue(connectionId: number, message: Uint8Array, onData: (data: Uint8Array) => void): Promise<number>;
  clearQueueForHandler(connectionId: number): void;
  clearTransactionIfNeeded(connectionId: number): Promise<void>;
}

interface Turn {
  connectionId: number;
  /** Runs on the session; true when it leaves the session between exchanges, free for another connection. */
  run(): Promise<boolean>;
  finish(error?: unknown): void;
}

const sync = Uint8Array.of(0x53, 0, 0, 0, 4);
const rollback = simpleQuery("ROLLBACK");
const readyForQueryIdle = [0x5a, 0, 0, 0, 5, 0x49];

/**
 * PGlite has one session, shared by every socket connection. pglite-socket's own queue hands it to
 * another connection after any message outside a transaction, so that another connection's Parse
 * could replace the unnamed statement between a Parse and its Bind, and a statement ran with another
 * connection's parameters (electric-sql/pglite#1046). This queue hands the session to one connection
 * from its first message until PostgreSQL answers its Sync or simple query with ReadyForQuery "idle":
 * a whole exchange, or a whole transaction, as a PostgreSQL backend of its own would see it.
 */
export class EmbeddedSessionQueue implements ProtocolMessageQueue {
  readonly #database: PGlite;
  #waiting: Turn[] = [];
  /** The connection in the middle of an exchange or a transaction: only its messages run. */
  #holder: number | undefined;
  #running: number | undefined;
  #serving = false;

  constructor(database: PGlite) {
    this.#database = database;
  }

  enqueue(connectionId: number, message: Uint8Array, onData: (data: Uint8Array) => void): Promise<number> {
    return new Promise((resolve, reject) => {
      let answeredBytes = 0;
      this.#take({
        connectionId,
        run: () =>
          this.#execute(message, (data) => {
            answeredBytes += data.length;
            onData(data);
          }),
        // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- passes on what PGlite threw, as it threw it
        finish: (error) => (error === undefined ? resolve(answeredBytes) : reject(error)),
      });
    });
  }

  clearQueueForHandler(connectionId: number): void {
    const leaving = this.#waiting.filter((turn) => turn.connectionId === connectionId);
    this.#waiting = this.#waiting.filter((turn) => turn.connectionId !== connectionId);
    for (const turn of leaving) turn.finish(new Error("The connection closed"));
  }

  /** A connection that goes away in the middle of an exchange or a transaction: end it, as PostgreSQL does. */
  clearTransactionIfNeeded(connectionId: number): Promise<void> {
    if (this.#holder !== connectionId && this.#running !== connectionId) return Promise.resolve();
    return new Promise((resolve) => {
      this.#take({
        connectionId,
        run: async () => {
          // Nothing more can be done for a connection that is gone, and the session must not stay held for it.
          if (this.#holder === connectionId) await this.#abandonSession().catch(() => undefined);
          return true;
        },
        finish: () => resolve(),
      });
    });
  }

  #take(turn: Turn): void {
    this.#waiting.push(turn);
    void this.#serve();
  }

  async #serve(): Promise<void> {
    if (this.#serving) return;
    this.#serving = true;
    try {
      for (let turn = this.#nextTurn(); turn; turn = this.#nextTurn()) {
        this.#running = turn.connectionId;
        try {
          const free = await this.#database.runExclusive(() => turn.run());
          this.#holder = free ? undefined : turn.connectionId;
          turn.finish();
        } catch (error) {
          // PGlite failed outside PostgreSQL's error handling: the handler closes the connection, whose clean-up ends what it began.
          this.#holder = turn.connectionId;
          turn.finish(error);
        }
      }
    } finally {
      this.#running = undefined;
      this.#serving = false;
    }
  }

  /** The holder's next message; the longest waiting one when nobody holds the session; none while the holder's is on its way. */
  #nextTurn(): Turn | undefined {
    const index = this.#holder === undefined ? 0 : this.#waiting.findIndex((turn) => turn.connectionId === this.#holder);
    return index < 0 ? undefined : this.#waiting.splice(index, 1)[0];
  }

  async #execute(message: Uint8Array, onData: (data: Uint8Array) => void): Promise<boolean> {
    let tail: Uint8Array = new Uint8Array(0);
    await this.#database.execProtocolRawStream(message, {
      onRawData: (data) => {
        tail = lastBytes(tail, data, readyForQueryIdle.length);
        onData(data);
      },
    });
    // Only the answer to a Sync, a simple query or a startup ends an exchange: PGlite may also send ReadyForQuery after a failed Parse.
    const endsExchange = message[0] === 0x53 || message[0] === 0x51 || message[0] === 0;
    return endsExchange && readyForQueryIdle.every((byte, index) => tail[index] === byte);
  }

  /**
   * A ROLLBACK ends an unfinished exchange's implicit transaction and an open transaction; in a failed
   * exchange it is ignored until the Sync, after which a failed transaction still needs one.
   */
  async #abandonSession(): Promise<void> {
    const discard = { onRawData: () => undefined };
    await this.#database.execProtocolRawStream(rollback, discard);
    await this.#database.execProtocolRawStream(sync, discard);
    if (this.#database.isInTransaction()) await this.#database.execProtocolRawStream(rollback, discard);
  }
}

function simpleQuery(text: string): Uint8Array {
  const body = Buffer.from(`${text}\0`, "utf8");
  const message = Buffer.alloc(5 + body.length);
  message.write("Q", 0, "ascii");
  message.writeInt32BE(4 + body.length, 1);
  body.copy(message, 5);
  return message;
}

function lastBytes(previous: Uint8Array, next: Uint8Array, count: number): Uint8Array {
  if (next.length >= count) return next.slice(next.length - count);
  const joined = new Uint8Array(previous.length + next.length);
  joined.set(previous);
  joined.set(next, previous.length);
  return joined.slice(Math.max(0, joined.length - count));
}
