import { Account } from "../../src/accounts/account.entity";
import { AccountByIdDocument, AccountsPageDocument } from "../generated/graphql";
import { createAccount, createAccountManager, createPartner, uniqueTag } from "../support/factories";
import { errorCodes, startTestApp, TestApp } from "../support/test-app";

describe("accounts: filters and lookup", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  async function accountNames(filter: Record<string, unknown>) {
    const result = await app.execute(AccountsPageDocument, { filter, first: 100 });
    expect(result.errors).toBeUndefined();
    return result.data!.accounts.edges.map((edge) => edge.node.name).sort();
  }

  it("when searching part of a name in another case, then matching accounts come back and wildcards match literally", async () => {
    const tag = uniqueTag();
    await createAccount(app.dataSource, { name: `Globex ${tag} Corporation` });
    await createAccount(app.dataSource, { name: `globex_${tag} 100% Ltd` });
    await createAccount(app.dataSource, { name: `Initech ${tag}` });
    expect(await accountNames({ search: `GLOBEX ${tag}` })).toEqual([`Globex ${tag} Corporation`]);
    expect(await accountNames({ search: `x_${tag} 100%` })).toEqual([`globex_${tag} 100% Ltd`]);
    expect(await accountNames({ search: `globex%${tag}` })).toEqual([]);
  });

  it("when filtering by industry, region, status and customer-since range together, then every condition applies", async () => {
    const partner = await createPartner(app.dataSource);
    const base = { partnerId: partner.id } as Partial<Account>;
    await createAccount(app.dataSource, {
      ...base,
      name: "match",
      industry: "Energy",
      region: "asia_pacific" as Account["region"],
      customerSince: "2020-06-01",
    });
    await createAccount(app.dataSource, {
      ...base,
      name: "wrong industry",
      industry: "Retail",
      region: "asia_pacific" as Account["region"],
      customerSince: "2020-06-01",
    });
    await createAccount(app.dataSource, {
      ...base,
      name: "wrong region",
      industry: "Energy",
      region: "europe" as Account["region"],
      customerSince: "2020-06-01",
    });
    await createAccount(app.dataSource, {
      ...base,
      name: "too early",
      industry: "Energy",
      region: "asia_pacific" as Account["region"],
      customerSince: "2019-12-31",
    });
    await createAccount(app.dataSource, {
      ...base,
      name: "prospect",
      industry: "Energy",
      region: "asia_pacific" as Account["region"],
      status: "prospect" as Account["status"],
      customerSince: null,
    });
    const filter = {
      partnerId: partner.globalId,
      industry: ["Energy"],
      region: ["ASIA_PACIFIC"],
      status: ["ACTIVE", "CHURNED"],
      customerSince: { from: "2020-01-01", to: "2020-12-31" },
    };
    expect(await accountNames(filter)).toEqual(["match"]);
    expect(await accountNames({ partnerId: partner.globalId, status: ["PROSPECT"] })).toEqual(["prospect"]);
  });

  it("when filtering by account manager, then only that manager's accounts come back", async () => {
    const manager = await createAccountManager(app.dataSource);
    await createAccount(app.dataSource, { name: "managed", accountManagerId: manager.id });
    expect(await accountNames({ accountManagerId: manager.globalId })).toEqual(["managed"]);
  });

  it("when ordering by customer since, then prospects come after every customer", async () => {
    const partner = await createPartner(app.dataSource);
    await createAccount(app.dataSource, { name: "prospect", partnerId: partner.id, status: "prospect" as Account["status"], customerSince: null });
    await createAccount(app.dataSource, { name: "new", partnerId: partner.id, customerSince: "2024-01-01" });
    await createAccount(app.dataSource, { name: "old", partnerId: partner.id, customerSince: "2010-01-01" });
    const result = await app.execute(AccountsPageDocument, {
      filter: { partnerId: partner.globalId },
      orderBy: [{ field: "CUSTOMER_SINCE", direction: "ASC" }],
      first: 2,
    });
    const next = await app.execute(AccountsPageDocument, {
      filter: { partnerId: partner.globalId },
      orderBy: [{ field: "CUSTOMER_SINCE", direction: "ASC" }],
      first: 2,
      after: result.data!.accounts.pageInfo.endCursor,
    });
    const names = [...result.data!.accounts.edges, ...next.data!.accounts.edges].map((edge) => edge.node.name);
    expect(names).toEqual(["old", "new", "prospect"]);
  });

  it("when the search term is empty, then BAD_USER_INPUT names filter.search", async () => {
    const result = await app.execute(AccountsPageDocument, { filter: { search: "" } });
    expect(errorCodes(result)).toEqual(["BAD_USER_INPUT"]);
    expect(result.errors![0].extensions?.field).toBe("filter.search");
  });

  it("when a variable does not fit its type, then BAD_USER_INPUT names the field", async () => {
    const result = await app.execute(AccountsPageDocument, { filter: { customerSince: { from: "not a date" } } });
    expect(errorCodes(result)).toEqual(["BAD_USER_INPUT"]);
    expect(result.errors![0].extensions?.field).toBe("filter.customerSince.from");
  });

  it("when a filter id names another type, then BAD_USER_INPUT names the filter field", async () => {
    const account = await createAccount(app.dataSource);
    const result = await app.execute(AccountsPageDocument, { filter: { partnerId: account.globalId } });
    expect(errorCodes(result)).toEqual(["BAD_USER_INPUT"]);
    expect(result.errors![0].extensions?.field).toBe("filter.partnerId");
  });

  it("when fetching an account by id, then its contract, manager and partner come with it", async () => {
    const manager = await createAccountManager(app.dataSource);
    const partner = await createPartner(app.dataSource);
    const account = await createAccount(app.dataSource, {
      accountManagerId: manager.id,
      partnerId: partner.id,
      contractStartsOn: "2024-01-01",
      contractEndsOn: "2026-12-31",
      contractAutoRenew: true,
    });
    const result = await app.execute(AccountByIdDocument, { id: account.globalId });
    expect(result.data!.account).toMatchObject({
      id: account.globalId,
      status: "ACTIVE",
      region: "EUROPE",
      contract: { startsOn: "2024-01-01", endsOn: "2026-12-31", autoRenew: true },
      accountManager: { id: manager.globalId, email: manager.email },
      partner: { id: partner.globalId, name: partner.name },
    });
  });

  it("when the id is unknown or of another type, then the account is null without error", async () => {
    const ghost = Buffer.from("Account:00000000-0000-4000-8000-000000000000").toString("base64");
    const partner = await createPartner(app.dataSource);
    for (const id of [ghost, partner.globalId, "garbage"]) {
      const result = await app.execute(AccountByIdDocument, { id });
      expect(result.errors).toBeUndefined();
      expect(result.data!.account).toBeNull();
    }
  });
});
