import { execFile } from "node:child_process";
import { chmod, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { freePort } from "../../../src/benchmark/server-process";

const run = promisify(execFile);

/**
 * A PostgreSQL cluster of the fault test's own (initdb into a temporary folder, a loopback port), to
 * restart and break without touching anyone else's database. As root, its programs run as the
 * `postgres` user, since PostgreSQL refuses to run as root.
 */
export class PrivateCluster {
  private constructor(
    private readonly bin: string,
    private readonly folder: string,
    readonly port: number,
  ) {}

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/faults`;
  }

  private get data(): string {
    return path.join(this.folder, "data");
  }

  static async start(): Promise<PrivateCluster> {
    const versions = (await readdir("/usr/lib/postgresql")).sort((a, b) => Number(b) - Number(a));
    const folder = await mkdtemp(path.join(tmpdir(), "customer-graph-faults-"));
    await chmod(folder, 0o777);
    const cluster = new PrivateCluster(`/usr/lib/postgresql/${versions[0]}/bin`, folder, await freePort());
    await cluster.program("initdb", ["-D", cluster.data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"]);
    await cluster.pgCtl("start");
    await cluster.program("psql", ["-h", "127.0.0.1", "-p", String(cluster.port), "-U", "postgres", "-d", "postgres", "-c", "CREATE DATABASE faults"]);
    return cluster;
  }

  /** A fast restart: sessions are cut, as in a failover or an upgrade. */
  async restart(): Promise<void> {
    await this.pgCtl("restart", ["-m", "fast"]);
  }

  async destroy(): Promise<void> {
    await this.pgCtl("stop", ["-m", "immediate"]).catch(() => undefined);
    await rm(this.folder, { recursive: true, force: true });
  }

  private pgCtl(action: string, extra: string[] = []): Promise<unknown> {
    const options = `-p ${this.port} -k ${this.folder} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60`;
    return this.program("pg_ctl", ["-D", this.data, "-o", options, "-l", path.join(this.folder, "log"), "-w", "-t", "30", ...extra, action]);
  }

  private program(name: string, args: string[]): Promise<unknown> {
    const command = path.join(this.bin, name);
    const asRoot = process.getuid?.() === 0;
    return asRoot ? run("runuser", ["-u", "postgres", "--", command, ...args]) : run(command, args);
  }
}
