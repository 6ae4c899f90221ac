import { loadConfig } from "../../src/config";
import { OrderStatus } from "../../src/orders/order.entity";
import { dueText } from "../../src/policies/impact/impact-decisions";
import { previewImpact } from "../../src/policies/impact/preview-impact";
import { DecisionImpact, RuleImpact } from "../../src/policies/impact/rule-impact";
import { compileRuleSet, RuleSet } from "../../src/policies/rule-set";
import { databaseIdOf } from "../../src/shared/global-id";
import { TicketCategory, TicketSeverity } from "../../src/tickets/ticket.entity";
import { createAccount, createOrder, createTicket } from "../support/factories";
import { startTestApp, TestApp } from "../support/test-app";
import { EditableRuleFiles, minimalRuleFiles, rule, toSources } from "./support/rule-fixtures";

/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-call --
   the tests edit rule files as free JSON (EditableRuleFiles is any), to write what the types would refuse */

function ruleSetOf(files = minimalRuleFiles()): RuleSet {
  const compiled = compileRuleSet(toSources(files));
  if (!compiled.loaded) throw new Error(JSON.stringify(compiled.problems));
  return compiled.ruleSet;
}

function decision(impact: RuleImpact, name: string): DecisionImpact {
  const found = impact.decisions.find((candidate) => candidate.decision === name);
  if (!found) throw new Error(`no decision "${name}" in ${impact.decisions.map((candidate) => candidate.decision).join(", ")}`);
  return found;
}

/** A draft that changes nothing else: the minimal files with one edit. */
function draftWith(edit: (files: EditableRuleFiles) => void): RuleSet {
  const files = minimalRuleFiles();
  edit(files);
  return ruleSetOf(files);
}

const defaultShare = { warningShare: 0.2 };

describe("impact preview of a draft, every decision", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  test("when a draft only gives some accounts a retention action, then that action's decision counts them and they count as changed", async () => {
    // A loyalty balance no other test gives, so that only these three accounts match the draft's new rule.
    const loyaltyPoints = 4_000_000 + Math.floor(Math.random() * 1_000_000);
    const accounts = await Promise.all([1, 2, 3].map(() => createAccount(app.dataSource, { loyaltyPoints })));
    const callTheLoyal = rule("Call the most loyal", 10, [{ fact: "loyaltyPoints", operator: "equal", value: loyaltyPoints }], "action", {
      action: "account_manager_call",
    });
    const draft = draftWith((files) => {
      files["retention-barriers"].rules.push(callTheLoyal);
    });

    const impact = await previewImpact(app.dataSource, ruleSetOf(), draft, defaultShare);

    const action = decision(impact, "action account_manager_call");
    expect(action).toMatchObject({ family: "retention-barriers", total: impact.accounts, changed: 3, values: ["absent", "present"] });
    expect(action.cells).toContainEqual({ from: "absent", to: "present", count: 3 });
    expect(impact.decisions.filter((other) => other !== action && other.changed > 0)).toEqual([]);
    expect(impact.accountsChanged).toBe(3);
    expect(impact.changedShare).toBeCloseTo(3 / impact.accounts);
    // Examples link to the account: its global id, as account(id) and rules:explain take it.
    expect(action.examples).toHaveLength(2);
    const ours = new Map(accounts.map((account) => [account.id, account.name]));
    for (const example of action.examples) {
      const accountId = databaseIdOf("Account", example.accountId);
      expect(ours.get(accountId!)).toBe(example.subject);
      expect(example).toMatchObject({ from: "absent", to: "present" });
    }
  });

  test("when a draft moves every account, then the result carries a warning in plain words; at a share of 1 it never does", async () => {
    await createAccount(app.dataSource);
    const everyone = rule("Everyone", 10, [{ fact: "accountStatus", operator: "in", value: ["prospect", "active", "churned"] }], "signal", {
      signal: "everyone",
      weight: 1,
    });
    const draft = draftWith((files) => {
      files["retention-barriers"].rules.push(everyone);
    });

    const impact = await previewImpact(app.dataSource, ruleSetOf(), draft, defaultShare);

    expect(impact.accountsChanged).toBe(impact.accounts);
    expect(impact.changedShare).toBe(1);
    expect(decision(impact, "signal everyone").cells).toEqual([{ from: "absent", to: "present", count: impact.accounts }]);
    expect(impact.warning).toMatch(
      new RegExp(
        `^This draft changes a decision for ${impact.accounts.toLocaleString("en")} of ${impact.accounts.toLocaleString("en")} accounts \\(100%\\), more than the 20%`,
      ),
    );
    expect((await previewImpact(app.dataSource, ruleSetOf(), draft, { warningShare: 1 })).warning).toBeNull();
  });

  test("when a draft shortens a target, then the open tickets' due times count the change and their accounts count as changed", async () => {
    const account = await createAccount(app.dataSource);
    await createTicket(app.dataSource, account.id, { category: TicketCategory.INCIDENT, severity: TicketSeverity.MEDIUM });
    const draft = draftWith((files) => {
      const targets = files["service-priority"].targets as Record<string, Record<string, { firstResponseMinutes: number }>>;
      for (const byLevel of Object.values(targets)) byLevel.P4.firstResponseMinutes = 720;
    });

    const impact = await previewImpact(app.dataSource, ruleSetOf(), draft, defaultShare);

    const firstResponse = decision(impact, "first response due");
    expect(firstResponse.total).toBe(impact.openTickets);
    expect(firstResponse.changed).toBeGreaterThanOrEqual(1);
    expect(firstResponse.cells).toContainEqual({ from: "1 d", to: "12 h", count: firstResponse.changed });
    expect(firstResponse.examples[0]).toMatchObject({ subject: expect.stringMatching(/^ticket \S+ of /) as unknown, from: "1 d", to: "12 h" });
    expect(databaseIdOf("Account", firstResponse.examples[0].accountId)).not.toBeNull();
    expect(decision(impact, "resolution due").changed).toBe(0);
    expect(decision(impact, "priority level").changed).toBe(0);
    expect(impact.accountsChanged).toBeGreaterThanOrEqual(1);
    expect(impact.accountsChanged).toBeLessThanOrEqual(firstResponse.changed);
  });

  test("when a draft lowers the silver threshold, then the tier matrix counts the moves in the declared order, and nothing is written", async () => {
    const account = await createAccount(app.dataSource);
    await createOrder(app.dataSource, account.id, { placedAt: new Date(Date.now() - 86_400_000), status: OrderStatus.DELIVERED, currency: "USD" }, [
      { product: "Licence", quantity: 1, unitPriceMinor: 900_000 },
    ]);
    const draft = draftWith((files) => {
      files.tiering.rules[1].conditions.all = [{ fact: "revenue12m", operator: "greaterThanInclusive", value: 8000 }];
    });
    const [{ history }]: { history: number }[] = await app.dataSource.query("SELECT count(*)::int AS history FROM account_assessment_history");

    const impact = await previewImpact(app.dataSource, ruleSetOf(), draft, defaultShare);

    const tier = decision(impact, "tier");
    expect(tier.cells.find((cell) => cell.from === "bronze" && cell.to === "silver")?.count).toBeGreaterThanOrEqual(1);
    expect(tier.values.filter((value) => ["silver", "bronze"].includes(value))).toEqual(["silver", "bronze"]);
    expect(decision(impact, "lifecycle stage").changed).toBe(0);
    const [{ history: historyAfter }]: { history: number }[] = await app.dataSource.query("SELECT count(*)::int AS history FROM account_assessment_history");
    expect(historyAfter).toBe(history);
  });
});

describe("the impact preview's words and settings", () => {
  test.each([
    [30, false, "30 min"],
    [90, false, "1 h 30 min"],
    [1440, false, "1 d"],
    [10080, false, "7 d"],
    [1440, true, "24 h in business hours"],
  ])("when a target is %i minutes (business hours: %s), then it reads %s", (minutes, businessHours, text) => {
    expect(dueText(minutes, businessHours)).toBe(text);
  });

  test("when RULES_PREVIEW_WARNING_SHARE is left out, then it is 0.2; outside 0 to 1, the boot stops naming it", () => {
    expect(loadConfig({}).rulesPreviewWarningShare).toBe(0.2);
    expect(loadConfig({ RULES_PREVIEW_WARNING_SHARE: "0" }).rulesPreviewWarningShare).toBe(0);
    expect(() => loadConfig({ RULES_PREVIEW_WARNING_SHARE: "1.5" })).toThrow(/RULES_PREVIEW_WARNING_SHARE: must be from 0 to 1/);
    expect(() => loadConfig({ RULES_PREVIEW_WARNING_SHARE: "a fifth" })).toThrow(/RULES_PREVIEW_WARNING_SHARE/);
  });
});
