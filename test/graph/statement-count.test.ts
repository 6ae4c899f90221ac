import { DataSource } from "typeorm";
import { Account360ListDocument } from "../generated/graphql";
import { createAccount, createContact, createOrder, createPartner, createTicket } from "../support/factories";
import { startTestApp, TestApp } from "../support/test-app";

describe("the 360° list: no N+1", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  /** Accounts of one new partner, each with 3 contacts, 12 orders and 3 tickets (2 of them open). */
  async function partnerWithBusyAccounts(dataSource: DataSource, accounts: number) {
    const partner = await createPartner(dataSource);
    for (let index = 0; index < accounts; index++) {
      const account = await createAccount(dataSource, { partnerId: partner.id });
      for (let contact = 0; contact < 3; contact++) await createContact(dataSource, account.id, { isPrimary: contact === 0 });
      for (let order = 0; order < 12; order++) {
        await createOrder(dataSource, account.id, { placedAt: new Date(Date.UTC(2024, 0, 1 + order)) });
      }
      await createTicket(dataSource, account.id, { status: "open" as never });
      await createTicket(dataSource, account.id, { status: "pending" as never, firstRespondedAt: new Date("2024-06-02T00:00:00Z") });
      await createTicket(dataSource, account.id, {
        status: "closed" as never,
        firstRespondedAt: new Date("2024-06-02T00:00:00Z"),
        resolvedAt: new Date("2024-06-03T00:00:00Z"),
        closedAt: new Date("2024-06-04T00:00:00Z"),
      });
    }
    return partner;
  }

  async function statementsFor360(partnerGlobalId: string, expectedAccounts: number) {
    app.statements.reset();
    const result = await app.execute(Account360ListDocument, { first: 50, filter: { partnerId: partnerGlobalId }, ordersPerAccount: 10 });
    expect(result.errors).toBeUndefined();
    const accounts = result.data!.accounts.edges.map((edge) => edge.node);
    expect(accounts).toHaveLength(expectedAccounts);
    for (const account of accounts) {
      expect(account.contacts.edges).toHaveLength(3);
      expect(account.orders.edges).toHaveLength(10);
      expect(account.tickets.edges.map((edge) => edge.node.status).sort()).toEqual(["OPEN", "PENDING"]);
    }
    return app.statements.count;
  }

  it("when 50 accounts come with contacts, last 10 orders and open tickets, then at most 4 statements run (assessments joined), as many as for 5 accounts", async () => {
    const fifty = await partnerWithBusyAccounts(app.dataSource, 50);
    const five = await partnerWithBusyAccounts(app.dataSource, 5);
    const statementsForFifty = await statementsFor360(fifty.globalId, 50);
    const statementsForFive = await statementsFor360(five.globalId, 5);
    console.log(`360° list: ${statementsForFifty} SQL statements for 50 accounts, ${statementsForFive} for 5`);
    expect(statementsForFifty).toBeLessThanOrEqual(4);
    expect(statementsForFifty).toBe(statementsForFive);
  });
});
