import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";
import { CompiledServer, startCompiledServer, stopCompiledServer } from "../support/compiled-server";

/** Debian's chromium, as the issue asks: headless, no sandbox (root in CI), nothing fetched in the background. */
const chromiumPath = "/usr/bin/chromium";
const chromiumArguments = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"];

describe("the GraphQL IDE in a browser (npm run test:browser)", () => {
  let folder: string;
  let server: CompiledServer;
  beforeAll(async () => {
    folder = await mkdtemp(path.join(tmpdir(), "customer-graph-ide-"));
    server = await startCompiledServer(path.join(folder, "pglite"), 40_000 + Math.floor(Math.random() * 10_000));
  });
  afterAll(async () => {
    if (server) await stopCompiledServer(server.process);
    await rm(folder, { recursive: true, force: true });
  });

  test("when the page opens before a key is set, then the schema loads by itself as soon as the key is typed into the headers", async () => {
    const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArguments });
    try {
      const page = await browser.newPage();
      const schemaAnswers: number[] = [];
      page.on("response", (response) => {
        if (response.request().postData()?.includes("IntrospectionQuery")) schemaAnswers.push(response.status());
      });
      await page.goto(server.url, { waitUntil: "load" });
      await page.getByText("Headers", { exact: true }).click();
      const headersEditor = page.locator(".graphiql-editor-tool .CodeMirror").last();
      await headersEditor.click();
      await page.keyboard.press("Control+A");
      await page.keyboard.type(JSON.stringify({ Authorization: `Bearer ${server.key}` }));
      for (const started = Date.now(); !schemaAnswers.includes(200) && Date.now() - started < 15_000;) await page.waitForTimeout(200);
      expect(schemaAnswers.includes(200)).toBe(true);
      expect(schemaAnswers[0]).toBe(401);
      await page.locator('[aria-label="Show Documentation Explorer"]').click();
      await page.locator(".graphiql-doc-explorer").getByText("Query", { exact: true }).first().waitFor({ timeout: 15_000 });
    } finally {
      await browser.close();
    }
  });

  test("when a browser opens /graphql, then GraphiQL loads from the server alone, runs a query with the API key, and shows the result", async () => {
    const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArguments });
    try {
      const page = await browser.newPage();
      const requested: string[] = [];
      page.on("request", (request) => requested.push(request.url()));
      // What a developer types into GraphiQL's query and headers editors, kept where GraphiQL keeps them.
      const headers = JSON.stringify({ Authorization: `Bearer ${server.key}` });
      await page.addInitScript({
        content: `localStorage.setItem("graphiql:query", "{ ruleSets { family version } }"); localStorage.setItem("graphiql:headers", ${JSON.stringify(headers)});`,
      });
      await page.goto(server.url, { waitUntil: "load" });
      await page.locator(".graphiql-execute-button").click();
      const result = page.locator(".result-window");
      await result.getByText("service-priority").waitFor({ timeout: 15_000 });
      const shown = await result.innerText();
      expect(shown).toContain('"family": "tiering"');
      expect(shown).toContain('"version"');
      const elsewhere = requested.filter((url) => !url.startsWith(new URL(server.url).origin) && !url.startsWith("data:"));
      expect(elsewhere).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
