import { Account } from "../../src/accounts/account.entity";
import { AccountUpsertItem, UpsertAccountsDocument } from "../generated/graphql";
import { createPartner, uniqueTag } from "../support/factories";
import { stringMatching } from "../support/matchers";
import { errorCodes, partnerCaller, startTestApp, TestApp } from "../support/test-app";

function accountItem(externalId: string, overrides: Partial<AccountUpsertItem> = {}): AccountUpsertItem {
  return { externalId, name: `Upserted ${externalId}`, industry: "Retail", region: "EUROPE", status: "ACTIVE", customerSince: "2022-05-01", ...overrides };
}

describe("upsertAccounts: accounts created or updated by the caller's own ids", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  test("when the same items are sent twice and then one changes, then they are CREATED, then UNCHANGED, then one UPDATED and one UNCHANGED", async () => {
    const tag = uniqueTag();
    const items = [accountItem(`erp-${tag}-1`), accountItem(`erp-${tag}-2`, { loyaltyPoints: 10 })];
    const first = await app.execute(UpsertAccountsDocument, { input: { items, clientMutationId: "sync-1" } });
    expect(first.errors).toBeUndefined();
    const created = first.data!.upsertAccounts!;
    expect(created.clientMutationId).toBe("sync-1");
    expect(created.userErrors).toEqual([]);
    expect(created.results!.map(({ index, outcome }) => [index, outcome])).toEqual([
      [0, "CREATED"],
      [1, "CREATED"],
    ]);
    expect(created.results![1].node).toMatchObject({ name: `Upserted erp-${tag}-2`, loyaltyPoints: 10, externalId: `erp-${tag}-2`, status: "ACTIVE" });
    expect(created.results![0].node.assessment).not.toBeNull();

    const again = await app.execute(UpsertAccountsDocument, { input: { items } });
    expect(again.data!.upsertAccounts!.results!.map((result) => [result.outcome, result.node.id])).toEqual(
      created.results!.map((result) => ["UNCHANGED", result.node.id]),
    );

    const changed = await app.execute(UpsertAccountsDocument, { input: { items: [items[0], { ...items[1], loyaltyPoints: 20, status: "CHURNED" }] } });
    expect(changed.data!.upsertAccounts!.results!.map((result) => result.outcome)).toEqual(["UNCHANGED", "UPDATED"]);
    expect(changed.data!.upsertAccounts!.results![1].node).toMatchObject({ loyaltyPoints: 20, status: "CHURNED", customerSince: "2022-05-01" });
  });

  test("when items break rules, then every refused item comes back with its index and field, and no item of the request is written", async () => {
    const tag = uniqueTag();
    const items = [
      accountItem(`bad-${tag}-0`, { status: "PROSPECT", customerSince: "2024-01-01" }),
      accountItem(`bad-${tag}-1`),
      accountItem(`bad-${tag}-2`, { name: "" }),
      accountItem(`bad-${tag}-1`),
    ];
    const result = await app.execute(UpsertAccountsDocument, { input: { items } });
    expect(result.errors).toBeUndefined();
    const payload = result.data!.upsertAccounts!;
    expect(payload.results).toBeNull();
    // The items' own rules are checked first, every item at once; the business rules once they pass.
    expect(payload.userErrors.length).toBeGreaterThan(0);
    for (const userError of payload.userErrors) {
      expect(userError).toEqual({
        index: 2,
        field: ["input", "items", "2", "name"],
        code: "BAD_USER_INPUT",
        reason: null,
        message: stringMatching(/^input\.items\[2\]\.name: /),
      });
    }
    const fixed = await app.execute(UpsertAccountsDocument, { input: { items: items.map((item, index) => (index === 2 ? { ...item, name: "Fine" } : item)) } });
    expect(fixed.data!.upsertAccounts!.userErrors).toEqual([
      {
        index: 3,
        field: ["input", "items", "3", "externalId"],
        code: "BAD_USER_INPUT",
        reason: "DUPLICATE_EXTERNAL_ID",
        message: `input.items[3].externalId: item 1 already has "bad-${tag}-1"; an item may appear once a request`,
      },
    ]);
    const unique = await app.execute(UpsertAccountsDocument, { input: { items: items.slice(0, 3).map((item) => ({ ...item, name: "Fine" })) } });
    expect(unique.data!.upsertAccounts!.userErrors).toEqual([
      {
        index: 0,
        field: ["input", "items", "0", "customerSince"],
        code: "BAD_USER_INPUT",
        reason: "PROSPECT_WITH_CUSTOMER_SINCE",
        message: "input.items[0].customerSince: a prospect is not a customer yet",
      },
    ]);
    expect(
      await app.dataSource
        .getRepository(Account)
        .createQueryBuilder("account")
        .where("account.external_id LIKE :prefix", { prefix: `bad-${tag}%` })
        .getCount(),
    ).toBe(0);
  });

  test("when a stored account is sent with a status its own cannot reach, then that item is a CONFLICT and the other items are not written", async () => {
    const tag = uniqueTag();
    await app.execute(UpsertAccountsDocument, { input: { items: [accountItem(`step-${tag}`)] } });
    const result = await app.execute(UpsertAccountsDocument, {
      input: { items: [accountItem(`step-${tag}-new`), accountItem(`step-${tag}`, { status: "PROSPECT", customerSince: null })] },
    });
    expect(result.data!.upsertAccounts!.userErrors).toMatchObject([
      { index: 1, code: "CONFLICT", reason: "ILLEGAL_STATUS_CHANGE", field: ["input", "items", "1", "status"] },
    ]);
    expect(await app.dataSource.getRepository(Account).countBy({ externalId: `step-${tag}-new` })).toBe(0);
  });

  test(`when more than 500 items are sent, then the request is refused as a whole with TOO_MANY_ITEMS`, async () => {
    const items = Array.from({ length: 501 }, (_, index) => accountItem(`many-${index}`));
    const result = await app.execute(UpsertAccountsDocument, { input: { items } });
    expect(result.data!.upsertAccounts).toEqual({
      clientMutationId: null,
      results: null,
      userErrors: [
        {
          index: null,
          field: ["input", "items"],
          code: "BAD_USER_INPUT",
          reason: "TOO_MANY_ITEMS",
          message: "input.items: at most 500 items a request, got 501; send the rest in further requests",
        },
      ],
    });
  });

  test("when two requests upsert the same new external id at once, then one creates the account and the other finds it", async () => {
    const items = [accountItem(`race-${uniqueTag()}`)];
    const results = await Promise.all([app.execute(UpsertAccountsDocument, { input: { items } }), app.execute(UpsertAccountsDocument, { input: { items } })]);
    const outcomes = results.map((result) => result.data!.upsertAccounts!.results![0].outcome).sort();
    expect(outcomes).toEqual(["CREATED", "UNCHANGED"]);
    expect(new Set(results.map((result) => result.data!.upsertAccounts!.results![0].node.id)).size).toBe(1);
  });

  test("when a partner's key upserts accounts, then it is FORBIDDEN: accounts are ours", async () => {
    const partner = await createPartner(app.dataSource);
    const result = await app.execute(UpsertAccountsDocument, { input: { items: [accountItem(`partner-${uniqueTag()}`)] } }, partnerCaller(partner));
    expect(errorCodes(result)).toEqual(["FORBIDDEN"]);
  });
});
