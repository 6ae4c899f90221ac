import { DataSource } from "typeorm";
import { PolicyRegistry } from "../../src/policies/policy-registry";
import { activate } from "../../src/policies/publication/rule-set-publication";
import { reevaluationProgress, workOnReevaluations } from "../../src/policies/publication/reevaluation-jobs";
import { JobQueue } from "../../src/jobs/job-queue";
import { AccountBatch, reevaluate } from "../../src/policies/reevaluation";
import { RuleSet } from "../../src/policies/rule-set";
import { createAccount } from "../support/factories";
import { shippedRulesDirectory } from "../support/test-app";
import { openTestDataSource } from "../support/test-database";
import { startTestJobQueue } from "../support/test-job-queue";

/** The one re-evaluation loop of the commands and the server, and the server's jobs in it. */
describe("re-evaluation", () => {
  let dataSource: DataSource;
  let ruleSet: RuleSet;
  let queue: JobQueue;

  beforeAll(async () => {
    // The workers' batches and the test's own reads share its one connection on the embedded database.
    dataSource = await openTestDataSource({ connectTimeoutMilliseconds: 30_000 });
    ruleSet = (await PolicyRegistry.open(shippedRulesDirectory)).current();
    queue = await startTestJobQueue("reevaluation");
  });
  afterAll(async () => {
    await queue.stop(1_000);
    await dataSource.destroy();
  });

  async function assessedVersion(accountId: string): Promise<string | undefined> {
    const [row]: Array<{ rules_version: string }> = await dataSource.query("SELECT rules_version FROM account_assessments WHERE account_id = $1", [accountId]);
    return row?.rules_version;
  }

  test("when the run stops while it takes the next batch, then the batch begun is written and completed, and the one taken is left unworked", async () => {
    const [first, second] = [await createAccount(dataSource), await createAccount(dataSource)];
    const stop = new AbortController();
    const events: string[] = [];
    const batch = (accountId: string): AccountBatch => ({
      accountIds: [accountId],
      complete: async (_manager, accounts) => void events.push(`complete ${accountId} (${accounts})`),
    });
    const taken = [batch(first.id), batch(second.id)];
    const summary = await reevaluate(
      dataSource,
      ruleSet,
      {
        async next() {
          if (taken.length === 1) stop.abort(); // The second batch is taken as the stop arrives.
          return taken.shift();
        },
      },
      { signal: stop.signal },
    );

    expect(events).toEqual([`complete ${first.id} (1)`]);
    expect(summary).toMatchObject({ accounts: 1, batches: 1, completed: false });
    expect(await assessedVersion(first.id)).toBe(ruleSet.version);
    expect(await assessedVersion(second.id)).toBeUndefined();
  });

  test("when a worker fails its jobs (a version it cannot evaluate), then another takes them and each job's accounts are written once, with the job", async () => {
    const accounts = [await createAccount(dataSource), await createAccount(dataSource)];
    const [{ stale }]: { stale: number }[] = await dataSource.query(
      `SELECT count(*)::int AS stale FROM accounts WHERE NOT EXISTS (SELECT 1 FROM account_assessments WHERE account_id = accounts.id AND rules_version = $1)`,
      [ruleSet.version],
    );
    const activationId = (await activate(dataSource, { ...ruleSet, tests: null }, { reason: "stale", by: "test", comment: "" }, queue))!;
    const refusing = await workOnReevaluations(queue, dataSource, async () => undefined, "process-a");
    await within(10_000, async () => (await queue.unfinished("reevaluate-accounts")) > 0 && (await retriedJobs(activationId)) > 0);
    await queue.stopWorking(refusing);
    const stop = new AbortController();
    const serving = await workOnReevaluations(
      queue,
      dataSource,
      async (id) => (id === activationId ? { ruleSet, signal: stop.signal } : "superseded"),
      "process-b",
    );
    await within(20_000, async () => (await reevaluationProgress(queue.schema, dataSource, activationId)).open === 0);
    await queue.stopWorking(serving);
    const progress = await reevaluationProgress(queue.schema, dataSource, activationId);
    // A job covers an id range: the accounts without a result, and any fresh ones between them.
    expect(progress).toMatchObject({ open: 0, workers: 1 });
    expect(progress.evaluated).toBeGreaterThanOrEqual(stale);
    for (const account of accounts) expect(await assessedVersion(account.id)).toBe(ruleSet.version);
    const [{ behind }]: { behind: number }[] = await dataSource.query(
      `SELECT count(*)::int AS behind FROM accounts WHERE NOT EXISTS (SELECT 1 FROM account_assessments WHERE account_id = accounts.id AND rules_version = $1)`,
      [ruleSet.version],
    );
    expect(behind).toBe(0);
  });

  async function retriedJobs(activationId: number): Promise<number> {
    const [{ retried }]: { retried: number }[] = await dataSource.query(
      `SELECT count(*)::int AS retried FROM ${queue.schema}.job WHERE (data->>'activationId')::bigint = $1 AND retry_count > 0`,
      [activationId],
    );
    return retried;
  }
});

async function within(milliseconds: number, condition: () => Promise<boolean>): Promise<void> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > milliseconds) throw new Error(`not within ${milliseconds} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
