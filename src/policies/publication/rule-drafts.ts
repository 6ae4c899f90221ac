import { EntityManager } from "typeorm";
import { PolicyFamily, policyFamilies } from "../rule-files/rule-file";
import { versionInService } from "./rule-set-publication";
import { recordRuleAudit, RuleActor } from "./rule-audit";
import { RulePublicationError, RulePublicationErrorReason } from "./rule-publication.errors";

export type RuleDraftStatus = "editing" | "in_review" | "published" | "discarded";

/** One family's files as a draft changes them: the rule file and its test cases, as typed. */
export interface RuleDraftFile {
  family: PolicyFamily;
  document: string;
  tests: string;
}

export interface RuleApproval {
  approver: string;
  approverKeyId: string;
  comment: string;
  at: Date;
}

/** A proposed change of one or more rule files, published together or not at all. */
export interface RuleDraft {
  id: string;
  status: RuleDraftStatus;
  author: string;
  authorKeyId: string;
  comment: string;
  createdAt: Date;
  updatedAt: Date;
  /** The version in service when the draft was begun: a family changed in service since then is a conflict. */
  baseVersion: string;
  /** One more per save: an approval is for one revision. */
  revision: number;
  files: RuleDraftFile[];
  reviewRequestedAt: Date | null;
  publishedVersion: string | null;
  /** The approvals of the current revision. */
  approvals: RuleApproval[];
}

const draftColumns = `id::text, status, author, author_key_id AS "authorKeyId", comment, created_at AS "createdAt", updated_at AS "updatedAt",
  base_version AS "baseVersion", revision, files, review_requested_at AS "reviewRequestedAt", published_version AS "publishedVersion",
  COALESCE((SELECT json_agg(json_build_object('approver', approver, 'approverKeyId', approver_key_id, 'comment', comment, 'at', approved_at) ORDER BY approved_at)
            FROM rule_draft_approvals approval WHERE approval.draft_id = rule_drafts.id AND approval.revision = rule_drafts.revision), '[]') AS approvals`;

type DraftRow = Omit<RuleDraft, "files" | "approvals"> & { files: Record<string, RuleDraftFile>; approvals: (Omit<RuleApproval, "at"> & { at: string })[] };

function toDraft(row: DraftRow): RuleDraft {
  return {
    ...row,
    files: policyFamilies.filter((family) => row.files[family]).map((family) => row.files[family]),
    approvals: row.approvals.map((approval) => ({ ...approval, at: new Date(approval.at) })),
  };
}

export async function findRuleDraft(manager: EntityManager, id: string, lock = false): Promise<RuleDraft | undefined> {
  if (!/^\d{1,18}$/.test(id)) return undefined;
  const [row]: DraftRow[] = await manager.query(`SELECT ${draftColumns} FROM rule_drafts WHERE id = $1${lock ? " FOR UPDATE" : ""}`, [id]);
  return row && toDraft(row);
}

/** The draft to change: it must exist and still be open. */
export async function openRuleDraft(manager: EntityManager, id: string): Promise<RuleDraft> {
  const draft = await findRuleDraft(manager, id, true);
  if (!draft) throw new RulePublicationError(RulePublicationErrorReason.RULE_DRAFT_NOT_FOUND, `No rule draft with id "${id}"`, "draftId");
  if (draft.status === "published" || draft.status === "discarded") {
    throw new RulePublicationError(RulePublicationErrorReason.RULE_DRAFT_CLOSED, `Rule draft ${id} is ${draft.status}: begin a new draft`, "draftId");
  }
  return draft;
}

/** Open drafts (and, if asked, closed ones), latest change first. */
export async function listRuleDrafts(manager: EntityManager, includeClosed: boolean): Promise<RuleDraft[]> {
  const rows: DraftRow[] = await manager.query(
    `SELECT ${draftColumns} FROM rule_drafts ${includeClosed ? "" : "WHERE status IN ('editing', 'in_review')"} ORDER BY updated_at DESC, id DESC LIMIT 200`,
  );
  return rows.map(toDraft);
}

/**
 * Saves files into a draft (a new one when no id is given): each file replaces the draft's file of its
 * family; cases left out keep the draft's, else the ones in service. A save starts a new revision, so
 * approvals given before it no longer count.
 */
export async function saveRuleDraft(
  manager: EntityManager,
  actor: RuleActor,
  change: { draftId?: string; files: { family: string; document: string; tests?: string | null }[]; comment: string },
): Promise<RuleDraft> {
  const active = await versionInService(manager);
  const draft = change.draftId === undefined ? undefined : await openRuleDraft(manager, change.draftId);
  const files: Record<string, RuleDraftFile> = Object.fromEntries((draft?.files ?? []).map((file) => [file.family, file]));
  for (const file of change.files) {
    const family = knownFamily(file.family);
    const tests = file.tests ?? files[family]?.tests ?? active.tests?.[family]?.text ?? "";
    files[family] = { family, document: file.document, tests };
  }
  const id = draft ? draft.id : await insertDraft(manager, actor, active.version, files, change.comment);
  if (draft) {
    await manager.query(
      `UPDATE rule_drafts SET files = $2, comment = $3, revision = revision + 1, status = 'editing', review_requested_at = NULL, updated_at = now() WHERE id = $1`,
      [draft.id, files, change.comment],
    );
  }
  await recordRuleAudit(manager, actor, { action: "draft saved", draftId: id, comment: change.comment });
  return (await findRuleDraft(manager, id))!;
}

async function insertDraft(
  manager: EntityManager,
  actor: RuleActor,
  baseVersion: string,
  files: Record<string, RuleDraftFile>,
  comment: string,
): Promise<string> {
  const [{ id }]: { id: string }[] = await manager.query(
    `INSERT INTO rule_drafts (author, author_key_id, comment, base_version, files) VALUES ($1, $2, $3, $4, $5) RETURNING id::text`,
    [actor.name, actor.keyId, comment, baseVersion, files],
  );
  return id;
}

/** A family the client named: one of the three, else a refusal naming them. */
export function knownFamily(family: string, field = "input.family"): PolicyFamily {
  if (policyFamilies.includes(family as PolicyFamily)) return family as PolicyFamily;
  throw new RulePublicationError(
    RulePublicationErrorReason.RULE_FAMILY_UNKNOWN,
    `"${family}" is not a policy family: one of ${policyFamilies.join(", ")}`,
    field,
  );
}

export async function discardRuleDraft(manager: EntityManager, actor: RuleActor, id: string, comment: string): Promise<RuleDraft> {
  await openRuleDraft(manager, id);
  await manager.query(`UPDATE rule_drafts SET status = 'discarded', updated_at = now() WHERE id = $1`, [id]);
  await recordRuleAudit(manager, actor, { action: "draft discarded", draftId: id, comment });
  return (await findRuleDraft(manager, id))!;
}

export async function requestRuleReview(manager: EntityManager, actor: RuleActor, id: string, comment: string): Promise<RuleDraft> {
  await openRuleDraft(manager, id);
  await manager.query(`UPDATE rule_drafts SET status = 'in_review', review_requested_at = now(), updated_at = now() WHERE id = $1`, [id]);
  await recordRuleAudit(manager, actor, { action: "review requested", draftId: id, comment });
  return (await findRuleDraft(manager, id))!;
}

/** Four eyes: an approval counts for the revision it saw, and never from the key that wrote the draft. */
export async function approveRuleDraft(manager: EntityManager, actor: RuleActor, id: string, comment: string): Promise<RuleDraft> {
  const draft = await openRuleDraft(manager, id);
  if (draft.authorKeyId === actor.keyId) {
    throw new RulePublicationError(
      RulePublicationErrorReason.RULE_SELF_APPROVAL,
      `Rule draft ${id} was written with this key (${actor.name}): another analyst approves it`,
      "draftId",
    );
  }
  await manager.query(
    `INSERT INTO rule_draft_approvals (draft_id, revision, approver, approver_key_id, comment) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (draft_id, revision, approver_key_id) DO UPDATE SET comment = excluded.comment, approved_at = now()`,
    [id, draft.revision, actor.name, actor.keyId, comment],
  );
  await manager.query(`UPDATE rule_drafts SET updated_at = now() WHERE id = $1`, [id]);
  await recordRuleAudit(manager, actor, { action: "draft approved", draftId: id, comment });
  return (await findRuleDraft(manager, id))!;
}
