import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { serveOnLoopback } from "./embedded-socket-server";

/**
 * The embedded database: PGlite in this process, served on a loopback socket so that the
 * server's `pg` pool and the command-line tools speak to it exactly as to a real PostgreSQL.
 * (PGlite has one session; the socket server gives it to one connection at a time for a whole
 * exchange or transaction, which an in-process driver shared by concurrent requests would not.)
 */
export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

interface HolderRecord {
  pid: number;
  port: number;
}

/**
 * The pool size of every client of the embedded database: one connection. PGlite has one session,
 * which a transaction holds until it ends: a second connection of the same process would wait for
 * it, and a transaction that waited in turn for that connection would wait for ever.
 */
export const embeddedPoolSize = 1;

function holderFile(dataDir: string): string {
  return path.join(path.dirname(path.resolve(dataDir)), `${path.basename(dataDir)}.holder.json`);
}

export function embeddedUrl(port: number): string {
  return `postgres://postgres@127.0.0.1:${port}/postgres`;
}

/** The URL of the embedded database when another live process holds it (the running server). */
export async function findRunningEmbeddedDatabase(dataDir: string): Promise<string | undefined> {
  const holder = await readHolder(dataDir);
  return holder && isAlive(holder.pid) ? embeddedUrl(holder.port) : undefined;
}

/**
 * Starts PGlite on `dataDir` (in memory when undefined) behind a loopback socket on `port`
 * (0: any free port). A data folder is held by one process at a time: the holder's pid and
 * port are written beside it, so that tools find the running server's database.
 */
export async function startEmbeddedDatabase(dataDir: string | undefined, port: number): Promise<EmbeddedDatabase> {
  if (dataDir !== undefined) {
    const runningUrl = await findRunningEmbeddedDatabase(dataDir);
    if (runningUrl) {
      throw new Error(`The embedded database in ${dataDir} is held by another process (reach it at ${runningUrl})`);
    }
    await mkdir(dataDir, { recursive: true });
  }
  const database = await PGlite.create({ dataDir, extensions: { pg_trgm } });
  const server = await serveOnLoopback(database, port);
  if (dataDir !== undefined) {
    const record: HolderRecord = { pid: process.pid, port: server.port };
    await writeFile(holderFile(dataDir), JSON.stringify(record));
  }
  return {
    url: embeddedUrl(server.port),
    async stop() {
      await server.stop();
      await database.close();
      if (dataDir !== undefined) await rm(holderFile(dataDir), { force: true });
    },
  };
}

async function readHolder(dataDir: string): Promise<HolderRecord | undefined> {
  try {
    return JSON.parse(await readFile(holderFile(dataDir), "utf8")) as HolderRecord;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
