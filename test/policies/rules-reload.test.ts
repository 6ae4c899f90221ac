import { writeFile } from "node:fs/promises";
import path from "node:path";
import { PolicyRuntime } from "../../src/policies/policy-runtime";
import { startTestJobQueue } from "../support/test-job-queue";
import { RulesWatcher, watchRules } from "../../src/policies/rules-watcher";
import { AccountPoliciesDocument, PlaceOrderAndAssessDocument, RuleSetsDocument } from "../generated/graphql";
import { createAccount } from "../support/factories";
import { startTestApp, TestApp } from "../support/test-app";
import { EditableRuleFiles, minimalRuleFiles, writeRulesFolder } from "./support/rule-fixtures";

/* eslint-disable @typescript-eslint/no-unsafe-member-access --
   the tests edit rule files as free JSON (EditableRuleFiles is any), to write what the types would refuse */

async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMilliseconds = 2000): Promise<number> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMilliseconds) throw new Error(`not within ${timeoutMilliseconds} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return Date.now() - started;
}

function writeFamily(directory: string, files: EditableRuleFiles, family: keyof EditableRuleFiles): Promise<void> {
  return writeFile(path.join(directory, `${family}.json`), `${JSON.stringify(files[family], null, 2)}\n`);
}

describe("hot reload of the rule files", () => {
  let app: TestApp;
  let directory: string;
  let watcher: RulesWatcher;
  const reloadErrors: unknown[] = [];

  beforeAll(async () => {
    directory = await writeRulesFolder(minimalRuleFiles(), {
      "tiering.json": { family: "tiering", cases: [{ name: "big buyers are gold", facts: { revenue12m: 90000, orders12m: 9 }, expect: { tier: "gold" } }] },
    });
    app = await startTestApp({ rulesDirectory: directory });
    watcher = watchRules(app.policies, (error) => reloadErrors.push(error));
    await watcher.ready;
  });
  afterAll(async () => {
    await watcher.close();
    await app.close();
    expect(reloadErrors).toEqual([]);
  });

  test("when a threshold is edited, then the new version is live within 2 seconds and ruleSets shows it", async () => {
    const before = app.policies.current().version;
    const files = minimalRuleFiles();
    files.tiering.rules[1].conditions.all[0].value = 8000;
    await writeFamily(directory, files, "tiering");
    await waitFor(() => app.policies.current().version !== before);
    const listed = await app.execute(RuleSetsDocument);
    expect(listed.data?.ruleSets[0]).toMatchObject({ family: "tiering", version: app.policies.current().version, lastError: null });
  });

  test("when an edit is broken, then the last good version keeps serving and lastError names the problem; fixing it clears the error", async () => {
    const good = minimalRuleFiles();
    await writeFamily(directory, good, "tiering");
    await waitFor(
      () => app.policies.status()[0].lastError === null && JSON.stringify(app.policies.current().files.tiering.rules[1].conditions).includes("10000"),
    );
    const serving = app.policies.current().version;

    const broken = minimalRuleFiles();
    broken.tiering.rules[0].conditions.all[0].fact = "revenu12m";
    await writeFamily(directory, broken, "tiering");
    await waitFor(() => app.policies.status()[0].lastError !== null);
    expect(app.policies.current().version).toBe(serving);
    const listed = await app.execute(RuleSetsDocument);
    expect(listed.data?.ruleSets[0].lastError).toMatch(/tiering\.json:\d+:\d+ rule "Gold: 50k a year" .*unknown fact "revenu12m"/);
    expect(listed.data?.ruleSets[1].lastError).toBeNull();

    await writeFamily(directory, good, "tiering");
    await waitFor(() => app.policies.status()[0].lastError === null);
    expect(app.policies.current().version).toBe(serving);
  });

  test("when an edit breaks an analyst's test case, then it is refused like a broken file", async () => {
    const serving = app.policies.current().version;
    const files = minimalRuleFiles();
    files.tiering.rules[0].conditions.all[0].value = 100000;
    await writeFamily(directory, files, "tiering");
    await waitFor(() => app.policies.status()[0].lastError !== null);
    expect(app.policies.status()[0].lastError).toMatch(/big buyers are gold.*expected tier "gold", got "silver"/);
    expect(app.policies.current().version).toBe(serving);
    await writeFamily(directory, minimalRuleFiles(), "tiering");
    await waitFor(() => app.policies.status()[0].lastError === null);
  });

  test("when files change while requests run, then no request fails", async () => {
    const account = await createAccount(app.dataSource);
    const thresholds = [9000, 11000, 12000, 10000];
    const edits = (async () => {
      for (const [index, threshold] of thresholds.entries()) {
        const files = minimalRuleFiles();
        files.tiering.rules[1].conditions.all[0].value = threshold;
        if (index === 2) files.tiering.rules[1].conditions.all[0].fact = "nonsense";
        await writeFamily(directory, files, "tiering");
        await new Promise((resolve) => setTimeout(resolve, 400));
      }
    })();
    const results = [];
    while (results.length < 60) {
      results.push(
        await app.execute(PlaceOrderAndAssessDocument, {
          input: { accountId: account.globalId, channel: "WEB", lines: [{ product: "Thing", quantity: 1, unitPrice: { amount: "10.00", currency: "USD" } }] },
        }),
        await app.execute(AccountPoliciesDocument, { id: account.globalId }),
      );
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await edits;
    expect(results.flatMap((result) => result.errors ?? [])).toEqual([]);
    expect(app.internalErrors).toEqual([]);
  });
});

describe("a rule change in a running server", () => {
  test("when a threshold changes, then every account is re-evaluated in the background and the affected tiers change", async () => {
    const directory = await writeRulesFolder(minimalRuleFiles());
    const app = await startTestApp({ rulesDirectory: directory });
    const log = { info: jest.fn(), error: jest.fn() };
    const queue = await startTestJobQueue("rules_reload");
    const runtime = await PolicyRuntime.start(app.dataSource, directory, log, { watch: true, queue });
    await runtime.watching();
    try {
      const account = await createAccount(app.dataSource);
      await app.execute(PlaceOrderAndAssessDocument, {
        input: { accountId: account.globalId, channel: "WEB", lines: [{ product: "Thing", quantity: 1, unitPrice: { amount: "9000.00", currency: "USD" } }] },
      });
      const tierOf = async () =>
        (await app.dataSource.query<{ tier: string }[]>("SELECT tier FROM account_assessments WHERE account_id = $1", [account.id]))[0]?.tier;
      expect(await tierOf()).toBe("bronze");

      const files = minimalRuleFiles();
      files.tiering.rules[1].conditions.all[0].value = 5000;
      await writeFamily(directory, files, "tiering");
      const seconds = (await waitFor(() => runtime.registry.current().version !== app.policies.current().version)) / 1000;
      expect(seconds).toBeLessThan(2);
      await runtime.idle();
      expect(await tierOf()).toBe("silver");
      expect(log.info).toHaveBeenCalledWith(expect.stringMatching(/re-evaluation done/));
      expect(log.error).not.toHaveBeenCalled();
    } finally {
      await runtime.close();
      await queue.stop(1_000);
      await app.close();
    }
  });
});
