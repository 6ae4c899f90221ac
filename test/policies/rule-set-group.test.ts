import { writeFile } from "node:fs/promises";
import path from "node:path";
import { PolicyRuntime } from "../../src/policies/policy-runtime";
import { activeRuleSet } from "../../src/policies/publication/rule-set-publication";
import { rollBackTo } from "../../src/policies/publication/rule-set-history";
import { folderActor } from "../../src/policies/publication/rules-folder";
import { RuleWorkbench } from "../../src/policies/publication/rule-workbench";
import { reevaluationProgress } from "../../src/policies/publication/reevaluation-jobs";
import { JobQueue } from "../../src/jobs/job-queue";
import { startTestJobQueue } from "../support/test-job-queue";
import { createAccount, createOrder } from "../support/factories";
import { startTestApp, TestApp } from "../support/test-app";
import { minimalRuleFiles, writeRulesFolder } from "./support/rule-fixtures";

async function within(milliseconds: number, condition: () => boolean | Promise<boolean>): Promise<number> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > milliseconds) throw new Error(`not within ${milliseconds} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return Date.now() - started;
}

/**
 * Three server processes on one database, as runtimes of their own (names, folders, followers): a change
 * of one's folder becomes a draft, published by an analyst; all follow; the re-evaluation is shared. (One pool serves the three:
 * the embedded test database takes one connection per process.)
 */
/**
 * On PostgreSQL the processes LISTEN and look on their own only once a minute, so that a switch within
 * 2 s proves the notification; the embedded database (one process in real use) delivers none to other
 * connections, and there they look every second.
 */
const following = process.env.TEST_DATABASE_URL ? { listen: true, followMilliseconds: 60_000 } : { listen: false, followMilliseconds: 1_000 };

describe("several processes, one rule set in service", () => {
  let app: TestApp;
  let queue: JobQueue;
  const runtimes: PolicyRuntime[] = [];
  const logs = [0, 1, 2].map(() => ({ info: jest.fn(), error: jest.fn() }));
  let folders: string[];
  /** The version in service when the three start: their folders' version, or what an earlier test put in service. */
  let startVersion: string;

  beforeAll(async () => {
    folders = await Promise.all([0, 1, 2].map(() => writeRulesFolder(minimalRuleFiles())));
    // The three share one pool (one connection on the embedded database): one waits for another's batch of
    // re-evaluation to commit, longer than a request would be let wait.
    app = await startTestApp({ rulesDirectory: folders[0], database: { connectTimeoutMilliseconds: 30_000 } });
    queue = await startTestJobQueue("rule_set_group");
    for (let index = 0; index < 3; index++) {
      runtimes.push(await PolicyRuntime.start(app.dataSource, folders[index], logs[index], { watch: index === 0, queue, ...following }));
    }
    await runtimes[0].watching();
    startVersion = runtimes[0].registry.current().version;
    for (let index = 0; index < 12; index++) {
      const account = await createAccount(app.dataSource);
      await createOrder(app.dataSource, account.id, { placedAt: new Date(), totalMinor: 600_000 });
    }
    await Promise.all(runtimes.map((runtime) => runtime.reevaluateIfStale()));
    await Promise.all(runtimes.map((runtime) => runtime.idle()));
  });
  afterAll(async () => {
    for (const runtime of runtimes) await runtime.close();
    await queue.stop(1_000);
    await app.close();
  });

  test("when one process's rule file changes, then it becomes a draft; published, all three serve it within 2 s and every account is re-evaluated exactly once", async () => {
    const before = runtimes[0].registry.current().version;
    const files = minimalRuleFiles();
    // eslint-disable-next-line @typescript-eslint/no-unsafe-member-access -- rule files are edited as free JSON (EditableRuleFiles)
    files.tiering.rules[1].conditions.all[0].value = 6000;
    await writeFile(path.join(folders[0], "tiering.json"), `${JSON.stringify(files.tiering, null, 2)}\n`);
    const workbench = new RuleWorkbench(app.dataSource, { queue, reviewFamilies: [], previewWarningShare: 0.2 });
    const folderDraft = async () => (await workbench.drafts(false)).find((draft) => draft.authorKeyId === folderActor(folders[0]).keyId);
    await within(5_000, async () => (await folderDraft())?.files.some((file) => file.document.includes("6000")) ?? false);
    expect(runtimes[0].registry.current().version).toBe(before);

    await workbench.publish({ name: "analyst", keyId: "analyst-key" }, (await folderDraft())!.id, "silver from 6,000");
    const published = (await activeRuleSet(app.dataSource.manager))!.version;
    expect(published).not.toBe(before);
    const switched = await within(2_000, () => runtimes.every((runtime) => runtime.registry.current().version === published));
    expect(switched).toBeLessThan(2_000);

    await Promise.all(runtimes.map((runtime) => runtime.idle()));
    const active = (await activeRuleSet(app.dataSource.manager))!;
    expect(active.version).toBe(published);
    const batches = await reevaluationProgress(queue.schema, app.dataSource, active.id);
    expect(batches.open).toBe(0);
    const [{ accounts }]: { accounts: number }[] = await app.dataSource.query("SELECT count(*)::int AS accounts FROM accounts");
    expect(batches.evaluated).toBe(accounts);
    const [{ stale }]: { stale: number }[] = await app.dataSource.query("SELECT count(*)::int AS stale FROM account_assessments WHERE rules_version <> $1", [
      published,
    ]);
    expect(stale).toBe(0);
    for (const log of logs) expect(log.error).not.toHaveBeenCalled();
  });

  test("when an operator rolls back to the earlier version, then all three serve it again within 2 s; the changed folder does not publish it over", async () => {
    const earlier = startVersion;
    await rollBackTo(app.dataSource, earlier, { actor: { name: "test", keyId: "test" }, comment: "back" }, queue);
    await within(2_000, () => runtimes.every((runtime) => runtime.registry.current().version === earlier));
    await Promise.all(runtimes.map((runtime) => runtime.idle()));
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    expect((await activeRuleSet(app.dataSource.manager))!.version).toBe(earlier);
    await expect(rollBackTo(app.dataSource, "000000000000", { actor: { name: "test", keyId: "test" }, comment: "back" }, queue)).rejects.toThrow(
      /was ever published/,
    );
  });
});
