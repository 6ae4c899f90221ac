import { DataSource, EntityManager } from "typeorm";
import { PolicyFamily } from "../rule-files/rule-file";
import { RuleFileSource } from "../rule-files/validate-rule-files";
import { appendEvents } from "../../events/domain-events";
import { JobQueue } from "../../jobs/job-queue";
import { Batch, reevaluationJobs } from "./reevaluation-jobs";

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
 * Puts a version in service for every process: stores it (once), records the activation and queues the
 * jobs of the re-evaluation it needs (src/policies/publication/reevaluation-jobs.ts), in one transaction. Nothing happens when the version is in
 * service already (other processes saw the same file change). Returns the new activation, if any.
 */
export async function activate(
  dataSource: DataSource,
  ruleSet: { version: string; sources: Record<PolicyFamily, RuleFileSource> },
  reason: ActivationReason,
  activatedBy: string,
  queue: JobQueue,
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
    // Batches over the accounts without a result of this version (all of them, for a new version); jobs
    // left of earlier activations find themselves superseded when they run, and do nothing.
    // uuid has no min(): its text in the C collation sorts as the uuid does.
    const batches: Batch[] = await manager.query(
      `SELECT min(id::text COLLATE "C")::uuid AS "firstAccountId", max(id::text COLLATE "C")::uuid AS "lastAccountId" FROM (
         SELECT id, (row_number() OVER (ORDER BY id) - 1) / $1 AS batch FROM accounts
         WHERE NOT EXISTS (SELECT 1 FROM account_assessments assessment WHERE assessment.account_id = accounts.id AND assessment.rules_version = $2)
       ) numbered GROUP BY batch ORDER BY batch`,
      [accountsPerBatch, ruleSet.version],
    );
    await queue.add(manager, reevaluationJobs(Number(id), batches));
    await manager.query(`SELECT pg_notify($1, $2)`, [ruleSetChannel, String(id)]);
    return Number(id);
  });
}

/** The channel on which activations are announced (the payload is the activation id). */
export const ruleSetChannel = "customer_graph_rule_sets";

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
export async function rollBackTo(dataSource: DataSource, version: string, by: string, queue: JobQueue): Promise<number | undefined> {
  const [row]: Pick<Activation, "sources">[] = await dataSource.query(`SELECT sources FROM rule_set_versions WHERE version = $1`, [version]);
  if (!row) throw new UnknownRuleSetVersionError(`No rule set version ${version} was ever published (see npm run rules:rollback without --to)`);
  return activate(dataSource, { version, sources: row.sources }, "rollback", by, queue);
}
