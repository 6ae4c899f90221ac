import rulesSchema from "../../schema/rules.schema.json";
import testsSchema from "../../schema/rules-tests.schema.json";
import { button, element, formatTime, show } from "./dom";
import { ApiError, mutate, Payload, Request } from "./graphql-client";
import { checkQuery, draftQuery, draftStepMutations, RuleDraft, RuleFile, RuleProblem, saveMutation, testQuery, TestRun } from "./operations";
import { createJsonEditor, JsonEditor, JsonSchema } from "./rule-editor";
import { problemList } from "./result-views";

/** What the draft editor needs from the page around it. */
export interface DraftEditorHost {
  request: Request;
  /** The files in service, what a new draft starts from (and a draft's families it does not change). */
  filesInService(): Promise<RuleFile[]>;
  say(message: string): void;
  fail(error: unknown): void;
  /** A draft was saved or moved on: the lists around show it. */
  changed(): Promise<void>;
  showTestRun(run: TestRun): void;
  preview(draftId: string): Promise<void>;
  published(draftId: string, comment: string): Promise<void>;
}

/** How long typing pauses before the draft is checked. */
const checkDelayMilliseconds = 400;

/**
 * One family's rule file and test cases, of a draft or of the version in service: edited with
 * problems shown as you type (the server's check), saved, tested, and taken through review.
 */
export class DraftEditor {
  readonly root: HTMLElement;
  private draft: RuleDraft | null = null;
  private family = "tiering";
  private readonly heading = element("h2", { id: "draft-heading" }, "No file open");
  private readonly details = element("div", { class: "draft-details", "data-testid": "draft-details" });
  private readonly familySelect = element("select", { "aria-label": "Family" });
  private readonly problems = element("div", { class: "problems", "data-testid": "problems", "aria-live": "polite" });
  private readonly comment = element("input", {
    type: "text",
    "aria-label": "Comment",
    placeholder: "What and why (kept with the draft, the review and the version)",
  });
  private readonly rules: JsonEditor;
  private readonly tests: JsonEditor;
  private checkTimer: number | undefined;
  private checkSequence = 0;

  constructor(private readonly host: DraftEditorHost) {
    const rulesBox = element("div", { class: "editor", "data-testid": "rule-editor" });
    const testsBox = element("div", { class: "editor", "data-testid": "tests-editor" });
    this.rules = createJsonEditor(rulesBox, "Rule file", rulesSchema as JsonSchema, () => this.scheduleCheck());
    this.tests = createJsonEditor(testsBox, "Test cases", testsSchema as JsonSchema, () => this.scheduleCheck());
    this.familySelect.addEventListener("change", () => void this.run(() => this.selectFamily(this.familySelect.value)));
    this.root = element(
      "section",
      { class: "draft", "aria-labelledby": "draft-heading", hidden: true },
      this.heading,
      this.details,
      element("label", {}, "Family ", this.familySelect),
      element(
        "div",
        { class: "editors" },
        element("div", {}, element("h3", {}, "Rule file"), rulesBox),
        element("div", {}, element("h3", {}, "Test cases"), testsBox),
      ),
      element("h3", {}, "Problems"),
      this.problems,
      element("label", { class: "comment" }, "Comment ", this.comment),
      element(
        "div",
        { class: "actions" },
        button("Save draft", {}, () => this.run(() => this.save())),
        button("Check", {}, () => this.run(() => this.check())),
        button("Run test cases", {}, () => this.run(() => this.runTests())),
        button("Preview impact", {}, () => this.run(() => this.host.preview(this.savedDraft().id))),
        button("Request review", {}, () => this.run(() => this.step("requestReview", "Review requested"))),
        button("Approve", {}, () => this.run(() => this.step("approve", "Approved"))),
        button("Publish", {}, () => this.run(() => this.host.published(this.savedDraft().id, this.requiredComment()))),
        button("Discard draft", {}, () => this.run(() => this.step("discard", "Draft discarded"))),
      ),
    );
  }

  /** A family as it is in service, to begin a new draft from. */
  async openFamily(family: string): Promise<void> {
    this.draft = null;
    await this.load(family);
  }

  async openDraft(id: string): Promise<void> {
    const { ruleDraft } = await this.host.request<{ ruleDraft: RuleDraft | null }>(draftQuery, { id });
    if (!ruleDraft) throw new ApiError(`There is no draft ${id}`, "RULE_DRAFT_NOT_FOUND");
    this.draft = ruleDraft;
    await this.load(ruleDraft.files[0]?.family ?? "tiering");
  }

  /** After a publish: the draft is closed, shown as such. */
  async reload(): Promise<void> {
    if (this.draft) await this.openDraft(this.draft.id);
  }

  private async selectFamily(family: string): Promise<void> {
    await this.load(family);
  }

  private async load(family: string): Promise<void> {
    const inService = await this.host.filesInService();
    const file = this.draft?.files.find((candidate) => candidate.family === family) ?? inService.find((candidate) => candidate.family === family);
    if (!file) throw new ApiError(`There is no family ${family}`, "BAD_USER_INPUT");
    this.family = family;
    show(
      this.familySelect,
      ...inService.map((candidate) => element("option", { value: candidate.family, selected: candidate.family === family }, candidate.family)),
    );
    this.rules.replace(file.document);
    this.tests.replace(file.tests);
    this.showDraft();
    this.root.hidden = false;
    await this.check();
  }

  private showDraft(): void {
    const draft = this.draft;
    this.heading.textContent = draft ? `Draft ${draft.id}: ${this.family}` : `${this.family}: a new draft from the version in service`;
    if (!draft) return show(this.details, element("p", {}, "Not saved yet: Save draft keeps it (and names you as its author)."));
    const approvals = draft.approvals.map((approval) => `${approval.approver} (${formatTime(approval.at)}): ${approval.comment}`);
    show(
      this.details,
      element(
        "p",
        {},
        element("span", { class: "badge", "data-testid": "draft-status" }, draft.status),
        ` revision ${draft.revision} by ${draft.author}, ${formatTime(draft.updatedAt)}: ${draft.comment} · begun from ${draft.baseVersion}`,
        draft.publishedVersion && ` · published as ${draft.publishedVersion}`,
      ),
      element("p", {}, `Families changed: ${draft.files.map((file) => file.family).join(", ") || "none"}`),
      element("p", {}, draft.reviewRequired ? `Needs an approval by another analyst. Approvals: ${approvals.join("; ") || "none yet"}` : "No review required."),
    );
  }

  private files(): Array<{ family: string; document: string; tests: string }> {
    return [{ family: this.family, document: this.rules.text(), tests: this.tests.text() }];
  }

  private scheduleCheck(): void {
    window.clearTimeout(this.checkTimer);
    this.checkTimer = window.setTimeout(() => this.run(() => this.check()), checkDelayMilliseconds);
  }

  /** The draft with the text as typed checked on the server; an answer that a later edit overtook is dropped. */
  private async check(): Promise<void> {
    const sequence = ++this.checkSequence;
    const { checkRuleDraft } = await this.host.request<{ checkRuleDraft: { valid: boolean; problems: RuleProblem[] } }>(checkQuery, {
      draftId: this.draft?.id ?? null,
      files: this.files(),
    });
    if (sequence === this.checkSequence) this.showProblems(checkRuleDraft.problems);
  }

  private showProblems(problems: RuleProblem[]): void {
    const isTests = (problem: RuleProblem) => problem.file.includes("tests/");
    // rules/<family>.json or rules/tests/<family>.json: the file says whose it is when the family is not given.
    const familyOf = (problem: RuleProblem) => problem.family ?? /([^/]+)\.json$/.exec(problem.file)?.[1];
    const mine = problems.filter((problem) => familyOf(problem) === this.family);
    this.rules.showProblems(mine.filter((problem) => !isTests(problem)));
    this.tests.showProblems(mine.filter(isTests));
    show(
      this.problems,
      problemList(problems, (problem) => {
        const editor = isTests(problem) ? this.tests : this.rules;
        const line = editor.view.state.doc.line(Math.min(Math.max(problem.line, 1), editor.view.state.doc.lines));
        editor.view.dispatch({ selection: { anchor: Math.min(line.from + Math.max(problem.column - 1, 0), line.to) }, scrollIntoView: true });
        editor.view.focus();
      }),
    );
  }

  private async save(): Promise<void> {
    const [file] = this.files();
    const { ruleDraft: saved } = await mutate<{ ruleDraft: RuleDraft } & Payload>(this.host.request, saveMutation, {
      draftId: this.draft?.id ?? null,
      family: file.family,
      document: file.document,
      tests: file.tests,
      comment: this.requiredComment(),
    });
    this.draft = saved;
    this.showDraft();
    this.host.say(`Saved draft ${saved.id}, revision ${saved.revision}`);
    await this.host.changed();
  }

  private async runTests(): Promise<void> {
    const { testRuleDraft } = await this.host.request<{ testRuleDraft: TestRun }>(testQuery, { draftId: this.draft?.id ?? null, files: this.files() });
    this.host.showTestRun(testRuleDraft);
  }

  private async step(name: keyof typeof draftStepMutations, done: string): Promise<void> {
    const draft = this.savedDraft();
    const { ruleDraft } = await mutate<{ ruleDraft: RuleDraft } & Payload>(this.host.request, draftStepMutations[name], {
      draftId: draft.id,
      comment: this.requiredComment(),
    });
    this.draft = ruleDraft;
    this.showDraft();
    this.host.say(`${done}: draft ${draft.id} is ${this.draft.status}`);
    await this.host.changed();
  }

  private savedDraft(): RuleDraft {
    if (!this.draft) throw new ApiError("Save the draft first: review, preview and publish work on a saved draft", "NOT_SAVED");
    return this.draft;
  }

  private requiredComment(): string {
    const comment = this.comment.value.trim();
    if (!comment) throw new ApiError("Write a comment first: it says what and why, for the review and the history", "COMMENT_REQUIRED");
    return comment;
  }

  private run(work: () => Promise<void>): Promise<void> {
    return work().catch(async (error: unknown) => {
      this.host.fail(error);
      if (error instanceof ApiError && error.problems.length > 0) this.showProblems(error.problems);
      // A refusal for problems names none in a payload: the check lists them.
      else if (error instanceof ApiError && error.code === "RULE_DRAFT_INVALID") await this.check().catch(() => undefined);
    });
  }
}
