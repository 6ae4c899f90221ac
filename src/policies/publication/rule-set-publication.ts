import { DataSource, EntityManager } from "typeorm";
import { PolicyFamily, policyFamilies } from "../rule-files/rule-file";
import { RuleFileSource } from "../rule-files/validate-rule-files";
import { appendEvents } from "../../events/domain-events";
import { JobQueue } from "../../jobs/job-queue";
import { Batch, reevaluationJobs } from "./reevaluation-jobs";
import { RulePublicationError, RulePublicationErrorReason } from "./rule-publication.errors";

/** Why a version went into service: a valid file change, an operator's rollback, or results missing for it. */
export type ActivationReason = "published" | "rollback" | "stale";

export interface Activation {
  id: number;
  version: string;
  sources: Record<PolicyFamily, RuleFileSource>;
  /** The cases published with it; null for an activation older than the analysts' workbench (the folder's are used then). */
  tests: Record<PolicyFamily, RuleFileSource> | null;
}

/** What is put in service: a version's rule files and the cases that go with them. */
export interface PublishableRuleSet {
  version: string;
  sources: Record<PolicyFamily, RuleFileSource>;
  tests: Record<PolicyFamily, RuleFileSource> | null;
}

/** Who puts a version in service, and why: the name of an API key, or the command line's host. */
export interface ActivationRecord {
  reason: ActivationReason;
  by: string;
  comment: string;
  /** Runs in the activation's transaction (a draft marked published, the audit written): all of it happens or none. */
  alongside?: (manager: EntityManager, activationId: number) => Promise<void>;
}

/** Accounts per re-evaluation batch: one transaction of facts, engines and writes. */
const accountsPerBatch = 1000;

/** Any fixed number: it names the lock that orders activations, so that two processes never activate the same change twice. */
const activationLockKey = 7_346_210_002;

/** The version in service: the last activation. */
export async function activeRuleSet(manager: EntityManager): Promise<Activation | undefined> {
  const [row]: Activation[] = await manager.query(
    `SELECT activation.id, activation.version, version.sources, activation.tests
     FROM rule_set_activations activation JOIN rule_set_versions version ON version.version = activation.version
     ORDER BY activation.id DESC LIMIT 1`,
  );
  return row && { id: Number(row.id), version: row.version, sources: row.sources, tests: row.tests };
}

/** The activation in service: a server publishes its rules folder when it first starts, so only a database no server ever used has none. */
export async function versionInService(manager: EntityManager): Promise<Activation> {
  const active = await activeRuleSet(manager);
  if (active) return active;
  throw new RulePublicationError(RulePublicationErrorReason.RULE_VERSION_NOT_FOUND, "No rule set has been published to this database yet: start a server once");
}

export async function isPublished(manager: EntityManager, version: string): Promise<boolean> {
  const [row]: unknown[] = await manager.query(`SELECT 1 FROM rule_set_versions WHERE version = $1`, [version]);
  return row !== undefined;
}

/**
 * Puts a version in service for every process: stores it (once), records the activation and queues the
 * jobs of the re-evaluation it needs (src/policies/publication/reevaluation-jobs.ts), in one transaction. Nothing happens when the version is in
 * service already with the same cases (other processes saw the same change). Returns the new activation, if any.
 */
export async function activate(dataSource: DataSource, ruleSet: PublishableRuleSet, record: ActivationRecord, queue: JobQueue): Promise<number | undefined> {
  return dataSource.transaction(async (manager) => {
    await manager.query(`SELECT pg_advisory_xact_lock($1)`, [activationLockKey]);
    const active = await activeRuleSet(manager);
    const unchanged = active?.version === ruleSet.version && sameTests(active.tests, ruleSet.tests);
    if (unchanged && record.reason !== "stale") return undefined;
    await manager.query(`INSERT INTO rule_set_versions (version, sources, published_by) VALUES ($1, $2, $3) ON CONFLICT (version) DO NOTHING`, [
      ruleSet.version,
      ruleSet.sources,
      record.by,
    ]);
    const [{ id }]: { id: number }[] = await manager.query(
      `INSERT INTO rule_set_activations (version, reason, activated_by, tests, comment) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [ruleSet.version, record.reason, record.by, ruleSet.tests ?? active?.tests ?? null, record.comment],
    );
    await record.alongside?.(manager, Number(id));
    await appendEvents(manager, [
      {
        type: "ruleSet.activated",
        occurredAt: new Date(),
        rulesVersion: ruleSet.version,
        accountId: null,
        subjectId: null,
        before: active ? { version: active.version } : null,
        after: { version: ruleSet.version, reason: record.reason, activatedBy: record.by },
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

function sameTests(left: Activation["tests"], right: Activation["tests"]): boolean {
  if (!left || !right) return left === right || right === null;
  return policyFamilies.every((family) => left[family]?.text === right[family]?.text);
}

/** The rule files and cases of a published version, as its latest activation had them; undefined when never published. */
export async function publishedRuleSet(manager: EntityManager, version: string): Promise<PublishableRuleSet | undefined> {
  const [row]: PublishableRuleSet[] = await manager.query(
    `SELECT version.version, version.sources, activation.tests
     FROM rule_set_versions version
     LEFT JOIN LATERAL (SELECT tests FROM rule_set_activations WHERE version = version.version AND tests IS NOT NULL ORDER BY id DESC LIMIT 1) activation ON true
     WHERE version.version = $1`,
    [version],
  );
  return row;
}
