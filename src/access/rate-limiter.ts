import { DataSource } from "typeorm";

/** Shopify's model: a bucket of cost points that drains at a steady rate; a request fits or waits. */
export interface BucketSettings {
  capacity: number;
  leakPerSecond: number;
}

export interface BucketState {
  /** Points the bucket can still take now. */
  remaining: number;
  /** When the bucket will be empty again, if nothing more is asked. */
  resetAt: Date;
}

export type BucketDecision = ({ allowed: true } | { allowed: false; retryAfterSeconds: number }) & BucketState;

interface BucketLevel {
  level: number;
}

/**
 * Takes `cost` points from the key's bucket if they fit, in one statement: the row lock orders
 * concurrent requests of one key, on any number of server processes.
 */
export async function takeFromBucket(dataSource: DataSource, keyId: string, cost: number, settings: BucketSettings): Promise<BucketDecision> {
  const parameters = [keyId, cost, settings.capacity, settings.leakPerSecond];
  const [taken]: BucketLevel[] = await dataSource.query(takeStatement, parameters);
  const allowed = taken !== undefined;
  // Not taken: the bucket's level as it stands, or 0 when the key has no bucket yet.
  const [current]: BucketLevel[] = allowed ? [taken] : await dataSource.query(levelStatement, [keyId, settings.leakPerSecond]);
  const level = Number(current?.level ?? 0);
  const state = { remaining: Math.max(0, Math.floor(settings.capacity - level)), resetAt: new Date(Date.now() + (level / settings.leakPerSecond) * 1000) };
  if (allowed) return { allowed, ...state };
  const retryAfterSeconds = Math.max(1, Math.ceil((level + cost - settings.capacity) / settings.leakPerSecond));
  return { allowed, retryAfterSeconds, ...state };
}

const drained = "greatest(0, rate_limit_buckets.level - extract(epoch FROM clock_timestamp() - rate_limit_buckets.updated_at)::float8 * $4::float8)";

// ON CONFLICT DO UPDATE locks the key's row and recomputes on its latest version, so concurrent requests
// of one key, on any server process, queue and each sees the others' points. No row back: refused.
const takeStatement = `
  INSERT INTO rate_limit_buckets (key_id, level, updated_at)
  SELECT $1::uuid, $2::float8, clock_timestamp() WHERE $2::float8 <= $3::float8
  ON CONFLICT (key_id) DO UPDATE SET level = ${drained} + $2::float8, updated_at = clock_timestamp()
  WHERE ${drained} + $2::float8 <= $3::float8
  RETURNING level`;

const levelStatement = `SELECT ${drained.replace("$4", "$2")} AS level FROM rate_limit_buckets WHERE key_id = $1::uuid`;
