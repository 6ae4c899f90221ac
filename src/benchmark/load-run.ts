import autocannon from "autocannon";
import { BenchOperation } from "./bench-operations";
import { readSettledServerCounters, residentBytes, ServerProcess } from "./server-process";

export interface LoadSettings {
  connections: number;
  warmupSeconds: number;
  durationSeconds: number;
  apiKey: string;
}

export interface OperationFigures {
  operation: string;
  description: string;
  requests: number;
  requestsPerSecond: number;
  latencyMilliseconds: { p50: number; p90: number; p99: number };
  serverCpuMillisecondsPerRequest: number;
  sqlStatementsPerRequest: number;
  responseBytes: number;
  /** Objects with an id in the response's data (accounts, contacts, orders, tickets): the size of the graph it returns. */
  responseNodes: number;
  peakResidentMegabytes: number;
  failedRequests: number;
}

/** How often the server's memory is sampled during a measured run. */
const memorySampleMilliseconds = 100;

/**
 * Drives one operation: a warm-up (JIT, caches, pool), then the measured run, read against the
 * server's own counters taken just before and after it. Every response is checked beforehand once.
 */
export async function measureOperation(server: ServerProcess, operation: BenchOperation, settings: LoadSettings): Promise<OperationFigures> {
  const response = await checkOnce(server, operation, settings.apiKey);
  await drive(server, operation, settings, settings.warmupSeconds);
  const before = await readSettledServerCounters(server.metricsUrl);
  const memory = sampleMemory(server.pid);
  const result = await drive(server, operation, settings, settings.durationSeconds);
  const peakResident = await memory.stop();
  const after = await readSettledServerCounters(server.metricsUrl);
  // The server's own count: it includes the requests still in flight when the load generator stopped.
  const requests = after.requests - before.requests;
  return {
    operation: operation.name,
    description: operation.description,
    requests,
    requestsPerSecond: result.requests.total / settings.durationSeconds,
    latencyMilliseconds: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99 },
    serverCpuMillisecondsPerRequest: ((after.cpuSeconds - before.cpuSeconds) * 1000) / requests,
    sqlStatementsPerRequest: (after.sqlStatements - before.sqlStatements) / requests,
    responseBytes: response.bytes,
    responseNodes: response.nodes,
    peakResidentMegabytes: peakResident / 2 ** 20,
    failedRequests: result.non2xx + result.errors + result.timeouts,
  };
}

function drive(server: ServerProcess, operation: BenchOperation, settings: LoadSettings, seconds: number): Promise<autocannon.Result> {
  let requestNumber = 0;
  return autocannon({
    url: server.url,
    connections: settings.connections,
    duration: seconds,
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${settings.apiKey}` },
    requests: [{ setupRequest: (request) => ({ ...request, body: operation.body(requestNumber++) }) }],
  });
}

/** One request, read whole: it must answer without errors; its size is the operation's response size. */
async function checkOnce(server: ServerProcess, operation: BenchOperation, apiKey: string): Promise<{ bytes: number; nodes: number }> {
  const response = await fetch(server.url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${apiKey}` },
    body: operation.body(0),
  });
  const text = await response.text();
  const { data, errors } = JSON.parse(text) as { data?: unknown; errors?: unknown[] };
  if (response.status !== 200 || errors) throw new Error(`${operation.name} failed before the load: HTTP ${response.status} ${text.slice(0, 500)}`);
  return { bytes: Buffer.byteLength(text), nodes: countNodes(data) };
}

export function countNodes(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + countNodes(item), 0);
  if (value === null || typeof value !== "object") return 0;
  const own = "id" in value ? 1 : 0;
  return own + Object.values(value).reduce((sum: number, item) => sum + countNodes(item), 0);
}

function sampleMemory(pid: number): { stop(): Promise<number> } {
  let peak = 0;
  const sample = async () => {
    peak = Math.max(peak, await residentBytes(pid));
  };
  const timer = setInterval(() => void sample(), memorySampleMilliseconds);
  return {
    async stop() {
      clearInterval(timer);
      await sample();
      return peak;
    },
  };
}
