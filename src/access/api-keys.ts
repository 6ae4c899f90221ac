import { createHash, randomBytes } from "node:crypto";
import { DataSource, EntityManager } from "typeorm";
import { Caller, fullPersonalDataAccess, Role } from "./roles";

const keyPrefixLength = 12;

export interface NewApiKey {
  id: string;
  /** Shown once; only its hash is stored. */
  key: string;
  prefix: string;
}

export interface ApiKeySpecification {
  name: string;
  role: Role;
  partnerId: string | null;
  expiresAt: Date | null;
}

export interface ApiKeyListing extends ApiKeySpecification {
  id: string;
  prefix: string;
  createdAt: Date;
  revokedAt: Date | null;
}

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex");
}

/** `cgk_` and 43 characters: 256 random bits, url-safe, recognizable in logs and secret scanners. */
function generateKey(): string {
  return `cgk_${randomBytes(32).toString("base64url")}`;
}

export async function createApiKey(manager: EntityManager, specification: ApiKeySpecification): Promise<NewApiKey> {
  const key = generateKey();
  const prefix = key.slice(0, keyPrefixLength);
  const [{ id }]: { id: string }[] = await manager.query(
    `INSERT INTO api_keys (key_hash, key_prefix, name, role, partner_id, expires_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [hashApiKey(key), prefix, specification.name, specification.role, specification.partnerId, specification.expiresAt],
  );
  return { id, key, prefix };
}

export async function listApiKeys(dataSource: DataSource): Promise<ApiKeyListing[]> {
  const rows: Record<string, unknown>[] = await dataSource.query(
    `SELECT id, key_prefix, name, role, partner_id, created_at, expires_at, revoked_at FROM api_keys ORDER BY created_at, id`,
  );
  return rows.map((row) => ({
    id: row.id as string,
    prefix: row.key_prefix as string,
    name: row.name as string,
    role: row.role as Role,
    partnerId: row.partner_id as string | null,
    createdAt: row.created_at as Date,
    expiresAt: row.expires_at as Date | null,
    revokedAt: row.revoked_at as Date | null,
  }));
}

/** Returns false when no live key has this id. */
export async function revokeApiKey(manager: EntityManager, id: string): Promise<boolean> {
  // An UPDATE answers [rows, count] through TypeORM.
  const [rows]: [unknown[], number] = await manager.query(`UPDATE api_keys SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL RETURNING id`, [id]);
  return rows.length > 0;
}

interface StoredKeySpecification {
  name: string;
  role: Role;
  partner_id: string | null;
  expires_at: Date | null;
}

/** A new key with the same name, role, partner and expiry; the old one is revoked in the same transaction. */
export async function rotateApiKey(dataSource: DataSource, id: string): Promise<NewApiKey | undefined> {
  return dataSource.transaction(async (manager) => {
    const [old]: StoredKeySpecification[] = await manager.query(
      `SELECT name, role, partner_id, expires_at FROM api_keys WHERE id = $1 AND revoked_at IS NULL FOR UPDATE`,
      [id],
    );
    if (!old) return undefined;
    const replacement = await createApiKey(manager, { name: old.name, role: old.role, partnerId: old.partner_id, expiresAt: old.expires_at });
    await manager.query(`UPDATE api_keys SET revoked_at = now(), replaced_by = $2 WHERE id = $1`, [id, replacement.id]);
    return replacement;
  });
}

interface KeyCallerRow {
  id: string;
  key_prefix: string;
  name: string;
  role: Role;
  partner_id: string | null;
  /** Read for a partner's key only: the LEFT JOIN leaves them null for the others. */
  shares_contact_email: boolean;
  shares_contact_phone: boolean;
}

/** The caller a key stands for, or undefined when the key is unknown, revoked or expired. */
export async function findCallerByKey(dataSource: DataSource, key: string): Promise<Caller | undefined> {
  const [row]: KeyCallerRow[] = await dataSource.query(
    `SELECT api_key.id, api_key.key_prefix, api_key.name, api_key.role, api_key.partner_id, partner.shares_contact_email, partner.shares_contact_phone
     FROM api_keys api_key LEFT JOIN partners partner ON partner.id = api_key.partner_id
     WHERE api_key.key_hash = $1 AND api_key.revoked_at IS NULL AND (api_key.expires_at IS NULL OR api_key.expires_at > now())`,
    [hashApiKey(key)],
  );
  if (!row) return undefined;
  const personalData = row.partner_id === null ? fullPersonalDataAccess : { contactEmail: row.shares_contact_email, contactPhone: row.shares_contact_phone };
  return { keyId: row.id, keyPrefix: row.key_prefix, keyName: row.name, role: row.role, partnerId: row.partner_id, personalData };
}
