import { ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";

export interface CompiledServer {
  url: string;
  key: string;
  metricsUrl: string;
  process: ChildProcess;
  /** Everything it printed so far, stdout and stderr. */
  output(): string;
}

/**
 * `npm start` as a newcomer runs it: the compiled server (`npm test` compiles first) on the embedded
 * database in `dataDir`, no DATABASE_URL; resolves with the URLs and development key it prints.
 */
export async function startCompiledServer(dataDir: string, port: number, environment: Record<string, string> = {}): Promise<CompiledServer> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    EMBEDDED_SOCKET_PORT: String(port + 1),
    EMBEDDED_DATA_DIR: dataDir,
    DEMO_ACCOUNTS: "12",
    METRICS_PORT: "0",
    ...environment,
  };
  delete env.DATABASE_URL;
  const server = spawn(process.execPath, ["dist/src/main.js"], { env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const started = await new Promise<Omit<CompiledServer, "process" | "output">>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The server did not start within 60 s:\n${output}`)), 60_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /on (http:\/\/\S+)/.exec(output)?.[1];
      const key = /Development API key \(.*\): (cgk_\S+)/.exec(output)?.[1];
      const metricsUrl = /metrics on (http:\/\/\S+)/.exec(output)?.[1];
      if (url && key && metricsUrl) {
        clearTimeout(timer);
        resolve({ url, key, metricsUrl });
      }
    };
    server.stdout.on("data", read);
    server.stderr.on("data", read);
    server.once("exit", (code) => reject(new Error(`The server exited with ${code}:\n${output}`)));
  });
  return { ...started, process: server, output: () => output };
}

export async function stopCompiledServer(server: ChildProcess): Promise<void> {
  const exited = once(server, "exit");
  server.kill("SIGTERM");
  await exited;
}
