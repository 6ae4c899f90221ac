import { OrderStatus } from "../../src/orders/order.entity";
import { previewImpact } from "../../src/policies/impact/preview-impact";
import { compileRuleSet, RuleSet } from "../../src/policies/rule-set";
import { createAccount, createOrder } from "../support/factories";
import { startTestApp, TestApp } from "../support/test-app";
import { minimalRuleFiles, toSources } from "./support/rule-fixtures";
import { stringMatching } from "../support/matchers";

function ruleSetOf(files = minimalRuleFiles()): RuleSet {
  const compiled = compileRuleSet(toSources(files));
  if (!compiled.loaded) throw new Error(JSON.stringify(compiled.problems));
  return compiled.ruleSet;
}

describe("impact preview of a draft", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  test("when a draft lowers the gold threshold, then the matrix counts the accounts that would move, with examples, and nothing is written", async () => {
    const account = await createAccount(app.dataSource);
    await createOrder(app.dataSource, account.id, { placedAt: new Date(Date.now() - 86_400_000), status: OrderStatus.DELIVERED, currency: "USD" }, [
      { product: "Licence", quantity: 1, unitPriceMinor: 1_500_000 },
    ]);
    const draftFiles = minimalRuleFiles();
    // eslint-disable-next-line @typescript-eslint/no-unsafe-member-access -- rule files are edited as free JSON (EditableRuleFiles)
    draftFiles.tiering.rules[0].conditions.all = [{ fact: "revenue12m", operator: "greaterThanInclusive", value: 14000 }];
    const [{ accounts }]: { accounts: number }[] = await app.dataSource.query("SELECT count(*)::int AS accounts FROM accounts");
    const [{ history }]: { history: number }[] = await app.dataSource.query("SELECT count(*)::int AS history FROM account_assessment_history");

    const preview = await previewImpact(app.dataSource, ruleSetOf(), ruleSetOf(draftFiles));

    expect(preview.tier.total).toBe(accounts);
    expect(preview.tier.counts.get("silver")?.get("gold")).toBeGreaterThanOrEqual(1);
    expect(preview.tier.changed).toBeGreaterThanOrEqual(1);
    expect(preview.tier.examples).toContainEqual({ subject: stringMatching(/\(.+\)$/), from: "silver", to: "gold" });
    expect(preview.tier.render(["gold", "silver", "bronze"])).toMatch(/^tiering: tier — \d+ of \d+ would change\nnow \\ draft/);
    expect(preview.lifecycleStage.changed).toBe(0);
    const [{ history: historyAfter }]: { history: number }[] = await app.dataSource.query("SELECT count(*)::int AS history FROM account_assessment_history");
    expect(historyAfter).toBe(history);
  });
});
