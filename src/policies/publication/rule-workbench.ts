import { DataSource } from "typeorm";
import { JobQueue } from "../../jobs/job-queue";
import { PolicyFamily, policyFamilies } from "../rule-files/rule-file";
import { RuleActor, ruleAudit, RuleAuditEntry } from "./rule-audit";
import { checkRuleDraft, DraftCheck, familiesNeedingReview, publishRuleDraft } from "./rule-draft-publication";
import { approveRuleDraft, discardRuleDraft, findRuleDraft, listRuleDrafts, requestRuleReview, RuleDraft, RuleDraftFile, saveRuleDraft } from "./rule-drafts";
import { rollBackTo, ruleSetHistory, RuleSetHistoryEntry } from "./rule-set-history";
import { activeRuleSet } from "./rule-set-publication";
import { RulePublicationError, RulePublicationErrorReason } from "./rule-publication.errors";
import { compileRuleSet } from "../rule-set";
import { describeProblem } from "../rule-files/rule-problem";
import { previewImpact } from "../impact/preview-impact";
import { RuleImpact } from "../impact/rule-impact";

export interface RuleWorkbenchSettings {
  /** Where a publication or rollback queues its re-evaluation; without one (a test app) the workbench reads only. */
  queue?: JobQueue;
  /** The families whose changes another analyst approves before they are published (four eyes). */
  reviewFamilies: readonly PolicyFamily[];
  /** Above this share of accounts changed, a preview warns (RULES_PREVIEW_WARNING_SHARE). */
  previewWarningShare: number;
}

/** A process without a job queue (a command, a test server): it reads, checks, tests and previews; it publishes nothing. */
export const readOnlyRuleWorkbench: RuleWorkbenchSettings = Object.freeze({ reviewFamilies: policyFamilies, previewWarningShare: 0.2 });

/** Files not saved yet, over a draft (or over the version in service when no draft is named). */
export interface DraftContent {
  draftId?: string;
  /** As the client sent them: an unknown family is refused (RULE_FAMILY_UNKNOWN). */
  files?: readonly { family: string; document: string; tests?: string | null }[];
}

/**
 * What the analysts' API (and the /rules workbench page on it) does with rules, each step in one
 * transaction with its audit entry: drafts, checks and cases, review, publication, history, rollback.
 * Every request gets one (createRequestContext); the process's job queue, which a publication fills, comes
 * with its settings (without one it reads, checks and previews only).
 */
export class RuleWorkbench {
  constructor(
    private readonly dataSource: DataSource,
    readonly settings: RuleWorkbenchSettings,
  ) {}

  drafts(includeClosed: boolean): Promise<RuleDraft[]> {
    return listRuleDrafts(this.dataSource.manager, includeClosed);
  }

  draft(id: string): Promise<RuleDraft | undefined> {
    return findRuleDraft(this.dataSource.manager, id);
  }

  history(first: number): Promise<RuleSetHistoryEntry[]> {
    return ruleSetHistory(this.dataSource.manager, first);
  }

  audit(first: number): Promise<RuleAuditEntry[]> {
    return ruleAudit(this.dataSource.manager, first);
  }

  /** The files in service, each family's rules and cases: where a new draft starts. */
  async filesInService(): Promise<RuleDraftFile[]> {
    const active = await activeRuleSet(this.dataSource.manager);
    if (!active) return [];
    return policyFamilies.map((family) => ({ family, document: active.sources[family].text, tests: active.tests?.[family]?.text ?? "" }));
  }

  check(content: DraftContent): Promise<DraftCheck> {
    return checkRuleDraft(this.dataSource.manager, content);
  }

  /**
   * What a draft would change on live data, decision by decision, against the version in service
   * (refused when its rule files do not compile; failing cases do not stop a preview).
   */
  async preview(draftId: string): Promise<RuleImpact> {
    const { sources } = await this.check({ draftId });
    const active = (await activeRuleSet(this.dataSource.manager))!;
    const current = compileRuleSet(active.sources);
    const compiled = compileRuleSet(sources.rules);
    if (!compiled.loaded) {
      throw new RulePublicationError(
        RulePublicationErrorReason.RULE_DRAFT_INVALID,
        `Rule draft ${draftId} does not compile, so it cannot be previewed: ${compiled.problems.map(describeProblem).join("\n")}`,
        "draftId",
      );
    }
    // The version in service compiled where it was published; a process that cannot compile it serves another and says so.
    if (!current.loaded) throw new Error(`Version ${active.version} in service does not compile in this process`);
    return previewImpact(this.dataSource, current.ruleSet, compiled.ruleSet, { warningShare: this.settings.previewWarningShare });
  }

  private queue(): JobQueue {
    if (!this.settings.queue) throw new Error("This process runs no job queue: it cannot publish or roll back rules");
    return this.settings.queue;
  }

  reviewRequired(draft: Pick<RuleDraft, "files">): boolean {
    return familiesNeedingReview(draft, this.settings.reviewFamilies).length > 0;
  }

  save(actor: RuleActor, change: Parameters<typeof saveRuleDraft>[2]): Promise<RuleDraft> {
    return this.dataSource.transaction((manager) => saveRuleDraft(manager, actor, change));
  }

  discard(actor: RuleActor, id: string, comment: string): Promise<RuleDraft> {
    return this.dataSource.transaction((manager) => discardRuleDraft(manager, actor, id, comment));
  }

  requestReview(actor: RuleActor, id: string, comment: string): Promise<RuleDraft> {
    return this.dataSource.transaction((manager) => requestRuleReview(manager, actor, id, comment));
  }

  approve(actor: RuleActor, id: string, comment: string): Promise<RuleDraft> {
    return this.dataSource.transaction((manager) => approveRuleDraft(manager, actor, id, comment));
  }

  /** Publishes the draft; returns it as published and the history entry of the version in service. */
  async publish(actor: RuleActor, id: string, comment: string): Promise<{ draft: RuleDraft; version: RuleSetHistoryEntry }> {
    await publishRuleDraft(this.dataSource, actor, id, comment, { reviewFamilies: this.settings.reviewFamilies, queue: this.queue() });
    return { draft: (await this.draft(id))!, version: (await this.history(1))[0] };
  }

  async rollback(actor: RuleActor, to: string, comment: string): Promise<RuleSetHistoryEntry> {
    await rollBackTo(this.dataSource, to, { actor, comment }, this.queue());
    return (await this.history(1))[0];
  }
}
