import { execFileSync } from "node:child_process";
import { cpus, release, totalmem, type } from "node:os";
import { DataSource } from "typeorm";

/** Where the figures were measured: enough to tell two machines (or two PostgreSQL versions) apart. */
export interface MachineDescription {
  name: string;
  cpuModel: string;
  cores: number;
  memoryGigabytes: number;
  operatingSystem: string;
  node: string;
  postgresql: string;
}

/** What was measured: the commit, and whether the working tree differed from it. */
export interface SourceVersion {
  commit: string;
  uncommittedChanges: boolean;
}

export async function describeMachine(name: string, dataSource: DataSource): Promise<MachineDescription> {
  const [{ server_version: postgresql }]: { server_version: string }[] = await dataSource.query("SHOW server_version");
  return {
    name,
    cpuModel: cpus()[0]?.model.trim() ?? "unknown",
    cores: cpus().length,
    memoryGigabytes: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    operatingSystem: `${type()} ${release()}`,
    node: process.version,
    postgresql,
  };
}

/** The checked-out commit; "unknown" outside a git checkout (a figure should still say so rather than fail the run). */
export function describeSource(): SourceVersion {
  try {
    const commit = git(["rev-parse", "HEAD"]).trim();
    const changes = git(["status", "--porcelain", "--untracked-files=no"]).trim();
    return { commit, uncommittedChanges: changes.length > 0 };
  } catch {
    return { commit: "unknown", uncommittedChanges: true };
  }
}

function git(args: string[]): string {
  return execFileSync("git", args, { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
}
