import { readFile } from "node:fs/promises";
import { Browser, chromium, Page } from "playwright-core";
import { ServerProcess } from "../../src/benchmark/server-process";
import { startWorkbenchStage, WorkbenchStage } from "./support/workbench-stage";

/** Debian's chromium, headless, as the IDE's browser test runs it. */
const chromiumPath = "/usr/bin/chromium";
const chromiumArguments = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"];

async function signIn(page: Page, key: string): Promise<void> {
  await page.getByLabel("API key").fill(key);
  await page.getByRole("button", { name: "Sign in" }).click();
}

async function signInAndWait(page: Page, key: string): Promise<void> {
  await signIn(page, key);
  await page.getByTestId("family").first().waitFor();
}

/** Another analyst takes over the browser: signs out, signs in with their key, and opens the draft. */
async function openDraftAs(page: Page, key: string, draftId: string): Promise<void> {
  await page.getByRole("button", { name: "Sign out" }).click();
  await signInAndWait(page, key);
  await page.getByRole("button", { name: `Open draft ${draftId}` }).click();
  await page
    .getByTestId("draft-details")
    .getByText(/Families changed: tiering/)
    .waitFor();
}

/** What an analyst does in an editor: select all, then type (one input event, as a paste would be). */
async function replaceText(page: Page, label: string, text: string): Promise<void> {
  await page.locator(`.cm-content[aria-label="${label}"]`).click();
  await page.keyboard.press("Control+A");
  await page.keyboard.insertText(text);
}

async function step(page: Page, comment: string, action: string): Promise<void> {
  await page.getByLabel("Comment", { exact: true }).fill(comment);
  await page.getByRole("button", { name: action, exact: true }).click();
}

async function statusText(page: Page, pattern: RegExp): Promise<string> {
  const status = page.getByTestId("status").getByText(pattern);
  await status.waitFor({ timeout: 30_000 });
  return status.innerText();
}

/** The version a server process has in service now (what it decides with), asked of it directly. */
async function versionServedBy(server: ServerProcess, key: string): Promise<string | undefined> {
  const response = await fetch(server.url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
    body: JSON.stringify({ query: "{ ruleSets { family version } }" }),
  });
  const body = (await response.json()) as { data?: { ruleSets: Array<{ family: string; version: string }> } };
  return body.data?.ruleSets.find((set) => set.family === "tiering")?.version;
}

async function waitUntilServed(server: ServerProcess, key: string, version: string): Promise<void> {
  for (const started = Date.now(); Date.now() - started < 15_000; await new Promise((resolve) => setTimeout(resolve, 200))) {
    if ((await versionServedBy(server, key)) === version) return;
  }
  expect(await versionServedBy(server, key)).toBe(version);
}

describe("the rule workbench in a browser (npm run test:browser)", () => {
  let stage: WorkbenchStage;
  let browser: Browser;
  beforeAll(async () => {
    // A preview warns above 1 % of accounts moved: the change below moves 3 of the 80 seeded ones (silver to bronze).
    stage = await startWorkbenchStage({ RULES_PREVIEW_WARNING_SHARE: "0.01" });
    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArguments });
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await stage?.stop();
  });

  test("when a key is refused, then the page says so and keeps no key", async () => {
    const page = await browser.newPage();
    await page.goto(`${new URL(stage.servers[0].url).origin}/rules`);
    await signIn(page, "cgk_not_a_key");
    await page
      .getByTestId("error")
      .getByText(/refused this API key/)
      .waitFor();
    expect(await page.evaluate("sessionStorage.length")).toBe(0);
    await page.close();
  });

  test(
    "when an analyst edits, checks, tests and previews a change, another analyst approves it and it is published, " +
      "then the second server serves it, the history shows its diff, and a rollback puts the earlier version back on both",
    async () => {
      const [first, second] = stage.servers;
      const origin = new URL(first.url).origin;
      const page = await browser.newPage();
      const requested: string[] = [];
      page.on("request", (request) => requested.push(request.url()));
      await page.goto(`${origin}/rules`);
      await signInAndWait(page, stage.author);
      expect(await page.getByTestId("family").count()).toBe(3);
      const before = await page.locator('[data-family="tiering"] [data-testid="family-version"]').innerText();

      // Edit → a problem shown as you type (a rate of 20 where 0.2 is meant), at its line → fixed.
      await page.getByRole("button", { name: "Open tiering" }).click();
      await page.getByTestId("problems").getByText("No problems.").waitFor();
      // Completion from the rule files' JSON Schema: the hit policies.
      await replaceText(page, "Rule file", '{\n  "hitPolicy": ""\n}');
      for (const key of ["ArrowUp", "End", "ArrowLeft", "Control+Space"]) await page.keyboard.press(key);
      await page.locator(".cm-tooltip-autocomplete").getByText("collect", { exact: true }).waitFor();
      await page.keyboard.press("Escape");
      const problem = page.getByTestId("problems").locator("a.problem").first();
      await problem.waitFor();
      const original = await readFile("rules/tiering.json", "utf8");
      await replaceText(page, "Rule file", original);
      await page.getByTestId("problems").getByText("No problems.").waitFor();
      const returnRate = '"fact": "returnRate12m", "operator": "greaterThan", "value": 0.2';
      expect(original).toContain(returnRate);
      await replaceText(page, "Rule file", original.replace(returnRate, returnRate.replace("0.2", "20")));
      await problem.waitFor();
      const problemLine = original.slice(0, original.indexOf(returnRate)).split("\n").length;
      expect(await problem.innerText()).toContain(`rules/tiering.json ${problemLine}:`);
      await problem.click();
      await page.locator('[data-testid="rule-editor"] .cm-lintRange-error').first().waitFor();
      const silver = '"fact": "revenue12m", "operator": "greaterThanInclusive", "value": 1400';
      expect(original).toContain(silver);
      await replaceText(page, "Rule file", original.replace(silver, silver.replace("1400", "1700")));
      await page.getByTestId("problems").getByText("No problems.").waitFor();

      // Save → test → preview, with an account's explanation from an example.
      await step(page, "Silver from 1.7k a year", "Save draft");
      const draftId = /Saved draft (\S+),/.exec(await statusText(page, /Saved draft/))![1];
      await page.getByRole("button", { name: "Run test cases" }).click();
      const summary = page.getByTestId("test-summary");
      await summary.waitFor();
      expect(await summary.innerText()).toMatch(/^\d+ passed, 0 failed$/);
      await page.getByRole("button", { name: "Preview impact" }).click();
      await page.getByTestId("impact-warning").waitFor();
      const tier = page.getByTestId("decision").filter({ hasText: "tiering · tier:" });
      expect(await tier.locator("table.matrix td.moved").count()).toBeGreaterThan(0);
      const example = tier.locator("ul.examples a").first();
      const subject = (await example.innerText()).trim();
      await example.click();
      await page.getByTestId("explanation").getByText(`Why: ${subject}`).waitFor();

      // Review: the author cannot approve their own change; a second analyst's key can.
      await step(page, "Please review: fewer silver", "Request review");
      await statusText(page, /Review requested/);
      await step(page, "Looks good to me", "Approve");
      await page
        .getByTestId("error")
        .getByText(/RULE_SELF_APPROVAL/)
        .waitFor();
      await openDraftAs(page, stage.reviewer, draftId);
      await step(page, "Checked the matrix: fine", "Approve");
      await statusText(page, /Approved/);

      // Publish (the author again) → live on the second server process.
      await openDraftAs(page, stage.author, draftId);
      await step(page, "Silver from 1.7k a year, approved by Rui", "Publish");
      const published = /version (\S+) is in service/.exec(await statusText(page, /Published/))![1];
      expect(published).not.toBe(before);
      await waitUntilServed(second, stage.author, published);
      const elsewhere = await browser.newPage();
      elsewhere.on("request", (request) => requested.push(request.url()));
      await elsewhere.goto(`${new URL(second.url).origin}/rules`);
      await signInAndWait(elsewhere, stage.reviewer);
      expect(await elsewhere.locator('[data-family="tiering"] [data-testid="family-version"]').innerText()).toBe(published);

      // History: who, why and the diff; then roll back to the version before, on both processes.
      const entry = page.locator(`[data-testid="history-version"][data-version="${published}"]`);
      await entry.waitFor();
      expect(await entry.innerText()).toContain("Ana Author");
      await entry.getByText("rules/tiering.json", { exact: true }).click();
      expect(await entry.locator(".diff-line.added").allInnerTexts()).toEqual(expect.arrayContaining([expect.stringContaining('"value": 1700')]));
      expect(await entry.locator(".diff-line.removed").allInnerTexts()).toEqual(expect.arrayContaining([expect.stringContaining('"value": 1400')]));
      expect(await entry.getAttribute("data-previous-version")).toBe(before);
      await page.getByLabel("Rollback comment").fill("Back to 1.4k until sales agrees");
      await page
        .getByRole("button", { name: `Roll back to ${before}` })
        .first()
        .click();
      await statusText(page, new RegExp(`Rolled back: version ${before}`));
      await waitUntilServed(second, stage.author, before);
      await waitUntilServed(first, stage.author, before);

      // Everything came from the servers themselves.
      const origins = new Set([origin, new URL(second.url).origin]);
      expect(requested.filter((url) => !origins.has(new URL(url).origin) && !url.startsWith("data:"))).toEqual([]);
    },
    240_000,
  );
});
