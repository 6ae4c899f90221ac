import { ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, rm } from "node:fs/promises";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

/** Whether anything still accepts connections on the loopback port. */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/** Whether any process is left in the group (npm, and what it started, unless they left it). */
function groupAlive(groupId: number): boolean {
  try {
    process.kill(-groupId, 0);
    return true;
  } catch {
    return false;
  }
}

interface StartedNpm {
  npm: ChildProcess;
  port: number;
  output: () => string;
}

/**
 * `npm start` as a user or a process manager runs it, on the embedded database: a signal sent to the
 * npm process (or, from a terminal, to all of them) must reach the server, which stops gracefully,
 * rather than leave it serving on its own.
 */
describe("npm start", () => {
  let folder: string;
  const started: ChildProcess[] = [];

  beforeAll(async () => {
    folder = await mkdtemp(path.join(tmpdir(), "customer-graph-start-"));
  });
  afterAll(async () => {
    // Whatever the outcome, nothing of these tests keeps running: each group goes whole.
    for (const npm of started) if (npm.pid && groupAlive(npm.pid)) process.kill(-npm.pid, "SIGKILL");
    await rm(folder, { recursive: true, force: true });
  });

  async function startNpm(name: string): Promise<StartedNpm> {
    const port = 40_000 + Math.floor(Math.random() * 10_000);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: String(port),
      EMBEDDED_SOCKET_PORT: String(port + 1),
      EMBEDDED_DATA_DIR: path.join(folder, name),
      DEMO_ACCOUNTS: "0",
      METRICS_PORT: "0",
      // The graceful stop says so in the log.
      LOG_LEVEL: "info",
    };
    delete env.DATABASE_URL;
    // A group of its own, as a terminal gives: the test can signal all of it, and tell whether anything outlives npm.
    const npm = spawn("npm", ["start"], { cwd: path.resolve(__dirname, "../.."), env, stdio: ["ignore", "pipe", "pipe"], detached: true });
    started.push(npm);
    let output = "";
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`npm start did not serve within 60 s:\n${output}`)), 60_000);
      const read = (chunk: Buffer) => {
        output += chunk.toString();
        if (/GraphQL API on http:\/\/\S+/.test(output)) {
          clearTimeout(timer);
          resolve();
        }
      };
      npm.stdout.on("data", read);
      npm.stderr.on("data", read);
      npm.once("exit", (code) => reject(new Error(`npm start exited with ${code}:\n${output}`)));
    });
    expect(await listening(port)).toBe(true);
    return { npm, port, output: () => output };
  }

  /** Sends the signal, then waits (10 s at most) until npm has exited and nothing of its group is left. */
  async function stop({ npm }: StartedNpm, signal: NodeJS.Signals, target: "npm" | "group") {
    const stopped = Date.now();
    const exited = once(npm, "exit");
    process.kill(target === "npm" ? npm.pid! : -npm.pid!, signal);
    const [code, killedBy] = (await exited) as [number | null, NodeJS.Signals | null];
    while (groupAlive(npm.pid!) && Date.now() - stopped < 10_000) await new Promise((resolve) => setTimeout(resolve, 50));
    // Nobody holds npm's output open any more once the group is gone: all that was printed is in.
    if (!groupAlive(npm.pid!) && !npm.stdout!.closed) await once(npm.stdout!, "close");
    return { code, killedBy, groupLeft: groupAlive(npm.pid!), milliseconds: Date.now() - stopped };
  }

  test("when the npm process gets SIGTERM, then the server stops gracefully: its ports close and no process is left", async () => {
    const running = await startNpm("sigterm");
    const stopped = await stop(running, "SIGTERM", "npm");

    expect(stopped).toMatchObject({ groupLeft: false, code: 0 });
    expect(stopped.milliseconds).toBeLessThan(10_000);
    expect(await listening(running.port)).toBe(false);
    expect(await listening(running.port + 1)).toBe(false);
    expect(running.output()).toMatch(/stopping: no new connections/);
  }, 90_000);

  test("when Ctrl-C reaches npm and the server together, as from a terminal (npm relays it: the server gets it twice), then it stops gracefully once", async () => {
    const running = await startNpm("ctrl-c");
    const stopped = await stop(running, "SIGINT", "group");

    // A second SIGINT that killed the server mid-stop would show as npm killed by SIGINT, not exit code 0.
    expect(stopped).toMatchObject({ groupLeft: false, code: 0, killedBy: null });
    expect(await listening(running.port)).toBe(false);
    expect(running.output().match(/stopping: no new connections/g)).toHaveLength(1);
  }, 90_000);
});
