import { ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { readFile } from "node:fs/promises";
import { createServer } from "node:net";

export interface ServerProcess {
  url: string;
  metricsUrl: string;
  pid: number;
  /** SIGTERM, the graceful stop; resolves once the process is gone. */
  stop(): Promise<void>;
  /** Another signal (a fault test's SIGKILL); resolves once the process is gone. */
  kill(signal: NodeJS.Signals): Promise<void>;
}

/** A free loopback port, by asking the kernel for one. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** The compiled server, as production runs it, on loopback ports; resolves once it serves. */
export async function startServerProcess(
  databaseUrl: string,
  options: { profileDirectory?: string; environment?: Record<string, string> } = {},
): Promise<ServerProcess> {
  const { profileDirectory } = options;
  const [port, metricsPort] = [await freePort(), await freePort()];
  const environment = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    HOST: "127.0.0.1",
    PORT: String(port),
    METRICS_PORT: String(metricsPort),
    RULES_WATCH: "false",
    LOG_LEVEL: "warn",
    ...options.environment,
  };
  const profiling = profileDirectory ? ["--cpu-prof", `--cpu-prof-dir=${profileDirectory}`] : [];
  const child = spawn(process.execPath, [...profiling, "dist/src/main.js"], { env: environment, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The server did not start within 120 s:\n${output}`)), 120_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("GraphQL API on")) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on("data", read);
    child.stderr.on("data", read);
    child.once("exit", (code) => reject(new Error(`The server exited with ${code}:\n${output}`)));
  });
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    metricsUrl: `http://127.0.0.1:${metricsPort}/metrics`,
    pid: child.pid!,
    stop: () => signal(child, "SIGTERM"),
    kill: (name) => signal(child, name),
  };
}

async function signal(child: ChildProcess, name: NodeJS.Signals): Promise<void> {
  // Gone already: exited, or killed by an earlier signal.
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, "exit");
  child.kill(name);
  await exited;
}

/** The server's resident memory now, in bytes (Linux: /proc). */
export async function residentBytes(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  return Number(/^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1] ?? 0) * 1024;
}

export interface ServerCounters {
  cpuSeconds: number;
  sqlStatements: number;
  /** GraphQL requests answered, of every operation and outcome. */
  requests: number;
}

/** The server's own counters, from its metrics: CPU time used, SQL statements sent, requests answered. */
export async function readServerCounters(metricsUrl: string): Promise<ServerCounters> {
  const text = await (await fetch(metricsUrl)).text();
  const value = (name: string) => metricValue(text, name);
  const requestCounts = [...text.matchAll(/^customer_graph_graphql_request_duration_seconds_count\{[^}]*\} (\S+)$/gm)].map((match) => Number(match[1]));
  return {
    cpuSeconds: value("process_cpu_seconds_total"),
    sqlStatements: value("customer_graph_sql_statements_total"),
    requests: requestCounts.reduce((sum, count) => sum + count, 0),
  };
}

/**
 * The counters once the requests a load run left in flight are answered: read until the request
 * count holds still (at most 5 s), so that their CPU and statements are divided by their number.
 */
export async function readSettledServerCounters(metricsUrl: string): Promise<ServerCounters> {
  let counters = await readServerCounters(metricsUrl);
  for (let attempt = 0; attempt < 25; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    const next = await readServerCounters(metricsUrl);
    if (next.requests === counters.requests) return next;
    counters = next;
  }
  return counters;
}

export interface ServerResources {
  residentBytes: number;
  heapUsedBytes: number;
  /** CPU time used since the process started, user and system. */
  cpuSeconds: number;
}

/** The server's memory and CPU time as its own metrics report them (prom-client's process_resident_memory_bytes, nodejs_heap_size_used_bytes, process_cpu_seconds_total). */
export async function readServerResources(metricsUrl: string): Promise<ServerResources> {
  const text = await (await fetch(metricsUrl)).text();
  const value = (name: string) => metricValue(text, name);
  return {
    residentBytes: value("process_resident_memory_bytes"),
    heapUsedBytes: value("nodejs_heap_size_used_bytes"),
    cpuSeconds: value("process_cpu_seconds_total"),
  };
}

/** An unlabelled metric's value in Prometheus' text format; NaN when absent. */
function metricValue(text: string, name: string): number {
  return Number(new RegExp(`^${name} (\\S+)$`, "m").exec(text)?.[1] ?? Number.NaN);
}
