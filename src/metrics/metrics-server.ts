import { createServer, Server } from "node:http";
import { AddressInfo } from "node:net";
import { metricsRegistry } from "./metrics";

export interface RunningMetricsServer {
  url: string;
  close(): Promise<void>;
}

/**
 * GET /metrics for Prometheus, on a port of its own: partners reach the API port, never this one.
 */
export async function startMetricsServer(port: number, host: string): Promise<RunningMetricsServer> {
  const server: Server = createServer((request, response) => {
    if (request.method !== "GET" || new URL(request.url ?? "/", "http://localhost").pathname !== "/metrics") {
      response.writeHead(404).end();
      return;
    }
    metricsRegistry.metrics().then(
      (text) => response.writeHead(200, { "content-type": metricsRegistry.contentType }).end(text),
      () => response.writeHead(500).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  const address = server.address() as AddressInfo;
  return {
    url: `http://${host}:${address.port}/metrics`,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
