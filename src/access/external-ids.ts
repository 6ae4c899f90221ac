import { EntityManager, EntityTarget, ObjectLiteral, QueryFailedError } from "typeorm";
import { ConflictError } from "../shared/errors";
import { ExternallyKeyed } from "../shared/external-id";
import { DataScope } from "./data-scope";

/**
 * Holds each external id of the request, in the caller's set, until the transaction ends, so that two
 * upserts of one id at once run one after the other: the second finds the first's record and updates
 * it, where both would otherwise create it. Taken in sorted order, so that two requests never wait on
 * each other in a circle.
 */
export async function lockExternalIds(manager: EntityManager, table: string, scope: DataScope, externalIds: readonly string[]): Promise<void> {
  await manager.query(
    `SELECT count(pg_advisory_xact_lock(hashtextextended(key, 0)))
       FROM (SELECT $1 || '/' || coalesce($2, '') || '/' || id AS key FROM unnest($3::text[]) AS id ORDER BY 1) AS keys`,
    [table, scope.partnerId, externalIds],
  );
}

/**
 * The records the scope sees with these external ids in the caller's own set, by external id; with
 * `lockForUpdate`, locked (FOR NO KEY UPDATE) in id order, so that two writers never wait in a circle.
 */
export async function findByExternalIds<Entity extends ObjectLiteral & ExternallyKeyed>(
  scope: DataScope,
  manager: EntityManager,
  entity: EntityTarget<Entity>,
  externalIds: readonly string[],
  options: { lockForUpdate?: boolean } = {},
): Promise<Map<string, Entity>> {
  const query = scope.select(manager, entity, "keyed").andWhere("keyed.external_id = ANY(:externalIds)", { externalIds });
  if (options.lockForUpdate) query.orderBy("keyed.id").setLock("for_no_key_update");
  if (scope.partnerId === null) query.andWhere("keyed.external_id_owner IS NULL");
  else query.andWhere("keyed.external_id_owner = :externalIdOwner", { externalIdOwner: scope.partnerId });
  const found = await query.getMany();
  return new Map(found.map((record) => [record.externalId!, record]));
}

/**
 * A unique violation of an external id index: the caller's id belongs to a record it can no longer see
 * (e.g. a partner's contact of an account another partner now looks after). Other errors unchanged.
 */
export function asExternalIdConflict(error: unknown): unknown {
  if (!(error instanceof QueryFailedError)) return error;
  const driverError = error.driverError as { code?: string; constraint?: string };
  if (driverError.code !== "23505" || !driverError.constraint?.endsWith("_by_external_id")) return error;
  return new ConflictError("input.items: an externalId of the request belongs to a record the caller can no longer see; use another id", "EXTERNAL_ID_TAKEN");
}
