import { createHash } from "node:crypto";
import { FormattedExecutionResult } from "graphql";
import stableStringify from "safe-stable-stringify";
import { DataSource, EntityManager } from "typeorm";

export interface StoredResponse {
  requestHash: string;
  response: FormattedExecutionResult;
}

/**
 * The same document, operation name and variables: what a retry sends again. Variables are hashed
 * with their keys sorted: a client that rebuilds its variables object in another order is still retrying.
 */
export function requestHash(document: string, operationName: string | undefined, variables: Record<string, unknown> | undefined): string {
  return createHash("sha256")
    .update(stableStringify([document, operationName ?? null, variables ?? {}]))
    .digest("hex");
}

export async function findStoredResponse(manager: EntityManager, apiKeyId: string, idempotencyKey: string): Promise<StoredResponse | undefined> {
  const [row]: StoredResponse[] = await manager.query(
    `SELECT request_hash AS "requestHash", response FROM idempotent_requests WHERE api_key_id = $1 AND idempotency_key = $2`,
    [apiKeyId, idempotencyKey],
  );
  return row;
}

export async function storeResponse(manager: EntityManager, apiKeyId: string, idempotencyKey: string, stored: StoredResponse): Promise<void> {
  await manager.query(`INSERT INTO idempotent_requests (api_key_id, idempotency_key, request_hash, response) VALUES ($1, $2, $3, $4)`, [
    apiKeyId,
    idempotencyKey,
    stored.requestHash,
    stored.response,
  ]);
}

/** One request per key at a time, until its transaction ends: a concurrent retry waits, then finds the stored response. */
export async function lockIdempotencyKey(manager: EntityManager, apiKeyId: string, idempotencyKey: string): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`${apiKeyId}:${idempotencyKey}`]);
}

/** Responses are kept 24 hours; the server deletes older ones every hour. */
export async function deleteExpiredResponses(dataSource: DataSource): Promise<number> {
  // TypeORM's raw DELETE gives [rows, affected row count].
  const [, deleted]: [unknown[], number] = await dataSource.query(`DELETE FROM idempotent_requests WHERE created_at < now() - interval '24 hours'`);
  return deleted;
}
