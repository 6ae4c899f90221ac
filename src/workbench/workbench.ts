import "./workbench.css";
import { button, element, formatTime, show } from "./dom";
import { DraftEditor } from "./draft-editor";
import { ApiError, createRequest, mutate, Payload, signedOutCode } from "./graphql-client";
import { historyView } from "./history-view";
import {
  AccountExplanation,
  explanationQuery,
  filesInServiceQuery,
  historyQuery,
  overviewQuery,
  previewQuery,
  publishMutation,
  rollbackMutation,
  RuleDraft,
  RuleFile,
  RuleImpact,
  RuleSetInService,
  RuleSetVersion,
  TestRun,
} from "./operations";
import { explanationView, impactView, testRunView } from "./result-views";
import { forgetKey, keyHint, storedKey, storeKey } from "./session";

/**
 * The analysts' rule workbench: sign in with an API key, open a family or a draft, edit it with
 * problems shown as you type, test, preview, take it through review, publish, read the history
 * and roll back. It talks to this server's /graphql alone.
 */
const request = createRequest("/graphql", storedKey);
const status = element("p", { class: "status", role: "status", "data-testid": "status" });
const problem = element("p", { class: "error", role: "alert", "data-testid": "error" });
const account = element("div", { class: "account" });
const overview = element("section", { class: "overview", "aria-label": "Families and drafts", hidden: true });
const testResults = element("section", { class: "results", "aria-label": "Test results", "data-testid": "test-results", hidden: true });
const impact = element("section", { class: "results", "aria-label": "Impact", "data-testid": "impact", hidden: true });
const explanation = element("section", { class: "results", "aria-label": "Explanation", "data-testid": "explanation", hidden: true });
const history = element("section", { class: "history-panel", "aria-label": "History", "data-testid": "history", hidden: true });
const rollbackComment = element("input", { type: "text", "aria-label": "Rollback comment", placeholder: "Why roll back" });

let inService: RuleFile[] | null = null;

function say(message: string): void {
  problem.textContent = "";
  status.textContent = message;
}

/** An error as an analyst can act on it: a refused key says so plainly, the server's code stays visible for support. */
function fail(error: unknown): void {
  // The late answer of a step taken before a sign-out (or under the key signed in before this one).
  if (error instanceof ApiError && (error.code === signedOutCode || (error.key !== null && error.key !== storedKey()))) return;
  status.textContent = "";
  if (error instanceof ApiError && error.code === "UNAUTHENTICATED") {
    forgetKey();
    showSignedOut();
    problem.textContent = `The server refused this API key (${error.message}). Check that it was pasted whole and is not revoked or expired.`;
  } else if (error instanceof ApiError && error.code === "FORBIDDEN") {
    problem.textContent = `This key may not do that (${error.message}): the workbench needs a key of role analyst (or internal).`;
  } else if (error instanceof ApiError) {
    problem.textContent = `${error.message} [${error.code}]`;
  } else {
    problem.textContent = `Something went wrong: ${error instanceof Error ? error.message : String(error)}`;
  }
}

const editor = new DraftEditor({
  request,
  filesInService: async () => (inService ??= (await request<{ ruleFilesInService: RuleFile[] }>(filesInServiceQuery)).ruleFilesInService),
  say,
  fail,
  changed: () => refresh(),
  showTestRun: (run: TestRun) => {
    show(testResults, element("h2", {}, "Test cases"), testRunView(run));
    testResults.hidden = false;
  },
  preview: async (draftId) => {
    const { previewRuleDraft } = await request<{ previewRuleDraft: RuleImpact }>(previewQuery, { draftId });
    show(
      impact,
      element("h2", {}, "Impact on live data"),
      impactView(previewRuleDraft, (id, subject) => void attempt(() => explain(id, subject))),
    );
    impact.hidden = false;
  },
  published: async (draftId, comment) => {
    const { ruleSetVersion } = await mutate<{ ruleSetVersion: RuleSetVersion } & Payload>(request, publishMutation, { draftId, comment });
    say(`Published: version ${ruleSetVersion.version} is in service`);
    inService = null;
    await editor.reload();
    await refresh();
  },
});

function attempt(work: () => Promise<void>): Promise<void> {
  return work().catch(fail);
}

async function explain(accountId: string, subject: string): Promise<void> {
  const { account: found } = await request<{ account: AccountExplanation | null }>(explanationQuery, { id: accountId });
  show(explanation, element("h2", {}, `Why: ${subject}`), found ? explanationView(found) : element("p", {}, "This account is gone or hidden from this key."));
  explanation.hidden = false;
}

/** The families in service and the open drafts, then the history. */
async function refresh(): Promise<void> {
  const { ruleSets, ruleDrafts } = await request<{ ruleSets: RuleSetInService[]; ruleDrafts: RuleDraft[] }>(overviewQuery);
  const families = ruleSets.map((set) =>
    element(
      "tr",
      { "data-testid": "family", "data-family": set.family },
      element("td", {}, set.family),
      element("td", {}, element("code", { "data-testid": "family-version" }, set.version)),
      element("td", {}, `${set.ruleCount} rules`),
      element("td", {}, set.lastError ?? ""),
      element(
        "td",
        {},
        button(`Open ${set.family}`, { "aria-label": `Open ${set.family}` }, () => attempt(() => editor.openFamily(set.family))),
      ),
    ),
  );
  const drafts = ruleDrafts.map((draft) =>
    element(
      "li",
      { "data-testid": "draft", "data-draft": draft.id },
      button(`Open draft ${draft.id}`, { "aria-label": `Open draft ${draft.id}` }, () => attempt(() => editor.openDraft(draft.id))),
      ` ${draft.status} · ${draft.files.map((file) => file.family).join(", ")} · ${draft.author}, ${formatTime(draft.updatedAt)}: ${draft.comment}`,
    ),
  );
  show(
    overview,
    element("h2", {}, "Families in service"),
    element("table", {}, element("tbody", {}, ...families)),
    element("h2", {}, "Open drafts"),
    drafts.length > 0 ? element("ul", { class: "drafts" }, ...drafts) : element("p", {}, "No open drafts."),
  );
  overview.hidden = false;
  await refreshHistory();
}

async function refreshHistory(): Promise<void> {
  const { ruleSetHistory } = await request<{ ruleSetHistory: RuleSetVersion[] }>(historyQuery);
  show(
    history,
    element("h2", {}, "History"),
    element("label", {}, "Comment for a rollback ", rollbackComment),
    historyView(ruleSetHistory, (version) => attempt(() => rollback(version))),
  );
  history.hidden = false;
}

async function rollback(to: string): Promise<void> {
  const comment = rollbackComment.value.trim();
  if (!comment) throw new ApiError("Write why you roll back first: it is kept with the version", "COMMENT_REQUIRED");
  const { ruleSetVersion } = await mutate<{ ruleSetVersion: RuleSetVersion } & Payload>(request, rollbackMutation, { to, comment });
  say(`Rolled back: version ${ruleSetVersion.version} is in service`);
  inService = null;
  await refresh();
}

function showSignedOut(): void {
  const key = element("input", { type: "password", "aria-label": "API key", autocomplete: "off", placeholder: "cgk_…" });
  const form = element("form", { class: "sign-in" }, element("label", {}, "API key ", key), element("button", { type: "submit" }, "Sign in"));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const typed = key.value.trim();
    if (!typed) return fail(new ApiError("Paste an API key of role analyst first", "NO_KEY"));
    storeKey(typed);
    void attempt(signedIn);
  });
  show(account, form);
  for (const section of [overview, editor.root, testResults, impact, explanation, history]) section.hidden = true;
}

/** Signed in as far as the page knows; the first answer tells whether the server takes the key (a refusal signs out again). */
async function signedIn(): Promise<void> {
  inService = null;
  const key = storedKey() ?? "";
  show(account, element("span", { "data-testid": "signed-in" }, `Signed in with ${keyHint(key)}`), " ", button("Sign out", {}, signOut));
  await refresh();
  say("Signed in");
}

function signOut(): void {
  forgetKey();
  showSignedOut();
  say("Signed out: sign in with another key, e.g. a second analyst's to approve");
}

const root = document.getElementById("workbench")!;
show(
  root,
  element("header", {}, element("h1", {}, "Rule workbench"), account),
  status,
  problem,
  overview,
  editor.root,
  testResults,
  impact,
  explanation,
  history,
);
showSignedOut();
if (storedKey()) void attempt(signedIn);
