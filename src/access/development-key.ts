import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { DataSource } from "typeorm";
import { createApiKey, hashApiKey } from "./api-keys";
import { Role } from "./roles";

export interface DevelopmentKey {
  key: string;
  expiresAt: Date;
}

const validDays = 30;
/** A kept key closer than this to its expiry is replaced, so a developer is not cut off mid-session. */
const renewWithinMilliseconds = 24 * 3600 * 1000;

/**
 * The internal key `npm start` prints on the embedded database. The database keeps only its hash,
 * so the key itself is kept in a file beside the database's folder (readable by its owner only):
 * a restart prints the same key, and a shell variable set from it keeps working.
 */
export async function developmentKey(dataSource: DataSource, dataDirectory: string): Promise<DevelopmentKey> {
  const file = path.join(path.dirname(dataDirectory), `${path.basename(dataDirectory)}.development-key`);
  const kept = (await readFile(file, "utf8").catch(() => "")).trim();
  if (kept) {
    const expiresAt = await validUntil(dataSource, kept);
    if (expiresAt && expiresAt.getTime() - Date.now() > renewWithinMilliseconds) return { key: kept, expiresAt };
  }
  const expiresAt = new Date(Date.now() + validDays * 24 * 3600 * 1000);
  const { key } = await createApiKey(dataSource.manager, { name: "development key (npm start)", role: Role.INTERNAL, partnerId: null, expiresAt });
  await writeFile(file, `${key}\n`, { mode: 0o600 });
  return { key, expiresAt };
}

async function validUntil(dataSource: DataSource, key: string): Promise<Date | undefined> {
  const [row]: { expiresAt: Date }[] = await dataSource.query(
    `SELECT expires_at AS "expiresAt" FROM api_keys WHERE key_hash = $1 AND revoked_at IS NULL AND expires_at > now()`,
    [hashApiKey(key)],
  );
  return row?.expiresAt;
}

/** Whether any key could call the API: a server on PostgreSQL with none tells its operator how to make one. */
export async function hasUsableKey(dataSource: DataSource): Promise<boolean> {
  const [{ usable }]: { usable: boolean }[] = await dataSource.query(
    `SELECT EXISTS (SELECT 1 FROM api_keys WHERE revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())) AS usable`,
  );
  return usable;
}
