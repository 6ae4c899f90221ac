import { Account } from "../../src/accounts/account.entity";
import {
  AccountsOfPartnerBeforeDocument,
  AccountsOfPartnerPagedDocument,
  LastAccountsOfPartnerDocument,
  OldestOrdersOfAccountDocument,
} from "../generated/graphql";
import { createAccount, createOrder, createPartner } from "../support/factories";
import { errorCodes, resolverSchema, startTestApp, TestApp } from "../support/test-app";

/** `first: Int = 20` in the schema must not turn a backward page into a forward one, on either path. */
describe.each([
  ["the read planner", false],
  ["the resolvers", true],
])("the default page size, answered by %s", (_path, resolversOnly) => {
  let app: TestApp;
  let partnerId: string;
  /** The partner's 25 accounts in the default order (by name). */
  let accounts: Account[];
  beforeAll(async () => {
    app = await startTestApp(resolversOnly ? { schema: await resolverSchema() } : {});
    const partner = await createPartner(app.dataSource);
    partnerId = partner.globalId;
    accounts = [];
    for (let index = 0; index < 25; index++) {
      accounts.push(await createAccount(app.dataSource, { name: `Account ${String(index).padStart(2, "0")}`, partnerId: partner.id }));
    }
  });
  afterAll(() => app.close());

  const ids = (list: Account[]) => list.map((account) => account.globalId);

  it("when a document gives only `last`, then the page holds the list's last items, not the last of the first 20", async () => {
    const result = await app.execute(LastAccountsOfPartnerDocument, { partnerId });
    expect(result.errors).toBeUndefined();
    expect(result.data!.accounts.nodes.map((node) => node.id)).toEqual(ids(accounts.slice(22)));
    expect(result.data!.accounts.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
  });

  it("when a document gives only `before`, then the page holds the 20 items before the cursor", async () => {
    const last = await app.execute(LastAccountsOfPartnerDocument, { partnerId });
    const result = await app.execute(AccountsOfPartnerBeforeDocument, { partnerId, before: last.data!.accounts.pageInfo.startCursor! });
    expect(result.errors).toBeUndefined();
    expect(result.data!.accounts.nodes.map((node) => node.id)).toEqual(ids(accounts.slice(2, 22)));
    expect(result.data!.accounts.pageInfo).toEqual({ hasNextPage: true, hasPreviousPage: true });
  });

  it("when a nested list gives only `last`, then it holds the last items of that account's list", async () => {
    const account = await createAccount(app.dataSource);
    const placed = [];
    for (let day = 1; day <= 4; day++) placed.push(await createOrder(app.dataSource, account.id, { placedAt: new Date(Date.UTC(2024, 0, day)) }));
    const result = await app.execute(OldestOrdersOfAccountDocument, { id: account.globalId });
    expect(result.errors).toBeUndefined();
    // Newest first by default: the last two are the two oldest.
    expect(result.data!.account!.orders.nodes.map((node) => node.id)).toEqual([placed[1].globalId, placed[0].globalId]);
    expect(result.data!.account!.orders.pageInfo).toEqual({ hasNextPage: false, hasPreviousPage: true });
  });

  it("when `first` is typed out as 20 beside `last`, then it is taken for the default and the page goes backward", async () => {
    const result = await app.execute(AccountsOfPartnerPagedDocument, { partnerId, first: 20, last: 2 });
    expect(result.errors).toBeUndefined();
    expect(result.data!.accounts.nodes.map((node) => node.id)).toEqual(ids(accounts.slice(23)));
  });

  it("when another `first` comes beside `last`, then BAD_USER_INPUT names first", async () => {
    const result = await app.execute(AccountsOfPartnerPagedDocument, { partnerId, first: 5, last: 2 });
    expect(errorCodes(result)).toEqual(["BAD_USER_INPUT"]);
    expect(result.errors![0].extensions?.field).toBe("first");
  });

  it("when no page argument is given, then the page holds the first 20 items", async () => {
    const result = await app.execute(AccountsOfPartnerPagedDocument, { partnerId });
    expect(result.data!.accounts.nodes.map((node) => node.id)).toEqual(ids(accounts.slice(0, 20)));
  });
});
