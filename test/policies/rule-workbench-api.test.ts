import { randomUUID } from "node:crypto";
import { fullPersonalDataAccess, noPersonalDataAccess, Role, Caller } from "../../src/access/roles";
import { JobQueue } from "../../src/jobs/job-queue";
import {
  ApproveRuleDraftDocument,
  CheckRuleDraftDocument,
  PreviewRuleDraftDocument,
  PublishRuleDraftDocument,
  RequestRuleReviewDocument,
  RollbackRuleSetDocument,
  RuleAuditDocument,
  RuleDraftsDocument,
  RuleFilesInServiceDocument,
  RuleSetHistoryDocument,
  SaveRuleDraftDocument,
  TestRuleDraftDocument,
} from "../generated/graphql";
import { createAccount, createOrder } from "../support/factories";
import { startTestJobQueue } from "../support/test-job-queue";
import { startTestApp, TestApp } from "../support/test-app";
import { minimalRuleFiles, minimalRuleTests, writeRulesFolder } from "./support/rule-fixtures";
import { publishFolder } from "./support/publish-folder";

function analyst(name: string): Caller {
  return { keyId: randomUUID(), keyPrefix: "cgk_analyst", keyName: name, role: Role.ANALYST, partnerId: null, personalData: fullPersonalDataAccess };
}

const ana = analyst("Ana (pricing analyst)");
const ben = analyst("Ben (retention analyst)");
const partner: Caller = {
  keyId: randomUUID(),
  keyPrefix: "cgk_partner",
  keyName: "partner",
  role: Role.PARTNER,
  partnerId: randomUUID(),
  personalData: noPersonalDataAccess,
};

/** The minimal tiering file with silver from `threshold` of revenue, as an analyst would type it. */
function tieringWithSilverFrom(threshold: number): string {
  const files = minimalRuleFiles();
  // eslint-disable-next-line @typescript-eslint/no-unsafe-member-access -- rule files are edited as free JSON (EditableRuleFiles)
  files.tiering.rules[1].conditions.all[0].value = threshold;
  return `${JSON.stringify(files.tiering, null, 2)}\n`;
}

describe("the analysts' rule API", () => {
  let app: TestApp;
  let queue: JobQueue;
  let startVersion: string;

  beforeAll(async () => {
    queue = await startTestJobQueue("rule_api");
    app = await startTestApp({
      services: { rulePublication: { queue, reviewFamilies: ["tiering", "service-priority"], previewWarningShare: 0 } },
    });
    startVersion = await publishFolder(app.dataSource, await writeRulesFolder(minimalRuleFiles()), queue, "the minimal rules");
    for (let index = 0; index < 4; index++) {
      const account = await createAccount(app.dataSource);
      await createOrder(app.dataSource, account.id, { placedAt: new Date(), totalMinor: 700_000 });
    }
  });
  afterAll(async () => {
    await queue.stop(1_000);
    await app.close();
  });

  async function saveTiering(threshold: number, caller = ana, draftId?: string) {
    const saved = await app.execute(
      SaveRuleDraftDocument,
      { input: { draftId, family: "tiering", document: tieringWithSilverFrom(threshold), comment: `silver from ${threshold}` } },
      caller,
    );
    expect(saved.errors).toBeUndefined();
    return saved.data!.saveRuleDraft!;
  }

  test("when an analyst saves, checks, tests and previews a draft, then each answers from the draft and nothing is in service yet", async () => {
    const inService = await app.execute(RuleFilesInServiceDocument, {}, ana);
    expect(inService.data?.ruleFilesInService.map((file) => file.family)).toEqual(["tiering", "service-priority", "retention-barriers"]);
    expect(JSON.parse(inService.data!.ruleFilesInService[0].tests)).toEqual(minimalRuleTests()["tiering.json"]);

    const { ruleDraft } = await saveTiering(6000);
    expect(ruleDraft).toMatchObject({ status: "EDITING", author: ana.keyName, revision: 1, baseVersion: startVersion, reviewRequired: true });
    expect(ruleDraft!.files.map((file) => file.family)).toEqual(["tiering"]);

    const check = await app.execute(CheckRuleDraftDocument, { draftId: ruleDraft!.id }, ana);
    expect(check.data?.checkRuleDraft).toMatchObject({ valid: true, problems: [] });
    expect(check.data?.checkRuleDraft.version).not.toBe(startVersion);

    const tests = await app.execute(TestRuleDraftDocument, { draftId: ruleDraft!.id }, ana);
    expect(tests.data?.testRuleDraft.failed).toBe(0);
    expect(tests.data?.testRuleDraft.passed).toBeGreaterThan(0);

    const preview = await app.execute(PreviewRuleDraftDocument, { draftId: ruleDraft!.id }, ana);
    expect(preview.errors).toBeUndefined();
    const tier = preview.data!.previewRuleDraft.decisions.find((decision) => decision.decision === "tier")!;
    expect(tier.total).toBe(preview.data!.previewRuleDraft.accounts);
    expect(tier.changed).toBeGreaterThanOrEqual(4);
    // Other tests' accounts share the database: at least this test's four move.
    expect(tier.cells.find((cell) => cell.from === "bronze" && cell.to === "silver")!.count).toBeGreaterThanOrEqual(4);
    expect(preview.data!.previewRuleDraft.warning).toMatch(/accounts/);
  });

  test("when files typed but not saved are checked, then every problem comes back located, and failing cases are named", async () => {
    const files = minimalRuleFiles();
    // eslint-disable-next-line @typescript-eslint/no-unsafe-member-access -- rule files are edited as free JSON (EditableRuleFiles)
    files.tiering.rules[0].conditions.all[0].fact = "revenu12m";
    const check = await app.execute(CheckRuleDraftDocument, { files: [{ family: "tiering", document: JSON.stringify(files.tiering, null, 2) }] }, ana);
    expect(check.data?.checkRuleDraft.valid).toBe(false);
    expect(check.data?.checkRuleDraft.problems).toContainEqual(
      expect.objectContaining({ family: "tiering", file: "rules/tiering.json", rule: "Gold: 50k a year", path: "$.rules[0].conditions.all[0].fact" }),
    );
    expect(check.data!.checkRuleDraft.problems[0].line).toBeGreaterThan(1);
    const unknown = await app.execute(CheckRuleDraftDocument, { files: [{ family: "pricing", document: "{}" }] }, ana);
    expect(unknown.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", reason: "RULE_FAMILY_UNKNOWN", field: "files[0].family" });

    const strict = JSON.stringify({
      family: "tiering",
      cases: [{ name: "6k is silver", facts: { revenue12m: 6000, orders12m: 2 }, expect: { tier: "silver" } }],
    });
    const run = await app.execute(TestRuleDraftDocument, { files: [{ family: "tiering", document: tieringWithSilverFrom(10000), tests: strict }] }, ana);
    expect(run.data?.testRuleDraft.failed).toBe(1);
    const failing = run.data!.testRuleDraft.cases.find((testCase) => !testCase.passed)!;
    expect(failing).toMatchObject({ family: "tiering", name: "6k is silver", passed: false });
    expect(failing.problems[0].message).toMatch(/expected tier "silver", got "bronze"/);
  });

  test("when a draft is published, then it needs another analyst's approval of its current revision, and goes into service with its author, comment and diff", async () => {
    const { ruleDraft } = await saveTiering(7000);
    const id = ruleDraft!.id;
    const unapproved = await app.execute(PublishRuleDraftDocument, { input: { draftId: id, comment: "go" } }, ana);
    expect(unapproved.data?.publishRuleDraft?.userErrors).toEqual([expect.objectContaining({ code: "CONFLICT", reason: "RULE_REVIEW_REQUIRED" })]);

    const own = await app.execute(ApproveRuleDraftDocument, { input: { draftId: id, comment: "fine by me" } }, ana);
    expect(own.data?.approveRuleDraft?.userErrors).toEqual([expect.objectContaining({ code: "FORBIDDEN", reason: "RULE_SELF_APPROVAL" })]);

    const requested = await app.execute(RequestRuleReviewDocument, { input: { draftId: id, comment: "please look" } }, ana);
    expect(requested.data?.requestRuleReview?.ruleDraft?.status).toBe("IN_REVIEW");
    const approved = await app.execute(ApproveRuleDraftDocument, { input: { draftId: id, comment: "checked the matrix" } }, ben);
    expect(approved.data?.approveRuleDraft?.ruleDraft?.approvals).toEqual([{ approver: ben.keyName, comment: "checked the matrix" }]);

    // A save after the approval is a new revision: the approval no longer counts.
    const resaved = await saveTiering(7500, ana, id);
    expect(resaved.ruleDraft).toMatchObject({ revision: 2, status: "EDITING", approvals: [] });
    await app.execute(ApproveRuleDraftDocument, { input: { draftId: id, comment: "7,500 then" } }, ben);

    const published = await app.execute(PublishRuleDraftDocument, { input: { draftId: id, comment: "silver from 7,500" } }, ana);
    expect(published.data?.publishRuleDraft?.userErrors).toEqual([]);
    const version = published.data!.publishRuleDraft!.ruleSetVersion!;
    expect(version).toMatchObject({ reason: "published", author: ana.keyName, comment: "silver from 7,500", inService: true });
    expect(version.changes.map((change) => change.file)).toEqual(["rules/tiering.json"]);
    expect(version.changes[0].diff).toMatch(/-\s+"value": 10000/);
    expect(version.changes[0].diff).toMatch(/\+\s+"value": 7500/);
    expect(published.data!.publishRuleDraft!.ruleDraft).toMatchObject({ status: "PUBLISHED", publishedVersion: version.version });

    const audit = await app.execute(RuleAuditDocument, { first: 6 }, ben);
    expect(audit.data?.ruleAudit.map((entry) => `${entry.action} by ${entry.actor}`).slice(0, 4)).toEqual([
      `published by ${ana.keyName}`,
      `draft approved by ${ben.keyName}`,
      `draft saved by ${ana.keyName}`,
      `draft approved by ${ben.keyName}`,
    ]);
  });

  test("when a draft changes two files, then they are published together as one version; a family without review publishes without approval", async () => {
    const files = minimalRuleFiles();
    const retention = JSON.stringify({ ...files["retention-barriers"], description: "Retention, reworded" }, null, 2);
    const first = await app.execute(
      SaveRuleDraftDocument,
      { input: { family: "retention-barriers", document: retention, comment: "retention reworded" } },
      ben,
    );
    const id = first.data!.saveRuleDraft!.ruleDraft!.id;
    expect(first.data!.saveRuleDraft!.ruleDraft!.reviewRequired).toBe(false);
    const tests = JSON.stringify({
      family: "tiering",
      cases: [{ name: "8k is silver", facts: { revenue12m: 8000, orders12m: 1 }, expect: { tier: "silver" } }],
    });
    const second = await app.execute(
      SaveRuleDraftDocument,
      { input: { draftId: id, family: "tiering", document: tieringWithSilverFrom(8000), tests, comment: "and silver from 8,000" } },
      ben,
    );
    expect(second.data!.saveRuleDraft!.ruleDraft!).toMatchObject({ reviewRequired: true, files: [{ family: "tiering" }, { family: "retention-barriers" }] });
    await app.execute(ApproveRuleDraftDocument, { input: { draftId: id, comment: "ok" } }, ana);
    const published = await app.execute(PublishRuleDraftDocument, { input: { draftId: id, comment: "two files" } }, ben);
    expect(published.data?.publishRuleDraft?.userErrors).toEqual([]);
    expect(published.data!.publishRuleDraft!.ruleSetVersion!.changes.map((change) => change.file)).toEqual([
      "rules/tiering.json",
      "rules/tests/tiering.json",
      "rules/retention-barriers.json",
    ]);
    const history = await app.execute(RuleSetHistoryDocument, { first: 1 }, ana);
    expect(history.data?.ruleSetHistory[0].version).toBe(published.data!.publishRuleDraft!.ruleSetVersion!.version);
  });

  test("when two drafts change one family and the first is published, then the second is refused as a conflict; a broken draft is refused with its problems", async () => {
    // The cases in service expect silver at 8,000 (the previous test's): both drafts keep it.
    const one = (await saveTiering(7900, ben)).ruleDraft!.id;
    const two = (await saveTiering(7800, ben)).ruleDraft!.id;
    for (const id of [one, two]) await app.execute(ApproveRuleDraftDocument, { input: { draftId: id, comment: "ok" } }, ana);
    expect((await app.execute(PublishRuleDraftDocument, { input: { draftId: one, comment: "first" } }, ben)).data?.publishRuleDraft?.userErrors).toEqual([]);
    const late = await app.execute(PublishRuleDraftDocument, { input: { draftId: two, comment: "second" } }, ben);
    expect(late.data?.publishRuleDraft?.userErrors).toEqual([expect.objectContaining({ code: "CONFLICT", reason: "RULE_DRAFT_CONFLICT" })]);

    const broken = await app.execute(SaveRuleDraftDocument, { input: { family: "retention-barriers", document: "{ not json", comment: "oops" } }, ana);
    const brokenId = broken.data!.saveRuleDraft!.ruleDraft!.id;
    const refused = await app.execute(PublishRuleDraftDocument, { input: { draftId: brokenId, comment: "go" } }, ana);
    expect(refused.data?.publishRuleDraft?.userErrors).toEqual([expect.objectContaining({ code: "BAD_USER_INPUT", reason: "RULE_DRAFT_INVALID" })]);
    expect(refused.data?.publishRuleDraft?.userErrors[0].message).toMatch(/rules\/retention-barriers\.json:1:/);
  });

  test("when an analyst rolls back, then the earlier version is in service with the comment; an unknown version is NOT_FOUND", async () => {
    const rolled = await app.execute(RollbackRuleSetDocument, { input: { to: startVersion, comment: "back to the minimal rules" } }, ana);
    expect(rolled.data?.rollbackRuleSet?.ruleSetVersion).toMatchObject({ version: startVersion, reason: "rollback", author: ana.keyName, inService: true });
    const unknown = await app.execute(RollbackRuleSetDocument, { input: { to: "000000000000", comment: "x" } }, ana);
    expect(unknown.data?.rollbackRuleSet?.userErrors).toEqual([expect.objectContaining({ code: "NOT_FOUND", reason: "RULE_VERSION_NOT_FOUND" })]);
  });

  test("when a partner's key asks for drafts or saves one, then both are FORBIDDEN", async () => {
    const listed = await app.execute(RuleDraftsDocument, {}, partner);
    expect(listed.errors?.[0].extensions?.code).toBe("FORBIDDEN");
    const saved = await app.execute(SaveRuleDraftDocument, { input: { family: "tiering", document: "{}", comment: "x" } }, partner);
    expect(saved.errors?.[0].extensions?.code).toBe("FORBIDDEN");
  });
});
