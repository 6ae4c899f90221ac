import { EntityManager } from "typeorm";

/** Who takes a step on the rules: an API key (its name and id), or the command line or a rules folder (an id of its own). */
export interface RuleActor {
  name: string;
  keyId: string;
}

export type RuleAuditAction = "draft saved" | "draft discarded" | "review requested" | "draft approved" | "published" | "rolled back";

export interface RuleAuditEntry {
  at: Date;
  actor: string;
  action: RuleAuditAction;
  draftId: string | null;
  version: string | null;
  comment: string;
}

/** Records one step, in the caller's transaction: the step and its audit entry are written together. */
export async function recordRuleAudit(
  manager: EntityManager,
  actor: RuleActor,
  entry: { action: RuleAuditAction; draftId?: string; version?: string; comment: string },
): Promise<void> {
  await manager.query(`INSERT INTO rule_audit (actor, actor_key_id, action, draft_id, version, comment) VALUES ($1, $2, $3, $4, $5, $6)`, [
    actor.name,
    actor.keyId,
    entry.action,
    entry.draftId ?? null,
    entry.version ?? null,
    entry.comment,
  ]);
}

/** The latest steps, newest first. */
export async function ruleAudit(manager: EntityManager, first: number): Promise<RuleAuditEntry[]> {
  const rows: (RuleAuditEntry & { draftId: string | number | null })[] = await manager.query(
    `SELECT at, actor, action, draft_id AS "draftId", version, comment FROM rule_audit ORDER BY at DESC, id DESC LIMIT $1`,
    [first],
  );
  return rows.map((row) => ({ ...row, draftId: row.draftId === null ? null : String(row.draftId) }));
}
