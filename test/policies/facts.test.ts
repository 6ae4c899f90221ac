import { AccountStatus } from "../../src/accounts/account.entity";
import { computeAccountFacts } from "../../src/policies/facts/account-facts";
import { computeTicketFacts, findOpenTicketIdsOfAccounts } from "../../src/policies/facts/ticket-facts";
import { Order, OrderStatus } from "../../src/orders/order.entity";
import { Ticket, TicketCategory, TicketStatus } from "../../src/tickets/ticket.entity";
import { createAccount, createAccountManager, createOrder, createTicket } from "../support/factories";
import { startTestApp, TestApp } from "../support/test-app";

const asOf = new Date("2025-06-30T12:00:00.000Z");
const at = (isoDate: string) => new Date(`${isoDate}T12:00:00.000Z`);

describe("facts computed from the graph", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  function order(accountId: string, placedOn: string, status: OrderStatus, currency: string, totalMinor: number): Promise<Order> {
    return createOrder(app.dataSource, accountId, { placedAt: at(placedOn), status, currency }, [{ product: "Item", quantity: 1, unitPriceMinor: totalMinor }]);
  }

  function ticket(accountId: string, overrides: Partial<Ticket>): Promise<Ticket> {
    return createTicket(app.dataSource, accountId, overrides);
  }

  async function busyAccount() {
    const manager = await createAccountManager(app.dataSource);
    const account = await createAccount(app.dataSource, {
      customerSince: "2023-06-30",
      contractStartsOn: "2024-01-01",
      contractEndsOn: "2025-07-30",
      contractAutoRenew: true,
      loyaltyPoints: 1200,
      accountManagerId: manager.id,
    });
    await order(account.id, "2025-06-20", OrderStatus.DELIVERED, "USD", 100_000);
    await order(account.id, "2025-03-01", OrderStatus.DELIVERED, "EUR", 92_000); // 920 EUR = 1,000 USD at 92 cents a dollar
    await order(account.id, "2025-05-01", OrderStatus.RETURNED, "USD", 50_000);
    await order(account.id, "2025-06-25", OrderStatus.CANCELLED, "USD", 999_900);
    await order(account.id, "2023-07-01", OrderStatus.DELIVERED, "USD", 200_000);
    await order(account.id, "2025-07-05", OrderStatus.DELIVERED, "USD", 777_700); // after the reference time: not yet
    const openComplaint = await ticket(account.id, { category: TicketCategory.COMPLAINT, status: TicketStatus.OPEN, openedAt: at("2025-06-01") });
    const closed = { status: TicketStatus.CLOSED };
    await ticket(account.id, { ...closed, category: TicketCategory.QUESTION, openedAt: at("2025-05-01"), resolvedAt: at("2025-05-09"), closedAt: at("2025-05-10"), satisfaction: 4 });
    await ticket(account.id, { ...closed, category: TicketCategory.COMPLAINT, openedAt: at("2025-04-15"), resolvedAt: at("2025-04-19"), closedAt: at("2025-04-20"), satisfaction: 2 });
    await ticket(account.id, { ...closed, category: TicketCategory.QUESTION, openedAt: at("2024-01-01"), resolvedAt: at("2024-01-04"), closedAt: at("2024-01-05"), satisfaction: 1 });
    return { account, openComplaint };
  }

  test("when an account has orders and tickets, then every fact is computed as of the reference time", async () => {
    const { account } = await busyAccount();
    const facts = (await computeAccountFacts(app.dataSource.manager, [account.id], asOf)).get(account.id);
    expect(facts).toEqual({
      accountStatus: "active",
      customerAgeDays: 731,
      daysSinceLastOrder: 10,
      orders12m: 3,
      revenue12m: 2000,
      lifetimeRevenue: 4000,
      averageOrderValue: 1333.33,
      returnRate12m: 0.3333,
      openTickets: 1,
      openComplaints: 1,
      tickets90d: 3,
      complaints90d: 2,
      satisfaction90d: 3,
      revenueTrend: 1,
      contractEndsInDays: 30,
      autoRenew: true,
      loyaltyPoints: 1200,
      hasAccountManager: true,
      hasPartner: false,
    });
  });

  test("when an account has nothing yet, then the facts that need history are unknown and the counts zero", async () => {
    const prospect = await createAccount(app.dataSource, { status: AccountStatus.PROSPECT, customerSince: null });
    const facts = (await computeAccountFacts(app.dataSource.manager, [prospect.id], asOf)).get(prospect.id);
    expect(facts).toMatchObject({
      accountStatus: "prospect",
      customerAgeDays: null,
      daysSinceLastOrder: null,
      orders12m: 0,
      revenue12m: 0,
      lifetimeRevenue: 0,
      averageOrderValue: null,
      returnRate12m: null,
      satisfaction90d: null,
      revenueTrend: null,
      contractEndsInDays: null,
      openTickets: 0,
    });
  });

  test("when revenue stopped in the last 90 days, then the trend is 0; with no earlier revenue it is unknown", async () => {
    const stopped = await createAccount(app.dataSource);
    await order(stopped.id, "2025-02-15", OrderStatus.DELIVERED, "USD", 10_000);
    const started = await createAccount(app.dataSource);
    await order(started.id, "2025-06-15", OrderStatus.DELIVERED, "USD", 10_000);
    const facts = await computeAccountFacts(app.dataSource.manager, [stopped.id, started.id], asOf);
    expect(facts.get(stopped.id)?.revenueTrend).toBe(0);
    expect(facts.get(started.id)?.revenueTrend).toBeNull();
  });

  test("when facts are computed for several accounts, then it takes one statement, whatever the batch size", async () => {
    const accounts = await Promise.all([1, 2, 3, 4, 5].map(() => createAccount(app.dataSource)));
    app.statements.reset();
    const facts = await computeAccountFacts(app.dataSource.manager, accounts.map((account) => account.id), asOf);
    expect(facts.size).toBe(5);
    expect(app.statements.count).toBe(1);
  });

  test("when ticket facts are computed, then the open tickets of the accounts are found and their hours open counted", async () => {
    const { account, openComplaint } = await busyAccount();
    const openIds = await findOpenTicketIdsOfAccounts(app.dataSource.manager, [account.id]);
    expect(openIds).toEqual([openComplaint.id]);
    const facts = await computeTicketFacts(app.dataSource.manager, openIds, asOf);
    expect(facts.get(openComplaint.id)).toEqual({
      accountId: account.id,
      openedAt: at("2025-06-01"),
      facts: { category: "complaint", severity: "medium", channel: "email", hoursOpen: 29 * 24 },
    });
  });
});
