import { Account } from "../../src/accounts/account.entity";
import {
  AccountNearMissesAndRuleDocument,
  AccountPoliciesDocument,
  AccountsByAssessmentDocument,
  CloseTicketForRetentionDocument,
  OpenTicketWithPriorityDocument,
  PlaceOrderAndAssessDocument,
  ResolveTicketDocument,
  UpdateAccountDocument,
  RuleSetsDocument,
  SupportQueueDocument,
  TierDistributionDocument,
} from "../generated/graphql";
import { createAccount } from "../support/factories";
import { errorCodes, startTestApp, TestApp } from "../support/test-app";
import { minimalRuleFiles, writeRulesFolder } from "./support/rule-fixtures";

/** The policies over GraphQL, on the small rule set of the fixtures (gold: 50k and 4 orders a year; silver: 10k). */
describe("policies in the graph", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ rulesDirectory: await writeRulesFolder(minimalRuleFiles()) });
  });
  afterAll(() => app.close());

  const placeOrder = (account: Account, dollars: number) =>
    app.execute(PlaceOrderAndAssessDocument, {
      input: {
        accountId: account.globalId,
        channel: "WEB",
        lines: [{ product: "Licence", quantity: 1, unitPrice: { amount: String(dollars), currency: "USD" } }],
      },
    });

  async function goldAccount(): Promise<Account> {
    const account = await createAccount(app.dataSource);
    for (let order = 0; order < 4; order++) await placeOrder(account, 15000);
    return account;
  }

  test("when orders are placed, then the account's tier is reassessed in the same transaction and each change is kept as history", async () => {
    const account = await createAccount(app.dataSource);
    const first = await placeOrder(account, 20000);
    expect(first.errors).toBeUndefined();
    expect(first.data?.placeOrder.account.assessment).toEqual({ tier: "silver", rulesVersion: app.policies.current().version });
    for (let order = 0; order < 3; order++) await placeOrder(account, 10000);

    const result = await app.execute(AccountPoliciesDocument, { id: account.globalId });
    const assessment = result.data?.account?.assessment;
    expect(assessment?.tier).toBe("gold");
    expect(assessment?.facts).toMatchObject({ revenue12m: 50000, orders12m: 4 });
    expect(assessment?.explanation?.firedRules[0]).toMatchObject({ rule: "Gold: 50k a year", decided: true });
    expect(assessment?.nearMiss).toBeNull();
    const history: unknown[] = await app.dataSource.query("SELECT previous_tier, tier FROM account_assessment_history WHERE account_id = $1 ORDER BY id", [
      account.id,
    ]);
    expect(history).toEqual([
      { previous_tier: null, tier: "silver" },
      { previous_tier: "silver", tier: "gold" },
    ]);
  });

  test("when an account is below the next tier, then the graph shows the near miss with actual against needed", async () => {
    const account = await createAccount(app.dataSource);
    await placeOrder(account, 12000);
    const result = await app.execute(AccountPoliciesDocument, { id: account.globalId });
    expect(result.data?.account?.assessment?.nearMiss).toMatchObject({ tier: "gold", summary: ["revenue12m 12,000 < 50,000", "orders12m 1 < 4"] });
  });

  test("when a ticket is opened, then it gets a priority, a lane and due times from its tier's targets, with the explanation", async () => {
    const account = await goldAccount();
    const result = await app.execute(OpenTicketWithPriorityDocument, {
      input: { accountId: account.globalId, subject: "Invoice wrong", category: "COMPLAINT", severity: "LOW", channel: "EMAIL" },
    });
    const ticket = result.data!.openTicket;
    const openedAt = Date.parse(ticket.openedAt);
    expect(ticket.servicePriority).toMatchObject({ level: "P2", lane: "dedicated", breached: false, firstResponseBreached: false });
    expect(Date.parse(ticket.servicePriority!.firstResponseDueAt) - openedAt).toBe(120 * 60_000);
    expect(Date.parse(ticket.servicePriority!.resolutionDueAt) - openedAt).toBe(1440 * 60_000);
    expect(ticket.servicePriority!.explanation!.firedRules.map((fired) => fired.rule)).toEqual(["Complaints", "Gold gets its manager"]);
  });

  test("when the support queue is read by first-response due time, then the soonest due comes first, with each account's tier", async () => {
    const gold = await goldAccount();
    const open = (severity: "CRITICAL" | "LOW") =>
      app.execute(OpenTicketWithPriorityDocument, { input: { accountId: gold.globalId, subject: "Help", category: "INCIDENT", severity, channel: "WEB" } });
    const slow = (await open("LOW")).data!.openTicket.id;
    const urgent = (await open("CRITICAL")).data!.openTicket.id;
    const byDueTime = [{ field: "FIRST_RESPONSE_DUE_AT" as const, direction: "ASC" as const }];

    const queue = await app.execute(SupportQueueDocument, { first: 100, filter: { open: true }, orderBy: byDueTime });
    const dueTimes = queue.data!.tickets.edges.map((edge) => edge.node.servicePriority?.firstResponseDueAt ?? "9999");
    expect(dueTimes).toEqual([...dueTimes].sort());
    const ofAccount = await app.execute(SupportQueueDocument, { first: 10, filter: { open: true, accountId: gold.globalId }, orderBy: byDueTime });
    const nodes = ofAccount.data!.tickets.edges.map((edge) => edge.node);
    expect(nodes.map((node) => [node.id, node.servicePriority?.level, node.account.assessment?.tier])).toEqual([
      [urgent, "P1", "gold"],
      [slow, "P4", "gold"],
    ]);
  });

  test("when accounts are filtered by tier, then only accounts assessed in that tier come back; an undeclared tier is bad input", async () => {
    const gold = await goldAccount();
    const result = await app.execute(AccountsByAssessmentDocument, { filter: { tier: ["gold"] } });
    const tiers = new Set(result.data?.accounts.edges.map((edge) => edge.node.assessment?.tier));
    expect(tiers).toEqual(new Set(["gold"]));
    expect(result.data?.accounts.edges.map((edge) => edge.node.id)).toContain(gold.globalId);

    const wrong = await app.execute(AccountsByAssessmentDocument, { filter: { tier: ["platnum"] } });
    expect(errorCodes(wrong)).toEqual(["BAD_USER_INPUT"]);
    expect(wrong.errors?.[0].message).toMatch(/filter\.tier.*"platnum" is not declared/);
  });

  test("when the tier distribution is read, then every declared tier is listed best first with accounts and revenue in dollars", async () => {
    await goldAccount();
    const result = await app.execute(TierDistributionDocument);
    const shares = result.data!.tierDistribution;
    expect(shares.map((share) => share.tier).slice(0, 3)).toEqual(["gold", "silver", "bronze"]);
    expect(shares[0].accounts).toBeGreaterThanOrEqual(1);
    expect(shares[0].revenue12m.currency).toBe("USD");
    expect(Number(shares[0].revenue12m.amount)).toBeGreaterThanOrEqual(60000);
  });

  test("when the rule sets are listed, then each family shows the version in service and no error", async () => {
    const result = await app.execute(RuleSetsDocument);
    expect(result.data?.ruleSets.map((ruleSet) => [ruleSet.family, ruleSet.version, ruleSet.ruleCount, ruleSet.lastError])).toEqual([
      ["tiering", app.policies.current().version, 4, null],
      ["service-priority", app.policies.current().version, 3, null],
      ["retention-barriers", app.policies.current().version, 5, null],
    ]);
  });

  test("when an account's loyalty points change, then its retention barriers are reassessed in the same mutation", async () => {
    const account = await createAccount(app.dataSource);
    const updated = await app.execute(UpdateAccountDocument, { id: account.globalId, input: { loyaltyPoints: 6000 } });
    expect(updated.errors).toBeUndefined();
    const result = await app.execute(AccountPoliciesDocument, { id: account.globalId });
    expect(result.data?.account?.retention?.barriers).toEqual(["loyalty_points"]);
  });

  test("when complaints pile up and one closes unhappy, then the account's retention shows the signal", async () => {
    const account = await goldAccount();
    const complaint = () =>
      app.execute(OpenTicketWithPriorityDocument, {
        input: { accountId: account.globalId, subject: "Unhappy", category: "COMPLAINT", severity: "HIGH", channel: "EMAIL" },
      });
    const first = (await complaint()).data!.openTicket.id;
    await complaint();
    await app.execute(ResolveTicketDocument, { id: first });
    const closed = await app.execute(CloseTicketForRetentionDocument, { id: first, satisfaction: 2 });
    expect(closed.errors).toBeUndefined();
    expect(closed.data?.closeTicket.account.retention).toMatchObject({ risk: "medium", signals: [{ signal: "complaints" }] });
  });
  test("when an explanation is read, then each comparison is worded with symbols, each rule shows its groups and outline, and a rule that lost names the rule that decided", async () => {
    const account = await goldAccount();
    const explanation = (await app.execute(AccountPoliciesDocument, { id: account.globalId })).data!.account!.assessment!.explanation!;
    const [gold, silver] = explanation.firedRules;
    expect(gold.conditions[0]).toMatchObject({ label: null, path: [0], requirement: "revenue12m ≥ 50,000", text: "revenue12m 60,000 ≥ 50,000" });
    expect(gold).toMatchObject({ fired: true, decided: true, blockedBy: null, groups: [{ kind: "ALL", label: null, outcome: "PASSED", path: [] }] });
    expect(gold.outline).toEqual(["held          all of", "held            revenue12m ≥ 50,000 (is 60,000)", "held            orders12m ≥ 4 (is 4)"]);
    expect(silver.blockedBy).toEqual({ decidedBy: "Gold: 50k a year", text: '"Gold: 50k a year" decided first' });
  });

  test("when stage and risk near misses and a rule that did not fire are asked for, then they come from the stored facts through the rules in service", async () => {
    const account = await createAccount(app.dataSource);
    await placeOrder(account, 12000);
    const read = (tieringRule: string, retentionRule: string) =>
      app.execute(AccountNearMissesAndRuleDocument, { id: account.globalId, tieringRule, retentionRule });
    const { assessment, retention } = (await read("gold: 50K A YEAR", "Points at stake")).data!.account!;
    expect(assessment!.lifecycleStage).toBe("active");
    expect(assessment!.lifecycleStageNearMisses!.map((nearMiss) => [nearMiss.stage, nearMiss.rule, nearMiss.blockedBy])).toEqual([
      ["new", "New", null],
      ["churned", "Churned", null],
    ]);
    expect(assessment!.lifecycleStageNearMisses![1].summary).toEqual(["accountStatus active ≠ churned"]);
    expect(assessment!.ruleExplanation).toMatchObject({
      fired: false,
      decided: false,
      blockedBy: { decidedBy: null, text: "revenue12m 12,000 < 50,000", failingCondition: { path: [0], outcome: "FAILED" } },
    });
    expect(retention!.nearMiss).toMatchObject({ risk: "medium", pointsNeeded: 30 });
    expect(retention!.nearMiss!.signals.map((signal) => signal.rule)).toEqual(["Orders falling", "Complaints"]);
    expect(retention!.ruleExplanation!.blockedBy!.text).toBe("loyaltyPoints 0 < 5,000");

    const unknown = await read("Platinum", "Points at stake");
    expect(errorCodes(unknown)).toEqual(["BAD_USER_INPUT"]);
    expect(unknown.errors?.[0].message).toBe('rule: no tiering rule is named "Platinum"');
  });

  test("when an explanation was stored before labels, paths and groups were kept, then it still reads, worded as new ones are", async () => {
    const account = await goldAccount();
    await app.dataSource.query(
      `UPDATE account_assessments SET tiering_explanation = jsonb_set(tiering_explanation, '{firedRules}', (
         SELECT jsonb_agg((fired - 'fired' - 'groups' - 'blockedBy') || jsonb_build_object('conditions', (
           SELECT jsonb_agg(condition - 'label' - 'path' - 'comparedFact') FROM jsonb_array_elements(fired -> 'conditions') condition)))
         FROM jsonb_array_elements(tiering_explanation -> 'firedRules') fired))
       WHERE account_id = $1`,
      [account.id],
    );
    const [gold] = (await app.execute(AccountPoliciesDocument, { id: account.globalId })).data!.account!.assessment!.explanation!.firedRules;
    expect(gold).toMatchObject({ fired: true, groups: [], blockedBy: null });
    expect(gold.conditions[0]).toMatchObject({ label: null, path: [], requirement: "revenue12m ≥ 50,000" });
    expect(gold.outline).toEqual(["held          revenue12m ≥ 50,000 (is 60,000)", "held          orders12m ≥ 4 (is 4)"]);
  });
});
