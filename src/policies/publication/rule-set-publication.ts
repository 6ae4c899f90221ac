import { DataSource, EntityManager } from "typeorm";
import { PolicyFamily } from "../rule-files/rule-file";
import { RuleFileSource } from "../rule-files/validate-rule-files";
import { appendEvents } from "../../events/domain-events";

/** Why a version went into service: a valid file change, an operator's rollback, or results missing for it. */
export type ActivationReason = "published" | "rollback" | "stale";

export interface Activation {
  id: number;
  version: string;
  sources: Record<PolicyFamily, RuleFileSource>;
}

/** Accounts per re-evaluation batch: one transaction of facts, engines and writes. */
const accountsPerBatch = 1000;

/** Any fixed number: it names the lock that orders activations, so that two processes never activate the same change twice. */
const activationLockKey = 7_346_210_002;

/** The version in service: the last activation. */
export async function activeRuleSet(manager: EntityManager): Promise<Activation | undefined> {
  const [row]: Activation[] = await manager.query(
    `SELECT activation.id, activation.version, version.sources
     FROM rule_set_activations activation JOIN rule_set_versions version ON version.version = activation.version
     ORDER BY activation.id DESC LIMIT 1`,
  );
  return row && { id: Number(row.id), version: row.version, sources: row.sources };
}

export async function isPublished(manager: EntityManager, version: string): Promise<boolean> {
  const [row]: unknown[] = await manager.query(`SELECT 1 FROM rule_set_versions WHERE version = $1`, [version]);
  return row !== undefined;
}

/**
 * Puts a version in service for every process: stores it (once), records the activation and the
 * batches of the re-evaluation it needs, in one transaction. Nothing happens when the version is in
 * service already (other processes saw the same file change). Returns the new activation, if any.
 */
export async function activate(
  dataSource: DataSource,
  ruleSet: { version: string; sources: Record<PolicyFamily, RuleFileSource> },
  reason: ActivationReason,
  activatedBy: string,
): Promise<number | undefined> {
  return dataSource.transaction(async (manager) => {
    await manager.query(`SELECT pg_advisory_xact_lock($1)`, [activationLockKey]);
    const active = await activeRuleSet(manager);
    if (active?.version === ruleSet.version && reason !== "stale") return undefined;
    await manager.query(`INSERT INTO rule_set_versions (version, sources, published_by) VALUES ($1, $2, $3) ON CONFLICT (version) DO NOTHING`, [
      ruleSet.version,
      ruleSet.sources,
      activatedBy,
    ]);
    const [{ id }]: { id: number }[] = await manager.query(
      `INSERT INTO rule_set_activations (version, reason, activated_by) VALUES ($1, $2, $3) RETURNING id`,
      [ruleSet.version, reason, activatedBy],
    );
    await appendEvents(manager, [
      {
        type: "ruleSet.activated",
        occurredAt: new Date(),
        rulesVersion: ruleSet.version,
        accountId: null,
        subjectId: null,
        before: active ? { version: active.version } : null,
        after: { version: ruleSet.version, reason, activatedBy },
      },
    ]);
    // Work left of earlier activations is superseded: the new one covers every account it needs.
    await manager.query(`DELETE FROM reevaluation_batches WHERE done_at IS NULL AND activation_id <> $1`, [id]);
    // Batches over the accounts without a result of this version (all of them, for a new version).
    // uuid has no min(): its text in the C collation sorts as the uuid does.
    await manager.query(
      `INSERT INTO reevaluation_batches (activation_id, first_account_id, last_account_id)
       SELECT $1, min(id::text COLLATE "C")::uuid, max(id::text COLLATE "C")::uuid FROM (
         SELECT id, (row_number() OVER (ORDER BY id) - 1) / $2 AS batch FROM accounts
         WHERE NOT EXISTS (SELECT 1 FROM account_assessments assessment WHERE assessment.account_id = accounts.id AND assessment.rules_version = $3)
       ) numbered GROUP BY batch`,
      [id, accountsPerBatch, ruleSet.version],
    );
    await manager.query(`SELECT pg_notify($1, $2)`, [ruleSetChannel, String(id)]);
    return Number(id);
  });
}

/** The channel on which activations are announced (the payload is the activation id). */
export const ruleSetChannel = "customer_graph_rule_sets";

export interface Batch {
  firstAccountId: string;
  lastAccountId: string;
}

/** Claims the next batch of an activation nobody works on (or whose worker went silent for 5 minutes). */
export async function claimBatch(dataSource: DataSource, activationId: number, worker: string): Promise<Batch | undefined> {
  // An UPDATE answers [rows, count] through TypeORM.
  const [[row]]: [Batch[], number] = await dataSource.query(
    `UPDATE reevaluation_batches SET claimed_by = $2, claimed_at = now()
     WHERE (activation_id, first_account_id) = (
       SELECT activation_id, first_account_id FROM reevaluation_batches
       WHERE activation_id = $1 AND done_at IS NULL AND (claimed_at IS NULL OR claimed_at < now() - interval '5 minutes')
       ORDER BY first_account_id LIMIT 1 FOR UPDATE SKIP LOCKED)
     RETURNING first_account_id AS "firstAccountId", last_account_id AS "lastAccountId"`,
    [activationId, worker],
  );
  return row;
}

/** In the transaction that wrote the batch's results: done, and by whom. */
export async function completeBatch(manager: EntityManager, activationId: number, batch: Batch, accounts: number): Promise<void> {
  await manager.query(`UPDATE reevaluation_batches SET done_at = now(), accounts = $3 WHERE activation_id = $1 AND first_account_id = $2`, [
    activationId,
    batch.firstAccountId,
    accounts,
  ]);
}

/** A batch claimed but not begun (the worker stops): free for the others at once, not after 5 minutes. */
export async function releaseBatch(dataSource: DataSource, activationId: number, batch: Batch, worker: string): Promise<void> {
  await dataSource.query(
    `UPDATE reevaluation_batches SET claimed_by = NULL, claimed_at = NULL
     WHERE activation_id = $1 AND first_account_id = $2 AND claimed_by = $3 AND done_at IS NULL`,
    [activationId, batch.firstAccountId, worker],
  );
}

export async function hasOpenBatches(manager: EntityManager, activationId: number): Promise<boolean> {
  const [row]: unknown[] = await manager.query(`SELECT 1 FROM reevaluation_batches WHERE activation_id = $1 AND done_at IS NULL LIMIT 1`, [activationId]);
  return row !== undefined;
}

export interface PublishedVersion {
  version: string;
  publishedBy: string;
  publishedAt: Date;
  inService: boolean;
}

/** Every version ever published, newest first, marking the one in service. */
export async function publishedVersions(manager: EntityManager): Promise<PublishedVersion[]> {
  const active = await activeRuleSet(manager);
  const rows: Array<{ version: string; publishedBy: string; publishedAt: Date }> = await manager.query(
    `SELECT version, published_by AS "publishedBy", published_at AS "publishedAt" FROM rule_set_versions ORDER BY published_at DESC, version`,
  );
  return rows.map((row) => ({ ...row, inService: row.version === active?.version }));
}

export class UnknownRuleSetVersionError extends Error {}

/** Puts an earlier published version back in service for the whole group (and re-evaluates with it). */
export async function rollBackTo(dataSource: DataSource, version: string, by: string): Promise<number | undefined> {
  const [row]: Pick<Activation, "sources">[] = await dataSource.query(`SELECT sources FROM rule_set_versions WHERE version = $1`, [version]);
  if (!row) throw new UnknownRuleSetVersionError(`No rule set version ${version} was ever published (see npm run rules:rollback without --to)`);
  return activate(dataSource, { version, sources: row.sources }, "rollback", by);
}
