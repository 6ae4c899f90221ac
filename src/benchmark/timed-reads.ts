import { performance } from "node:perf_hooks";

export interface LatencyFigures {
  requests: number;
  failedRequests: number;
  seconds: number;
  latencyMilliseconds: { p50: number; p90: number; p99: number; max: number };
}

export interface TimedRead {
  url: string;
  apiKey: string;
  /** The request's JSON body. */
  body: string;
  /** Clients reading at once, each sending its next read when the last is answered. */
  clients: number;
}

/** How often `keepGoing` is asked (it may query the database). */
const checkMilliseconds = 250;

/** Reads with every client in turn while `keepGoing` says so, timing each read from its sending to its last byte. */
export async function readWhile(read: TimedRead, keepGoing: () => Promise<boolean>): Promise<LatencyFigures> {
  const latencies: number[] = [];
  let failed = 0;
  let running = true;
  const started = performance.now();
  const client = async () => {
    while (running) {
      const sent = performance.now();
      const ok = await readOnce(read);
      latencies.push(performance.now() - sent);
      if (!ok) failed++;
    }
  };
  const clients = Array.from({ length: read.clients }, client);
  while (await keepGoing()) await new Promise((resolve) => setTimeout(resolve, checkMilliseconds));
  running = false;
  await Promise.all(clients);
  return { requests: latencies.length, failedRequests: failed, seconds: (performance.now() - started) / 1000, latencyMilliseconds: percentiles(latencies) };
}

async function readOnce(read: TimedRead): Promise<boolean> {
  try {
    const response = await fetch(read.url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${read.apiKey}` },
      body: read.body,
    });
    const result = (await response.json()) as { errors?: unknown[] };
    return response.ok && !result.errors;
  } catch {
    return false;
  }
}

function percentiles(values: readonly number[]): LatencyFigures["latencyMilliseconds"] {
  const sorted = [...values].sort((left, right) => left - right);
  const at = (share: number) => round(sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)] ?? Number.NaN);
  return { p50: at(0.5), p90: at(0.9), p99: at(0.99), max: round(sorted.at(-1) ?? Number.NaN) };
}

function round(milliseconds: number): number {
  return Math.round(milliseconds * 10) / 10;
}
