import { DataSource } from "typeorm";
import { PolicyRegistry } from "../../src/policies/policy-registry";
import { activate, claimBatch, releaseBatch } from "../../src/policies/publication/rule-set-publication";
import { AccountBatch, reevaluate } from "../../src/policies/reevaluation";
import { RuleSet } from "../../src/policies/rule-set";
import { createAccount } from "../support/factories";
import { shippedRulesDirectory } from "../support/test-app";
import { openTestDataSource } from "../support/test-database";

/** The one re-evaluation loop of the commands and the server, and the server's claimed batches in it. */
describe("re-evaluation", () => {
  let dataSource: DataSource;
  let ruleSet: RuleSet;

  beforeAll(async () => {
    dataSource = await openTestDataSource();
    ruleSet = (await PolicyRegistry.open(shippedRulesDirectory)).current();
  });
  afterAll(async () => {
    await dataSource.destroy();
  });

  async function assessedVersion(accountId: string): Promise<string | undefined> {
    const [row]: Array<{ rules_version: string }> = await dataSource.query("SELECT rules_version FROM account_assessments WHERE account_id = $1", [accountId]);
    return row?.rules_version;
  }

  test("when the run stops while it takes the next batch, then the batch begun is written and completed, and the one taken is given back unworked", async () => {
    const [first, second] = [await createAccount(dataSource), await createAccount(dataSource)];
    const stop = new AbortController();
    const events: string[] = [];
    const batch = (accountId: string): AccountBatch => ({
      accountIds: [accountId],
      complete: async (_manager, accounts) => void events.push(`complete ${accountId} (${accounts})`),
      release: async () => void events.push(`release ${accountId}`),
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

    // The write of the first and the release of the second overlap: either may come first.
    expect(events.sort()).toEqual([`complete ${first.id} (1)`, `release ${second.id}`]);
    expect(summary).toMatchObject({ accounts: 1, batches: 1, completed: false });
    expect(await assessedVersion(first.id)).toBe(ruleSet.version);
    expect(await assessedVersion(second.id)).toBeUndefined();
  });

  test("when a server process gives a claimed batch back, then another claims it at once rather than after 5 minutes", async () => {
    await createAccount(dataSource);
    const activationId = (await activate(dataSource, ruleSet, "stale", "test"))!;
    try {
      const claimed = (await claimBatch(dataSource, activationId, "process-a"))!;
      expect(claimed).toBeDefined();
      await releaseBatch(dataSource, activationId, claimed, "process-a");
      expect(await claimBatch(dataSource, activationId, "process-b")).toEqual(claimed);
    } finally {
      await dataSource.query("DELETE FROM reevaluation_batches WHERE activation_id = $1", [activationId]);
    }
  });
});
