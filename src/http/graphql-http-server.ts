import { ApolloServer, HeaderMap, HTTPGraphQLRequest } from "@apollo/server";
import { createServer, IncomingMessage, Server, ServerResponse } from "node:http";
import { AddressInfo } from "node:net";
import { ideAssetPath, sendIdeAsset, sendIdePage, wantsIdePage } from "./graphql-ide";
import { isWorkbenchRequest, sendWorkbench } from "./rule-workbench";

export interface GraphQLHttpServerOptions<Context extends object> {
  port: number;
  host: string;
  /** Requests larger than this are refused with 413 before they are parsed. */
  maxRequestBytes: number;
  context: (request: IncomingMessage) => Promise<Context>;
  /** GET /readyz: whether this process should receive traffic (503 when not). */
  readiness: () => Promise<{ ready: boolean }>;
  /** How long a stop waits for requests in flight before it closes their connections. */
  shutdownGraceMilliseconds: number;
  /** Serve GraphiQL (from our own bundle) to browsers opening /graphql. */
  ide: boolean;
  /** Serve the analysts' rule workbench at /rules from this folder (the bundle `npm run build` makes); null: not served. */
  workbenchAssetDirectory: string | null;
}

export interface RunningHttpServer {
  url: string;
  /** node's server, for a WebSocket server to take its upgrades (subscriptions). */
  server: Server;
  /** Stops accepting connections, lets requests in flight finish (within the grace period), then closes. */
  close(): Promise<void>;
}

/**
 * Serves Apollo at /graphql on node's own HTTP server (what Apollo's standalone server does, plus a body
 * size limit and our own status codes): the context function's errors carry their HTTP status (401).
 */
export async function startGraphQLHttpServer<Context extends object>(
  apollo: ApolloServer<Context>,
  options: GraphQLHttpServerOptions<Context>,
): Promise<RunningHttpServer> {
  await apollo.start();
  const server = createServer((request, response) => {
    handle(apollo, options, request, response).catch(() => {
      if (!response.headersSent) response.statusCode = 500;
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port, options.host, resolve));
  const address = server.address() as AddressInfo;
  return {
    url: `http://${options.host}:${address.port}/graphql`,
    server,
    close: () => closeServer(server, options.shutdownGraceMilliseconds),
  };
}

async function handle<Context extends object>(
  apollo: ApolloServer<Context>,
  options: GraphQLHttpServerOptions<Context>,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const url = new URL(request.url ?? "/", "http://localhost");
  if (url.pathname === "/healthz") return sendJson(response, 200, { status: "alive" });
  if (url.pathname === "/readyz") {
    const readiness = await options.readiness();
    return sendJson(response, readiness.ready ? 200 : 503, readiness);
  }
  if (options.ide && url.pathname.startsWith(ideAssetPath)) return sendIdeAsset(response, url.pathname);
  if (options.ide && wantsIdePage(request, url.pathname)) return sendIdePage(response);
  if (options.workbenchAssetDirectory !== null && isWorkbenchRequest(url.pathname))
    return sendWorkbench(request, response, url.pathname, options.workbenchAssetDirectory);
  if (url.pathname !== "/graphql") return sendError(response, 404, "NOT_FOUND", "The GraphQL endpoint is /graphql");
  const body = await readBody(request, options.maxRequestBytes);
  if (body === undefined) return sendError(response, 413, "PAYLOAD_TOO_LARGE", `Requests are limited to ${options.maxRequestBytes} bytes`);
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  }
  let parsed: unknown = undefined;
  if (body.length > 0 && isJson(headers.get("content-type"))) {
    try {
      parsed = JSON.parse(body);
    } catch {
      return sendError(response, 400, "BAD_REQUEST", "The request body is not valid JSON");
    }
  }
  const httpGraphQLRequest: HTTPGraphQLRequest = { method: (request.method ?? "GET").toUpperCase(), headers, search: url.search, body: parsed ?? body };
  const result = await apollo.executeHTTPGraphQLRequest({ httpGraphQLRequest, context: () => options.context(request) });
  response.statusCode = result.status ?? 200;
  for (const [name, value] of result.headers) response.setHeader(name, value);
  if (result.body.kind === "complete") {
    response.end(result.body.string);
    return;
  }
  for await (const chunk of result.body.asyncIterator) response.write(chunk);
  response.end();
}

/** Media types are case-insensitive (RFC 9110): `Application/JSON; charset=UTF-8` is JSON too. */
function isJson(contentType: string | undefined): boolean {
  return contentType?.split(";", 1)[0].trim().toLowerCase() === "application/json";
}

/** Undefined when the body is over `maxBytes` (a marker string could be a body too). */
async function readBody(request: IncomingMessage, maxBytes: number): Promise<string | undefined> {
  const declared = Number(request.headers["content-length"] ?? 0);
  if (declared > maxBytes) return undefined;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function sendError(response: ServerResponse, status: number, code: string, message: string): void {
  sendJson(response, status, { errors: [{ message, extensions: { code } }] });
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.statusCode = status;
  response.setHeader("content-type", "application/json; charset=utf-8");
  response.setHeader("cache-control", "no-store");
  response.end(JSON.stringify(body));
}

/** Idle keep-alive connections close at once; busy ones as soon as their response is out, or at the end of the grace period. */
function closeServer(server: Server, graceMilliseconds: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const idleSweep = setInterval(() => server.closeIdleConnections(), 100);
    const deadline = setTimeout(() => server.closeAllConnections(), graceMilliseconds);
    server.close((error) => {
      clearInterval(idleSweep);
      clearTimeout(deadline);
      if (error) reject(error);
      else resolve();
    });
    server.closeIdleConnections();
  });
}
