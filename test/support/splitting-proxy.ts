import { EventEmitter, once } from "node:events";
import { createServer, Server, Socket } from "node:net";

/**
 * A loopback TCP proxy that delivers what a client sends in two pieces, as TCP may: a chunk that
 * begins with a PostgreSQL message and holds more is forwarded up to the end of that first message,
 * the rest `pauseMilliseconds` later; "split" is emitted when the database has answered the first
 * piece. Order is kept. Startup messages (no type byte) and chunks of one message pass whole.
 */
export class SplittingProxy extends EventEmitter {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  port = 0;

  constructor(
    private readonly targetPort: number,
    private readonly pauseMilliseconds: number,
  ) {
    super();
  }

  async start(): Promise<void> {
    const server = createServer((client) => {
      const upstream = new Socket();
      upstream.connect(this.targetPort, "127.0.0.1");
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on("close", () => this.sockets.delete(socket));
        socket.on("error", () => socket.destroy());
      }
      const split = { answerAwaited: false };
      let forwarding = Promise.resolve();
      client.on("data", (chunk: Buffer) => {
        forwarding = forwarding.then(() => this.forward(chunk, upstream, split));
      });
      upstream.on("data", () => {
        if (split.answerAwaited) this.emit("split");
        split.answerAwaited = false;
      });
      upstream.pipe(client);
      client.on("close", () => upstream.destroy());
      upstream.on("close", () => client.destroy());
    });
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    this.port = (server.address() as { port: number }).port;
    this.server = server;
  }

  /** Cuts every connection through the proxy, as a client that dies does. */
  cutConnections(): void {
    for (const socket of this.sockets) socket.destroy();
  }

  async stop(): Promise<void> {
    this.cutConnections();
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async forward(chunk: Buffer, upstream: Socket, split: { answerAwaited: boolean }): Promise<void> {
    const firstMessageEnd = chunk.length >= 5 && chunk[0] !== 0 ? 1 + chunk.readInt32BE(1) : chunk.length;
    if (firstMessageEnd >= chunk.length) {
      upstream.write(chunk);
      return;
    }
    split.answerAwaited = true;
    upstream.write(chunk.subarray(0, firstMessageEnd));
    await new Promise((resolve) => setTimeout(resolve, this.pauseMilliseconds));
    if (!upstream.destroyed) upstream.write(chunk.subarray(firstMessageEnd));
  }
}
