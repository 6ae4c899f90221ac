import { writeFile } from "node:fs/promises";
import path from "node:path";
import { PolicyRuntime } from "../../src/policies/policy-runtime";
import { activeRuleSet } from "../../src/policies/publication/rule-set-publication";
import { rollBackTo } from "../../src/policies/publication/rule-set-history";
import { folderActor } from "../../src/policies/publication/rules-folder";
import { RuleWorkbench } from "../../src/policies/publication/rule-workbench";
import { createRequestContext } from "../../src/graphql/request-context";
import { JobQueue } from "../../src/jobs/job-queue";
import { startTestJobQueue } from "../support/test-job-queue";
import { AccountPoliciesDocument, PlaceOrderAndAssessDocument } from "../generated/graphql";
import { createAccount } from "../support/factories";
import { internalCaller, startTestApp, TestApp } from "../support/test-app";
import { EditableRuleFiles, minimalRuleFiles, writeRulesFolder } from "./support/rule-fixtures";
import { publishFolder } from "./support/publish-folder";
import { print } from "graphql";

/* eslint-disable @typescript-eslint/no-unsafe-member-access --
   the tests edit rule files as free JSON (EditableRuleFiles is any), to write what the types would refuse */

async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMilliseconds = 5000): Promise<number> {
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

const bigBuyersAreGold = {
  "tiering.json": { family: "tiering", cases: [{ name: "big buyers are gold", facts: { revenue12m: 90000, orders12m: 9 }, expect: { tier: "gold" } }] },
};

function withSilverFrom(threshold: number): EditableRuleFiles {
  const files = minimalRuleFiles();
  files.tiering.rules[1].conditions.all[0].value = threshold;
  return files;
}

describe("a server's rules folder, next to the version in service", () => {
  let app: TestApp;
  let queue: JobQueue;
  let runtime: PolicyRuntime;
  let directory: string;
  let workbench: RuleWorkbench;
  const log = { info: jest.fn(), error: jest.fn() };
  const folderDraft = async () => (await workbench.drafts(false)).find((draft) => draft.authorKeyId === folderActor(directory).keyId);

  beforeAll(async () => {
    directory = await writeRulesFolder(minimalRuleFiles(), bigBuyersAreGold);
    app = await startTestApp({ rulesDirectory: directory });
    queue = await startTestJobQueue("rules_folder");
    workbench = new RuleWorkbench(app.dataSource, { queue, reviewFamilies: [], previewWarningShare: 0.2 });
    // The shared test database may hold another test's version: this folder's is put in service first.
    runtime = await PolicyRuntime.start(app.dataSource, directory, log, { watch: true, queue });
    await publishFolder(app.dataSource, directory, queue);
    await runtime.idle();
    await runtime.watching();
  });
  afterAll(async () => {
    await runtime.close();
    await queue.stop(1_000);
    await app.close();
  });

  test("when a valid edit is saved in the folder, then it becomes the folder's draft and the version in service keeps serving", async () => {
    const serving = runtime.registry.current().version;
    await writeFamily(directory, withSilverFrom(8000), "tiering");
    await waitFor(async () => (await folderDraft())?.files.some((file) => file.document.includes("8000")) ?? false);
    expect(runtime.registry.current().version).toBe(serving);
    expect((await activeRuleSet(app.dataSource.manager))!.version).toBe(serving);
    expect(log.info).toHaveBeenCalledWith(expect.stringMatching(/saved as rule draft \d+/));
  });

  test("when two families are broken, then each has its lastError; fixing one clears its own while the other stays", async () => {
    const broken = minimalRuleFiles();
    broken.tiering.rules[0].conditions.all[0].fact = "revenu12m";
    broken["retention-barriers"].rules[0].conditions.all[0].fact = "satisfaction9d";
    await writeFamily(directory, broken, "tiering");
    await writeFamily(directory, broken, "retention-barriers");
    const status = () => Object.fromEntries(runtime.registry.status().map((family) => [family.family, family.lastError]));
    await waitFor(() => status().tiering !== null && status()["retention-barriers"] !== null);
    expect(status().tiering).toMatch(/tiering\.json:\d+:\d+ rule "Gold: 50k a year" .*unknown fact "revenu12m"/);
    expect(status()["retention-barriers"]).toMatch(/satisfaction9d/);
    expect(status()["service-priority"]).toBeNull();

    await writeFamily(directory, minimalRuleFiles(), "tiering");
    await waitFor(() => status().tiering === null);
    expect(status()["retention-barriers"]).toMatch(/satisfaction9d/);
    await writeFamily(directory, minimalRuleFiles(), "retention-barriers");
    await waitFor(() => status()["retention-barriers"] === null);
  });

  test("when an edit breaks an analyst's test case, then lastError names the case", async () => {
    const files = minimalRuleFiles();
    files.tiering.rules[0].conditions.all[0].value = 100000;
    await writeFamily(directory, files, "tiering");
    await waitFor(() => runtime.registry.status()[0].lastError !== null);
    expect(runtime.registry.status()[0].lastError).toMatch(/big buyers are gold.*expected tier "gold", got "silver"/);
    await writeFamily(directory, minimalRuleFiles(), "tiering");
    await waitFor(() => runtime.registry.status()[0].lastError === null);
  });

  test("when versions are published and rolled back while requests run, then no request fails", async () => {
    const account = await createAccount(app.dataSource);
    const first = runtime.registry.current().version;
    const changes = (async () => {
      for (const threshold of [9000, 11000, 12000]) {
        await writeFamily(directory, withSilverFrom(threshold), "tiering");
        await waitFor(async () => (await folderDraft())?.files.some((file) => file.document.includes(String(threshold))) ?? false);
        await workbench.publish({ name: "analyst", keyId: "analyst" }, (await folderDraft())!.id, `silver from ${threshold}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      await rollBackTo(app.dataSource, first, { actor: { name: "test", keyId: "test" }, comment: "back" }, queue);
    })();
    const context = () => createRequestContext(app.dataSource, runtime.registry, internalCaller);
    const results = [];
    while (results.length < 60) {
      results.push(
        await app.executeInContext(
          print(PlaceOrderAndAssessDocument),
          {
            input: { accountId: account.globalId, channel: "WEB", lines: [{ product: "Thing", quantity: 1, unitPrice: { amount: "10.00", currency: "USD" } }] },
          },
          context(),
        ),
        await app.executeInContext(print(AccountPoliciesDocument), { id: account.globalId }, context()),
      );
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await changes;
    expect(results.flatMap((result) => result.errors ?? [])).toEqual([]);
    expect(app.internalErrors).toEqual([]);
    await waitFor(() => runtime.registry.current().version === first);
    await runtime.idle();
  });

  test("when a threshold change is published, then every account is re-evaluated in the background and the affected tiers change", async () => {
    const account = await createAccount(app.dataSource);
    await app.executeInContext(
      print(PlaceOrderAndAssessDocument),
      { input: { accountId: account.globalId, channel: "WEB", lines: [{ product: "Thing", quantity: 1, unitPrice: { amount: "9000.00", currency: "USD" } }] } },
      createRequestContext(app.dataSource, runtime.registry, internalCaller),
    );
    const tierOf = async () =>
      (await app.dataSource.query<{ tier: string }[]>("SELECT tier FROM account_assessments WHERE account_id = $1", [account.id]))[0]?.tier;
    expect(await tierOf()).toBe("bronze");

    await writeFamily(directory, withSilverFrom(5000), "tiering");
    await waitFor(async () => (await folderDraft())?.files.some((file) => file.document.includes("5000")) ?? false);
    await workbench.publish({ name: "analyst", keyId: "analyst" }, (await folderDraft())!.id, "silver from 5,000");
    const seconds = (await waitFor(async () => runtime.registry.current().version === (await activeRuleSet(app.dataSource.manager))!.version)) / 1000;
    expect(seconds).toBeLessThan(2);
    await runtime.idle();
    expect(await tierOf()).toBe("silver");
    expect(log.info).toHaveBeenCalledWith(expect.stringMatching(/re-evaluation done/));
    expect(log.error).not.toHaveBeenCalledWith(expect.stringMatching(/following the published rule set failed/));
  });
});

describe("a process restarting follows the version in service", () => {
  let app: TestApp;
  let queue: JobQueue;
  beforeAll(async () => {
    app = await startTestApp();
    queue = await startTestJobQueue("rules_restart");
  });
  afterAll(async () => {
    await queue.stop(1_000);
    await app.close();
  });

  async function restartWith(directory: string) {
    const log = { info: jest.fn(), error: jest.fn() };
    const runtime = await PolicyRuntime.start(app.dataSource, directory, log, { watch: false, queue });
    await runtime.close();
    return { log, version: runtime.registry.current().version, status: runtime.registry.status() };
  }

  test("when its folder is invalid, then it starts on the version in service and says so, with the family's problem", async () => {
    const inService = await publishFolder(app.dataSource, await writeRulesFolder(minimalRuleFiles()), queue);
    const broken = minimalRuleFiles();
    broken.tiering.rules[0].conditions.all[0].fact = "revenu12m";
    const restarted = await restartWith(await writeRulesFolder(broken));
    expect(restarted.version).toBe(inService);
    expect(restarted.log.error).toHaveBeenCalledWith(expect.stringMatching(new RegExp(`the rules folder has problems; version ${inService}, in service`)));
    expect(restarted.status.find((family) => family.family === "tiering")!.lastError).toMatch(/revenu12m/);
  });

  test("when its folder holds an older published version (after a rollback too), then it serves the one in service and says so", async () => {
    const older = await writeRulesFolder(withSilverFrom(7000));
    await publishFolder(app.dataSource, older, queue);
    const newer = await publishFolder(app.dataSource, await writeRulesFolder(withSilverFrom(7500)), queue);
    const restarted = await restartWith(older);
    expect(restarted.version).toBe(newer);
    expect(restarted.log.info).toHaveBeenCalledWith(expect.stringMatching(/published before; version \w+ is in service and serves/));
    expect((await activeRuleSet(app.dataSource.manager))!.version).toBe(newer);
  });

  test("when a folder's draft was begun on an earlier version, then its next change is saved as a new draft on the version in service", async () => {
    const changed = await writeRulesFolder(withSilverFrom(6700));
    await publishFolder(app.dataSource, await writeRulesFolder(withSilverFrom(6750)), queue);
    await restartWith(changed);
    const workbench = new RuleWorkbench(app.dataSource, { queue, reviewFamilies: [], previewWarningShare: 0.2 });
    const folderDraft = async () => (await workbench.drafts(false)).find((open) => open.authorKeyId === folderActor(changed).keyId)!;
    const first = await folderDraft();
    const inService = await publishFolder(app.dataSource, await writeRulesFolder(withSilverFrom(6800)), queue);
    await restartWith(changed);
    const second = await folderDraft();
    expect(second.id).not.toBe(first.id);
    expect(second.baseVersion).toBe(inService);
    expect((await workbench.draft(first.id))!.status).toBe("discarded");
    await workbench.publish({ name: "analyst", keyId: "analyst" }, second.id, "the folder's silver from 6,700");
    expect((await activeRuleSet(app.dataSource.manager))!.sources.tiering.text).toContain("6700");
  });

  test("when its folder holds a change never published, then the change becomes a draft and the version in service serves", async () => {
    const inService = await publishFolder(app.dataSource, await writeRulesFolder(withSilverFrom(6500)), queue);
    const changed = await writeRulesFolder(withSilverFrom(6600));
    const restarted = await restartWith(changed);
    expect(restarted.version).toBe(inService);
    expect(restarted.log.info).toHaveBeenCalledWith(expect.stringMatching(/saved as rule draft (\d+)/));
    const workbench = new RuleWorkbench(app.dataSource, { queue, reviewFamilies: [], previewWarningShare: 0.2 });
    const draft = (await workbench.drafts(false)).find((open) => open.authorKeyId === folderActor(changed).keyId)!;
    expect(draft.files.map((file) => file.family)).toEqual(["tiering"]);
    expect(draft.baseVersion).toBe(inService);
  });
});
