import { once } from "node:events";
import { AddressInfo, createServer } from "node:net";
import type { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketHandler, PGLiteSocketHandlerOptions } from "@electric-sql/pglite-socket";
import { EmbeddedSessionQueue } from "./embedded-session-queue";

export interface EmbeddedSocketServer {
  port: number;
  stop(): Promise<void>;
}

const maximumConnections = 32;

/**
 * Serves PGlite on a loopback port with pglite-socket's connection handlers (message framing, SSL and
 * cancel requests, disconnects) but with a queue that gives the one session to one connection for a
 * whole exchange or transaction (see EmbeddedSessionQueue), in place of PGLiteSocketServer's own.
 */
export async function serveOnLoopback(database: PGlite, port: number): Promise<EmbeddedSocketServer> {
  // The handler's option is typed with pglite-socket's unexported queue class; ours has its public methods.
  const queryQueue = new EmbeddedSessionQueue(database) as unknown as PGLiteSocketHandlerOptions["queryQueue"];
  const handlers = new Set<PGLiteSocketHandler>();
  const server = createServer((socket) => {
    const handler = new PGLiteSocketHandler({ queryQueue, closeOnDetach: true });
    handlers.add(handler);
    handler.addEventListener("close", () => handlers.delete(handler));
    handler.addEventListener("error", () => handlers.delete(handler));
    void handler.attach(socket);
  });
  server.maxConnections = maximumConnections;
  server.listen(port, "127.0.0.1");
  await once(server, "listening");
  return {
    port: (server.address() as AddressInfo).port,
    async stop() {
      const closed = once(server, "close");
      server.close();
      // Each detach ends what its connection left open before the database closes.
      await Promise.all([...handlers].map((handler) => handler.detach(true)));
      await closed;
    },
  };
}
