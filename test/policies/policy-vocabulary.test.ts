import { readFileSync } from "node:fs";
import path from "node:path";
import { print } from "graphql";
import { Account } from "../../src/accounts/account.entity";
import { createRequestContext } from "../../src/graphql/request-context";
import { rankOf } from "../../src/policies/policy-vocabulary";
import { reassessAccounts } from "../../src/policies/reassessment";
import { compileRuleSet, RuleSet } from "../../src/policies/rule-set";
import { plannedMarker } from "../../src/read-planner/object-sql";
import {
  AccountRanksDocument,
  AccountRanksQuery,
  NodeRanksDocument,
  NodeRanksQuery,
  PolicyVocabularyDocument,
  PolicyVocabularyQuery,
  RankedTiersDocument,
} from "../generated/graphql";
import { createAccount, createOrder, createPartner, createTicket } from "../support/factories";
import { readmeQuery } from "../support/readme-queries";
import { errorCodes, internalCaller, partnerCaller, shippedRulesDirectory, startTestApp, TestApp } from "../support/test-app";
import { minimalRuleFiles, toSources } from "./support/rule-fixtures";

/** A shipped rule file as the analysts wrote it. */
const shippedFile = (name: string) => JSON.parse(readFileSync(path.join(shippedRulesDirectory, `${name}.json`), "utf8")) as Record<string, unknown>;

type Written = string | { name: string; description?: string };
/** What a declared list says, in the API's words: each value's name, its rank by its place, and its description. */
const asVocabulary = (written: Written[]) =>
  written.map((value, index) =>
    typeof value === "string" ? { name: value, rank: index + 1, description: null } : { description: null, ...value, rank: index + 1 },
  );

describe("the policy vocabulary: each decision's values in order, and a rank beside each decision's string", () => {
  let app: TestApp;
  let account: Account;
  beforeAll(async () => {
    app = await startTestApp();
    account = await createAccount(app.dataSource);
    for (let order = 0; order < 3; order++) await createOrder(app.dataSource, account.id);
    await createTicket(app.dataSource, account.id);
    await createTicket(app.dataSource, account.id, { category: "complaint" as never });
    await reassessAccounts(app.dataSource.manager, [account.id], app.policies.current());
  });
  afterAll(() => app.close());

  test("when staff read the vocabulary, then each decision lists the rule files' values in their order, ranked from 1, with the analysts' descriptions", async () => {
    const result = await app.execute(PolicyVocabularyDocument);
    expect(result.errors).toBeUndefined();
    const tiering = shippedFile("tiering");
    const servicePriority = shippedFile("service-priority");
    const retention = shippedFile("retention-barriers");
    const risks = retention.riskLevels as Array<{ level: string; description?: string }>;
    expect(result.data?.policyVocabulary).toEqual({
      rulesVersion: app.policies.current().version,
      tiers: asVocabulary(tiering.tiers as Written[]),
      lifecycleStages: asVocabulary(tiering.lifecycleStages as Written[]),
      priorityLevels: asVocabulary(servicePriority.levels as Written[]),
      priorityLanes: asVocabulary(servicePriority.lanes as Written[]),
      retentionRisks: asVocabulary(risks.map((risk) => ({ name: risk.level, description: risk.description }))),
    });
    // Every shipped value is described, and the orders are the ones the descriptions promise.
    const vocabulary = result.data!.policyVocabulary;
    const everyValue = [vocabulary.tiers, vocabulary.lifecycleStages, vocabulary.priorityLevels, vocabulary.priorityLanes, vocabulary.retentionRisks!].flat();
    expect(everyValue.filter((value) => !value.description)).toEqual([]);
    expect(vocabulary.tiers.map((value) => value.name)).toEqual(["platinum", "gold", "silver", "bronze"]);
    expect(vocabulary.priorityLevels.map((value) => value.name)).toEqual(["P1", "P2", "P3", "P4"]);
    expect(vocabulary.retentionRisks!.map((value) => value.name)).toEqual(["high", "medium", "low"]);
  });

  test("when a partner reads the vocabulary, then tiers, stages, levels and lanes come back and the risk levels are FORBIDDEN, the rest in place", async () => {
    const partner = await createPartner(app.dataSource);
    const result = await app.execute(PolicyVocabularyDocument, {}, partnerCaller(partner));
    expect(errorCodes(result)).toEqual(["FORBIDDEN"]);
    expect(result.errors?.[0].path).toEqual(["policyVocabulary", "retentionRisks"]);
    const vocabulary = result.data?.policyVocabulary;
    expect(vocabulary?.retentionRisks).toBeNull();
    expect(vocabulary?.tiers).toHaveLength(4);
    expect(vocabulary?.lifecycleStages).toHaveLength(7);
    expect(vocabulary?.priorityLevels).toHaveLength(4);
    expect(vocabulary?.priorityLanes).toHaveLength(3);
  });

  test("when an account is read, then each rank beside a decision's string is that value's rank in the vocabulary, planned or resolved alike", async () => {
    const vocabulary = app.policies.current().vocabulary;
    app.statements.reset();
    const planned = await app.execute(AccountRanksDocument, { id: account.globalId });
    expect(app.statements.statements).toEqual([expect.stringContaining(`'${plannedMarker}'`)]);
    const resolved = await app.execute(NodeRanksDocument, { id: account.globalId });
    expect(planned.errors).toBeUndefined();
    expect(resolved.errors).toBeUndefined();
    expect(resolved.data?.node).toEqual(planned.data?.account);

    const { assessment, retention, tickets } = planned.data!.account!;
    expect(assessment?.tierRank).toBe(rankOf(vocabulary.tiers, assessment!.tier));
    expect(assessment?.lifecycleStageRank).toBe(rankOf(vocabulary.lifecycleStages, assessment!.lifecycleStage));
    expect(retention?.riskRank).toBe(rankOf(vocabulary.retentionRisks, retention!.risk));
    expect(tickets.nodes).toHaveLength(2);
    for (const { servicePriority } of tickets.nodes) {
      expect(servicePriority?.levelRank).toBe(Number(servicePriority!.level.slice(1)));
      expect(servicePriority?.laneRank).toBe(rankOf(vocabulary.priorityLanes, servicePriority!.lane));
    }
    expect([assessment?.tierRank, assessment?.lifecycleStageRank, retention?.riskRank].every((rank) => typeof rank === "number")).toBe(true);
  });

  test("when the tier distribution and a near miss are read, then their tiers carry their ranks", async () => {
    const result = await app.execute(RankedTiersDocument, { id: account.globalId });
    expect(result.errors).toBeUndefined();
    const tiers = app.policies.current().vocabulary.tiers;
    expect(result.data?.tierDistribution.slice(0, 4)).toEqual(tiers.map((tier) => ({ tier: tier.name, tierRank: tier.rank })));
    // Three small orders: below the top tier, with a next tier up to miss.
    const nearMiss = result.data?.account?.assessment?.nearMiss;
    expect(nearMiss?.tierRank).toBe(rankOf(tiers, nearMiss!.tier));
    expect(nearMiss?.tierRank).toBeLessThan(rankOf(tiers, result.data!.account!.assessment!.tier)!);
  });

  test("when the README's SupportQueue runs, then it answers with the ranks beside the strings and the vocabulary", async () => {
    const result = await app.executeText<{ tickets: { nodes: Array<{ servicePriority: { levelRank: number } | null }> } }>(readmeQuery("SupportQueue"));
    expect(result.errors).toBeUndefined();
    expect(result.data?.tickets.nodes.some((ticket) => typeof ticket.servicePriority?.levelRank === "number")).toBe(true);
  });

  describe("when the request runs on another rule set", () => {
    let other: RuleSet;
    beforeAll(() => {
      const compiled = compileRuleSet(toSources(minimalRuleFiles()));
      if (!compiled.loaded) throw new Error("the fixtures' rules do not load");
      other = compiled.ruleSet;
    });

    /** A request whose context carries `ruleSet`, as one that started before a new rule set went live would. */
    const runOn = <Data>(ruleSet: RuleSet, document: Parameters<typeof print>[0], id: string) =>
      app.executeInContext<Data>(print(document), { id }, { ...createRequestContext(app.dataSource, app.policies, internalCaller), ruleSet });

    test("then the ranks and the vocabulary follow the request's rule set, on both paths, and a value it does not declare has no rank", async () => {
      await app.dataSource.query("UPDATE account_assessments SET lifecycle_stage = 'loyal' WHERE account_id = $1", [account.id]);
      const planned = await runOn<AccountRanksQuery>(other, AccountRanksDocument, account.globalId);
      const resolved = await runOn<NodeRanksQuery>(other, NodeRanksDocument, account.globalId);
      expect(planned.errors).toBeUndefined();
      expect(resolved.data?.node).toEqual(planned.data?.account);
      const { assessment, retention } = planned.data!.account!;
      expect(assessment?.tierRank).toBe(rankOf(other.vocabulary.tiers, assessment!.tier));
      expect(assessment?.tierRank).not.toBe(rankOf(app.policies.current().vocabulary.tiers, assessment!.tier));
      // The fixtures' rules know no "loyal" stage.
      expect(assessment?.lifecycleStageRank).toBeNull();
      expect(retention?.riskRank).toBe(rankOf(other.vocabulary.retentionRisks, retention!.risk));
      const vocabulary = await runOn<PolicyVocabularyQuery>(other, PolicyVocabularyDocument, account.globalId);
      expect(vocabulary.data?.policyVocabulary.rulesVersion).toBe(other.version);
      expect(vocabulary.data?.policyVocabulary.tiers.map((tier) => tier.name)).toEqual(["gold", "silver", "bronze"]);
    });
  });

  test("when the rule files describe none of their values, then the vocabulary still lists them in order, without descriptions", () => {
    const compiled = compileRuleSet(toSources(minimalRuleFiles()));
    expect(compiled.loaded && compiled.ruleSet.vocabulary.tiers).toEqual([
      { name: "gold", rank: 1, description: null },
      { name: "silver", rank: 2, description: null },
      { name: "bronze", rank: 3, description: null },
    ]);
    expect(compiled.loaded && compiled.ruleSet.vocabulary.priorityLevels.map((level) => [level.name, level.rank, level.description])).toEqual([
      ["P1", 1, null],
      ["P2", 2, null],
      ["P3", 3, null],
      ["P4", 4, null],
    ]);
  });
});
