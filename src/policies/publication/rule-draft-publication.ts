import { DataSource, EntityManager } from "typeorm";
import { JobQueue } from "../../jobs/job-queue";
import { PolicyFamily, policyFamilies } from "../rule-files/rule-file";
import { describeProblem } from "../rule-files/rule-problem";
import { RuleSetSources } from "../rule-set";
import { checkRuleSetSources, TestedRuleSet } from "../rule-set-loading";
import { recordRuleAudit, RuleActor } from "./rule-audit";
import { findRuleDraft, knownFamily, openRuleDraft, RuleDraft, RuleDraftFile } from "./rule-drafts";
import { RulePublicationError, RulePublicationErrorReason } from "./rule-publication.errors";
import { activate, Activation, publishedRuleSet, PublishableRuleSet, versionInService } from "./rule-set-publication";

/** What a draft would put in service: the version in service with the draft's files (then any given files) over it. */
export function sourcesWithDraft(
  active: Pick<Activation, "sources" | "tests">,
  files: readonly Pick<RuleDraftFile, "family" | "document" | "tests">[],
): RuleSetSources {
  const sources: RuleSetSources = {
    rules: { ...active.sources },
    tests: Object.fromEntries(
      policyFamilies.map((family) => [family, active.tests?.[family] ?? { family, file: `rules/tests/${family}.json`, text: "" }]),
    ) as RuleSetSources["tests"],
  };
  for (const file of files) {
    sources.rules[file.family] = { family: file.family, file: `rules/${file.family}.json`, text: file.document };
    sources.tests[file.family] = { family: file.family, file: `rules/tests/${file.family}.json`, text: file.tests };
  }
  return sources;
}

export interface DraftCheck {
  tested: TestedRuleSet;
  sources: RuleSetSources;
}

/** Checks and tests a draft (or files not saved yet, over it or over the version in service) without saving anything. */
export async function checkRuleDraft(
  manager: EntityManager,
  content: { draftId?: string; files?: readonly { family: string; document: string; tests?: string | null }[] },
): Promise<DraftCheck> {
  const active = await versionInService(manager);
  const draft = content.draftId === undefined ? undefined : await findRuleDraft(manager, content.draftId);
  if (content.draftId !== undefined && !draft) {
    throw new RulePublicationError(RulePublicationErrorReason.RULE_DRAFT_NOT_FOUND, `No rule draft with id "${content.draftId}"`, "draftId");
  }
  const underneath = sourcesWithDraft(active, draft?.files ?? []);
  const given = (content.files ?? []).map((file, index) => {
    const family = knownFamily(file.family, `files[${index}].family`);
    return { ...file, family, tests: file.tests ?? underneath.tests[family].text };
  });
  const sources = sourcesWithDraft({ sources: underneath.rules, tests: underneath.tests }, given);
  return { tested: await checkRuleSetSources(sources), sources };
}

export interface PublicationPolicy {
  /** The families whose changes need an approval by another key than the author's. */
  reviewFamilies: readonly PolicyFamily[];
  queue: JobQueue;
}

/**
 * Puts a draft in service for the whole group, every file of it at once: refused when a family it
 * changes changed in service since it was begun, when it needs an approval it lacks, or when a check
 * or a case fails. Returns the version in service afterwards.
 */
export async function publishRuleDraft(dataSource: DataSource, actor: RuleActor, id: string, comment: string, policy: PublicationPolicy): Promise<string> {
  const draft = await openRuleDraft(dataSource.manager, id);
  const active = await versionInService(dataSource.manager);
  await refuseConflicts(dataSource.manager, draft, active);
  refuseUnreviewed(draft, policy.reviewFamilies);
  const { tested, sources } = await checkRuleDraft(dataSource.manager, { draftId: id });
  if (!tested.ruleSet) {
    throw new RulePublicationError(
      RulePublicationErrorReason.RULE_DRAFT_INVALID,
      `Rule draft ${id} cannot be published: ${tested.problems.map(describeProblem).join("\n")}`,
      "draftId",
    );
  }
  const candidate: PublishableRuleSet = { version: tested.ruleSet.version, sources: sources.rules, tests: sources.tests };
  const closeDraft = async (manager: EntityManager) => {
    // In a SELECT: an UPDATE's RETURNING comes back from TypeORM as [rows, count].
    const [{ closed }]: { closed: number }[] = await manager.query(
      `WITH closed AS (
         UPDATE rule_drafts SET status = 'published', published_version = $3, updated_at = now()
         WHERE id = $1 AND revision = $2 AND status IN ('editing', 'in_review') RETURNING id)
       SELECT count(*)::int AS closed FROM closed`,
      [id, draft.revision, candidate.version],
    );
    // A save or a publication by someone else between the checks and now: the checked revision is not the draft any more.
    if (closed === 0) {
      throw new RulePublicationError(RulePublicationErrorReason.RULE_DRAFT_CONFLICT, `Rule draft ${id} changed while it was published: try again`, "draftId");
    }
    await recordRuleAudit(manager, actor, { action: "published", draftId: id, version: candidate.version, comment });
  };
  const activation = await activate(dataSource, candidate, { reason: "published", by: actor.name, comment, alongside: closeDraft }, policy.queue);
  // The draft changes nothing in service (its files are those in service already): it is closed as published all the same.
  if (activation === undefined) await dataSource.transaction(closeDraft);
  return candidate.version;
}

async function refuseConflicts(manager: EntityManager, draft: RuleDraft, active: Activation): Promise<void> {
  if (draft.baseVersion === active.version) return;
  const base = await publishedRuleSet(manager, draft.baseVersion);
  const changed = draft.files
    .map((file) => file.family)
    .filter((family) => base?.sources[family].text !== active.sources[family].text || base?.tests?.[family]?.text !== active.tests?.[family]?.text);
  if (changed.length > 0) {
    throw new RulePublicationError(
      RulePublicationErrorReason.RULE_DRAFT_CONFLICT,
      `${changed.join(", ")} changed in service since rule draft ${draft.id} was begun (on version ${draft.baseVersion}; ${active.version} is in service): ` +
        `begin a new draft from the version in service and make the change again`,
      "draftId",
    );
  }
}

/** The families of a draft whose changes another analyst approves before they are published. */
export function familiesNeedingReview(draft: Pick<RuleDraft, "files">, reviewFamilies: readonly PolicyFamily[]): PolicyFamily[] {
  return draft.files.map((file) => file.family).filter((family) => reviewFamilies.includes(family));
}

function refuseUnreviewed(draft: RuleDraft, reviewFamilies: readonly PolicyFamily[]): void {
  const needing = familiesNeedingReview(draft, reviewFamilies);
  if (needing.length === 0 || draft.approvals.some((approval) => approval.approverKeyId !== draft.authorKeyId)) return;
  throw new RulePublicationError(
    RulePublicationErrorReason.RULE_REVIEW_REQUIRED,
    `Rule draft ${draft.id} changes ${needing.join(", ")}, which another analyst approves first (revision ${draft.revision} has no approval): ` +
      `request a review`,
    "draftId",
  );
}
