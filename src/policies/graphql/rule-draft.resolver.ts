import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from "type-graphql";
import { payloadOf } from "../../shared/mutation-payload";
import {
  RuleDraftFileInput,
  PublishRuleDraftPayload,
  RollbackRuleSetInput,
  RollbackRuleSetPayload,
  ApproveRuleDraftPayload,
  DiscardRuleDraftPayload,
  RequestRuleReviewPayload,
  RuleDraftStepInput,
  SaveRuleDraftInput,
  SaveRuleDraftPayload,
} from "./rule-draft.payloads";
import { actorOf, RuleWorkbenchRequest, workbenchOf } from "./rule-draft.context";
import { RuleAuditEntryType, RuleCheck, RuleDraftFileType, RuleDraftType, RuleSetVersionType, RuleTestRun } from "./rule-draft.types";
import { RuleImpact } from "./rule-impact.types";
import { draftView, problemView, testRunView, versionView } from "./rule-draft.views";

function contentOf(draftId: string | null | undefined, files: RuleDraftFileInput[] | null | undefined) {
  return { draftId: draftId ?? undefined, files: files ?? undefined };
}

/** The analysts' rule API (the /rules workbench page uses it): drafts, checks, cases, review, publication, history, rollback. */
@Resolver(() => RuleDraftType)
export class RuleDraftResolver {
  @Query(() => [RuleDraftType], { description: "Rule drafts, latest change first: the open ones, or all with includeClosed. Internal and analyst keys" })
  async ruleDrafts(
    @Arg("includeClosed", { defaultValue: false, description: "Also the published and discarded drafts" }) includeClosed: boolean,
    @Ctx() context: RuleWorkbenchRequest,
  ): Promise<RuleDraftType[]> {
    const workbench = workbenchOf(context);
    return (await workbench.drafts(includeClosed)).map((draft) => draftView(draft, workbench));
  }

  @Query(() => RuleDraftType, { nullable: true, description: "One rule draft; null when there is none of that id" })
  async ruleDraft(@Arg("id", () => ID, { description: "The draft's id" }) id: string, @Ctx() context: RuleWorkbenchRequest): Promise<RuleDraftType | null> {
    const workbench = workbenchOf(context);
    const draft = await workbench.draft(id);
    return draft ? draftView(draft, workbench) : null;
  }

  @Query(() => [RuleDraftFileType], { description: "Each family's rule file and test cases as in service: where a new draft starts" })
  ruleFilesInService(@Ctx() context: RuleWorkbenchRequest): Promise<RuleDraftFileType[]> {
    return workbenchOf(context).filesInService();
  }

  @Query(() => [RuleSetVersionType], { description: "Publications and rollbacks, newest first, each with who, why, when and its diff against the one before" })
  async ruleSetHistory(
    @Arg("first", () => Int, { defaultValue: 20, description: "How many, newest first (at most 200)" }) first: number,
    @Ctx() context: RuleWorkbenchRequest,
  ): Promise<RuleSetVersionType[]> {
    return (await workbenchOf(context).history(Math.min(Math.max(first, 1), 200))).map(versionView);
  }

  @Query(() => [RuleAuditEntryType], { description: "Every step taken on the rules, newest first, with the API key's name" })
  ruleAudit(
    @Arg("first", () => Int, { defaultValue: 50, description: "How many, newest first (at most 500)" }) first: number,
    @Ctx() context: RuleWorkbenchRequest,
  ): Promise<RuleAuditEntryType[]> {
    return workbenchOf(context).audit(Math.min(Math.max(first, 1), 500));
  }

  @Query(() => RuleCheck, {
    description:
      "Checks a draft, or files not saved yet (over the draft, else over the version in service): every problem of every file and every case, at once. Nothing is saved",
  })
  async checkRuleDraft(
    @Arg("draftId", () => ID, { nullable: true, description: "The draft to check; none: the version in service" }) draftId: string | null,
    @Arg("files", () => [RuleDraftFileInput], { nullable: true, description: "Files as typed, not saved, put over the draft's" })
    files: RuleDraftFileInput[] | null,
    @Ctx() context: RuleWorkbenchRequest,
  ): Promise<RuleCheck> {
    const { tested } = await workbenchOf(context).check(contentOf(draftId, files));
    return { valid: tested.ruleSet !== undefined, problems: tested.problems.map(problemView), version: tested.ruleSet?.version ?? null };
  }

  @Query(() => RuleTestRun, { description: "Runs the test cases of a draft (or of files not saved yet), each with its outcome. Nothing is saved" })
  async testRuleDraft(
    @Arg("draftId", () => ID, { nullable: true, description: "The draft to check; none: the version in service" }) draftId: string | null,
    @Arg("files", () => [RuleDraftFileInput], { nullable: true, description: "Files as typed, not saved, put over the draft's" })
    files: RuleDraftFileInput[] | null,
    @Ctx() context: RuleWorkbenchRequest,
  ): Promise<RuleTestRun> {
    return testRunView((await workbenchOf(context).check(contentOf(draftId, files))).tested);
  }

  @Query(() => RuleImpact, {
    description:
      "What a draft would change on live data, for every decision (tier, stage, risk, signals, barriers, actions, let go, priority, lane, due times): counts, from→to cells and examples, with a warning above RULES_PREVIEW_WARNING_SHARE. Reads only",
  })
  previewRuleDraft(
    @Arg("draftId", () => ID, { description: "The draft to preview" }) draftId: string,
    @Ctx() context: RuleWorkbenchRequest,
  ): Promise<RuleImpact> {
    return workbenchOf(context).preview(draftId);
  }

  @Mutation(() => SaveRuleDraftPayload, {
    nullable: true,
    description: "Saves a family's files into a draft (a new one without draftId); approvals given before no longer count",
  })
  saveRuleDraft(
    @Arg("input", () => SaveRuleDraftInput, { validate: false, description: "The family's files, the draft to save into, and the comment" })
    input: SaveRuleDraftInput,
    @Ctx() context: RuleWorkbenchRequest,
  ) {
    return payloadOf(context, input, async () => {
      const workbench = workbenchOf(context);
      const change = {
        draftId: input.draftId ?? undefined,
        files: [{ family: input.family, document: input.document, tests: input.tests }],
        comment: input.comment,
      };
      return { ruleDraft: draftView(await workbench.save(actorOf(context), change), workbench) };
    });
  }

  @Mutation(() => DiscardRuleDraftPayload, { nullable: true, description: "Gives a draft up (kept for the audit)" })
  discardRuleDraft(
    @Arg("input", () => RuleDraftStepInput, { validate: false, description: "The draft and a comment for the audit" }) input: RuleDraftStepInput,
    @Ctx() context: RuleWorkbenchRequest,
  ) {
    return payloadOf(context, input, async () => {
      const workbench = workbenchOf(context);
      return { ruleDraft: draftView(await workbench.discard(actorOf(context), input.draftId, input.comment), workbench) };
    });
  }

  @Mutation(() => RequestRuleReviewPayload, { nullable: true, description: "Asks another analyst to review a draft's current revision" })
  requestRuleReview(
    @Arg("input", () => RuleDraftStepInput, { validate: false, description: "The draft and a comment for the audit" }) input: RuleDraftStepInput,
    @Ctx() context: RuleWorkbenchRequest,
  ) {
    return payloadOf(context, input, async () => {
      const workbench = workbenchOf(context);
      return { ruleDraft: draftView(await workbench.requestReview(actorOf(context), input.draftId, input.comment), workbench) };
    });
  }

  @Mutation(() => ApproveRuleDraftPayload, {
    nullable: true,
    description: "Approves a draft's current revision; refused (RULE_SELF_APPROVAL) with the key that wrote it",
  })
  approveRuleDraft(
    @Arg("input", () => RuleDraftStepInput, { validate: false, description: "The draft and a comment for the audit" }) input: RuleDraftStepInput,
    @Ctx() context: RuleWorkbenchRequest,
  ) {
    return payloadOf(context, input, async () => {
      const workbench = workbenchOf(context);
      return { ruleDraft: draftView(await workbench.approve(actorOf(context), input.draftId, input.comment), workbench) };
    });
  }

  @Mutation(() => PublishRuleDraftPayload, {
    nullable: true,
    description:
      "Puts a draft in service on every server process, all its files at once, and re-evaluates the accounts: refused when a check or case fails (RULE_DRAFT_INVALID), an approval is missing (RULE_REVIEW_REQUIRED) or its families changed in service meanwhile (RULE_DRAFT_CONFLICT)",
  })
  publishRuleDraft(
    @Arg("input", () => RuleDraftStepInput, { validate: false, description: "The draft and a comment for the audit" }) input: RuleDraftStepInput,
    @Ctx() context: RuleWorkbenchRequest,
  ) {
    return payloadOf(context, input, async () => {
      const workbench = workbenchOf(context);
      const { draft, version } = await workbench.publish(actorOf(context), input.draftId, input.comment);
      return { ruleDraft: draftView(draft, workbench), ruleSetVersion: versionView(version) };
    });
  }

  @Mutation(() => RollbackRuleSetPayload, {
    nullable: true,
    description: "Puts an earlier published version back in service on every process; it holds until someone publishes anew",
  })
  rollbackRuleSet(
    @Arg("input", () => RollbackRuleSetInput, { validate: false, description: "The version and why" }) input: RollbackRuleSetInput,
    @Ctx() context: RuleWorkbenchRequest,
  ) {
    return payloadOf(context, input, async () => ({
      ruleSetVersion: versionView(await workbenchOf(context).rollback(actorOf(context), input.to, input.comment)),
    }));
  }
}
