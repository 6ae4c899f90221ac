import { AccountSortField, AccountsPageDocument, SortDirection } from "../generated/graphql";
import { createAccount, createPartner } from "../support/factories";
import { errorCodes, startTestApp, TestApp } from "../support/test-app";

describe("accounts: cursor pagination", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  async function partnerWithAccounts(count: number) {
    const partner = await createPartner(app.dataSource);
    for (let index = 0; index < count; index++) {
      // Names repeat on purpose: ties must be broken by id without duplicates or gaps.
      await createAccount(app.dataSource, { name: `Account ${index % 4}`, partnerId: partner.id, loyaltyPoints: index });
    }
    return partner;
  }

  async function readAllPages(partnerId: string, direction: "forward" | "backward", pageSize: number) {
    const names: string[] = [];
    let cursor: string | null | undefined;
    for (let pages = 0; pages < 50; pages++) {
      const result = await app.execute(AccountsPageDocument, {
        filter: { partnerId },
        ...(direction === "forward" ? { first: pageSize, after: cursor } : { last: pageSize, before: cursor }),
      });
      expect(result.errors).toBeUndefined();
      const connection = result.data!.accounts;
      const ids = connection.edges.map((edge) => edge.node.id);
      names.push(...(direction === "forward" ? ids : ids.reverse()));
      const more = direction === "forward" ? connection.pageInfo.hasNextPage : connection.pageInfo.hasPreviousPage;
      if (!more) break;
      cursor = direction === "forward" ? connection.pageInfo.endCursor : connection.pageInfo.startCursor;
    }
    return names;
  }

  it("when paging forward and backward through ties, then every account appears once, in the same order", async () => {
    const partner = await partnerWithAccounts(23);
    const forward = await readAllPages(partner.globalId, "forward", 5);
    const backward = await readAllPages(partner.globalId, "backward", 4);
    expect(forward).toHaveLength(23);
    expect(new Set(forward).size).toBe(23);
    expect(backward.reverse()).toEqual(forward);
  });

  it("when rows are inserted between pages, then the next page neither repeats nor skips earlier rows", async () => {
    const partner = await partnerWithAccounts(10);
    const first = await app.execute(AccountsPageDocument, { filter: { partnerId: partner.globalId }, first: 5 });
    const firstIds = first.data!.accounts.edges.map((edge) => edge.node.id);
    // Sorts before every existing name: an offset would now repeat the fifth row.
    await createAccount(app.dataSource, { name: "AAA inserted first", partnerId: partner.id });
    const second = await app.execute(AccountsPageDocument, {
      filter: { partnerId: partner.globalId },
      first: 10,
      after: first.data!.accounts.pageInfo.endCursor,
    });
    const secondIds = second.data!.accounts.edges.map((edge) => edge.node.id);
    expect(secondIds).toHaveLength(5);
    expect(secondIds.filter((id) => firstIds.includes(id))).toEqual([]);
    expect(second.data!.accounts.totalCount).toBe(11);
    expect(second.data!.accounts.pageInfo.hasNextPage).toBe(false);
    expect(second.data!.accounts.pageInfo.hasPreviousPage).toBe(true);
  });

  it("when ordering by loyalty points descending, then the page follows that order with ties broken by id", async () => {
    const partner = await partnerWithAccounts(6);
    const result = await app.execute(AccountsPageDocument, {
      filter: { partnerId: partner.globalId },
      orderBy: [{ field: "LOYALTY_POINTS" satisfies AccountSortField, direction: "DESC" satisfies SortDirection }],
      first: 3,
    });
    expect(result.data!.accounts.edges.map((edge) => edge.node.loyaltyPoints)).toEqual([5, 4, 3]);
  });

  it.each([
    [{ first: 0 }, "first"],
    [{ first: 101 }, "first"],
    [{ last: 101 }, "last"],
    [{ first: 5, last: 5 }, "first"],
  ])("when the page arguments are %j, then BAD_USER_INPUT names %s", async (page, field) => {
    const result = await app.execute(AccountsPageDocument, page);
    expect(errorCodes(result)).toEqual(["BAD_USER_INPUT"]);
    expect(result.errors![0].extensions?.field).toBe(field);
  });

  it("when no page size is given, then the page holds 20 accounts", async () => {
    const partner = await partnerWithAccounts(21);
    const result = await app.execute(AccountsPageDocument, { filter: { partnerId: partner.globalId } });
    expect(result.data!.accounts.edges).toHaveLength(20);
    expect(result.data!.accounts.pageInfo.hasNextPage).toBe(true);
  });

  it("when a cursor is forged or made for another order, then BAD_USER_INPUT names the cursor argument", async () => {
    const partner = await partnerWithAccounts(3);
    const page = await app.execute(AccountsPageDocument, { filter: { partnerId: partner.globalId }, first: 1 });
    const otherOrder = await app.execute(AccountsPageDocument, {
      first: 1,
      after: page.data!.accounts.pageInfo.endCursor,
      orderBy: [{ field: "CREATED_AT", direction: "ASC" }],
    });
    const forged = await app.execute(AccountsPageDocument, { first: 1, after: "bm90IGEgY3Vyc29y" });
    const badValue = await app.execute(AccountsPageDocument, {
      first: 1,
      after: Buffer.from(JSON.stringify({ o: "NAME:ASC,ID:ASC", v: ["x", "not-a-uuid"] })).toString("base64url"),
    });
    for (const result of [otherOrder, forged, badValue]) {
      expect(errorCodes(result)).toEqual(["BAD_USER_INPUT"]);
      expect(result.errors![0].extensions?.field).toBe("after");
    }
  });
});
