import { randomUUID } from "node:crypto";
import { DataSource } from "typeorm";
import { Account, AccountStatus } from "../../src/accounts/account.entity";
import { Order, OrderStatus } from "../../src/orders/order.entity";
import { computeAccountFacts } from "../../src/policies/facts/account-facts";
import { AccountFacts } from "../../src/policies/facts/fact-catalogue";
import { Ticket, TicketCategory, TicketStatus } from "../../src/tickets/ticket.entity";
import { createAccount, createAccountManager, createOrder, createPartner, createTicket } from "../support/factories";
import { StatementCounter } from "../support/statement-counter";
import { openTestDataSource } from "../support/test-database";

const asOf = new Date("2025-06-30T12:00:00.000Z");
const day = 24 * 3_600_000;
const before = (milliseconds: number) => new Date(asOf.getTime() - milliseconds);
const noon = (isoDate: string) => new Date(`${isoDate}T12:00:00.000Z`);

/** The facts of an account with no orders, no tickets and no contract: the baseline each test changes. */
const quietActiveAccount: AccountFacts = {
  accountStatus: "active",
  customerAgeDays: 1582, // 2021-03-01, the factory's default, to 2025-06-30
  daysSinceLastOrder: null,
  orders12m: 0,
  revenue12m: 0,
  lifetimeRevenue: 0,
  averageOrderValue: null,
  returnRate12m: null,
  openTickets: 0,
  openComplaints: 0,
  tickets90d: 0,
  complaints90d: 0,
  satisfaction90d: null,
  revenueTrend: null,
  contractEndsInDays: null,
  autoRenew: false,
  loyaltyPoints: 0,
  hasAccountManager: false,
  hasPartner: false,
};

describe("account facts", () => {
  let dataSource: DataSource;
  const statements = new StatementCounter();
  beforeAll(async () => {
    dataSource = await openTestDataSource({ logger: statements });
  });
  afterAll(() => dataSource.destroy());

  async function factsOf(account: Account, reference: Date = asOf): Promise<AccountFacts | undefined> {
    return (await computeAccountFacts(dataSource.manager, [account.id], reference)).get(account.id);
  }

  function order(account: Account, placedAt: Date, status: OrderStatus, currency: string, totalMinor: number): Promise<Order> {
    return createOrder(dataSource, account.id, { placedAt, status, currency }, [{ product: "Item", quantity: 1, unitPriceMinor: totalMinor }]);
  }

  function openTicket(account: Account, openedAt: Date, overrides: Partial<Ticket> = {}): Promise<Ticket> {
    return createTicket(dataSource, account.id, { status: TicketStatus.OPEN, openedAt, ...overrides });
  }

  function closedTicket(account: Account, openedAt: Date, closedAt: Date, overrides: Partial<Ticket> = {}): Promise<Ticket> {
    return createTicket(dataSource, account.id, { status: TicketStatus.CLOSED, openedAt, resolvedAt: openedAt, closedAt, ...overrides });
  }

  describe("orders and revenue", () => {
    it("when an account ordered in several currencies and statuses, then counts, revenue in dollars, recency, returns and trend are exact", async () => {
      const account = await createAccount(dataSource);
      await order(account, noon("2025-06-20"), OrderStatus.DELIVERED, "USD", 150_000);
      await order(account, noon("2025-03-01"), OrderStatus.DELIVERED, "EUR", 92_000); // 920 EUR at 92 cents a dollar: 1,000 USD
      await order(account, noon("2025-05-01"), OrderStatus.RETURNED, "USD", 50_000);
      await order(account, noon("2025-06-25"), OrderStatus.CANCELLED, "USD", 999_900);
      await order(account, noon("2023-07-01"), OrderStatus.DELIVERED, "USD", 200_000);
      await order(account, noon("2025-06-10"), OrderStatus.PAID, "XYZ", 12_345); // no exchange rate: an order, but no revenue
      await order(account, noon("2025-07-05"), OrderStatus.DELIVERED, "USD", 777_700); // after the reference time

      expect(await factsOf(account)).toEqual({
        ...quietActiveAccount,
        daysSinceLastOrder: 10, // the cancelled order of 25 June is not an order
        orders12m: 4, // 20 June, 1 March, the returned one and the one without a rate
        revenue12m: 2500,
        lifetimeRevenue: 4500,
        averageOrderValue: 1500, // over the three orders that brought revenue
        returnRate12m: 0.25,
        revenueTrend: 1.5, // 1,500 in the last 90 days against 1,000 in the 90 before
      });
    });

    it("when amounts do not divide evenly, then money is rounded to cents and ratios to 4 decimals", async () => {
      const account = await createAccount(dataSource);
      await order(account, noon("2025-03-01"), OrderStatus.DELIVERED, "EUR", 1_000); // 10.869565... USD
      await order(account, noon("2025-06-01"), OrderStatus.DELIVERED, "GBP", 1_000); // 12.658227... USD
      await order(account, noon("2025-06-02"), OrderStatus.RETURNED, "GBP", 1_000);

      expect(await factsOf(account)).toMatchObject({
        orders12m: 3,
        revenue12m: 23.53,
        lifetimeRevenue: 23.53,
        averageOrderValue: 11.76,
        returnRate12m: 0.3333,
        revenueTrend: 1.1646,
      });
    });

    it("when orders sit exactly on the edges of the windows, then each window includes its end and excludes its start", async () => {
      const account = await createAccount(dataSource);
      await order(account, asOf, OrderStatus.DELIVERED, "USD", 10_000);
      await order(account, before(-1), OrderStatus.DELIVERED, "USD", 1_000_000); // a millisecond after the reference time
      await order(account, before(90 * day), OrderStatus.DELIVERED, "USD", 20_000); // the earlier 90 days' end
      await order(account, before(180 * day), OrderStatus.DELIVERED, "USD", 40_000); // the earlier 90 days' start
      await order(account, noon("2024-06-30"), OrderStatus.DELIVERED, "USD", 80_000); // 12 months' start

      expect(await factsOf(account)).toEqual({
        ...quietActiveAccount,
        daysSinceLastOrder: 0,
        orders12m: 3,
        revenue12m: 700,
        lifetimeRevenue: 1500,
        averageOrderValue: 375,
        returnRate12m: 0,
        revenueTrend: 0.5,
      });
    });

    it("when an order is 12 months less a millisecond old, then it counts in the last 12 months", async () => {
      const account = await createAccount(dataSource);
      await order(account, new Date(noon("2024-06-30").getTime() + 1), OrderStatus.DELIVERED, "USD", 10_000);
      expect(await factsOf(account)).toMatchObject({ orders12m: 1, revenue12m: 100, daysSinceLastOrder: 364 });
    });

    it("when revenue stopped in the last 90 days, then the trend is 0; when the earlier 90 days had none, then it is unknown", async () => {
      const stopped = await createAccount(dataSource);
      await order(stopped, noon("2025-02-15"), OrderStatus.DELIVERED, "USD", 10_000);
      const started = await createAccount(dataSource);
      await order(started, noon("2025-06-15"), OrderStatus.DELIVERED, "USD", 10_000);
      await order(started, noon("2025-02-15"), OrderStatus.RETURNED, "USD", 10_000);

      const facts = await computeAccountFacts(dataSource.manager, [stopped.id, started.id], asOf);
      expect(facts.get(stopped.id)?.revenueTrend).toBe(0);
      expect(facts.get(started.id)?.revenueTrend).toBeNull();
    });

    it("when every order was cancelled, then the account never ordered; when every order was returned, then it ordered but brought nothing", async () => {
      const cancelling = await createAccount(dataSource);
      await order(cancelling, noon("2025-06-01"), OrderStatus.CANCELLED, "USD", 10_000);
      const returning = await createAccount(dataSource);
      await order(returning, noon("2025-06-01"), OrderStatus.RETURNED, "USD", 10_000);

      const facts = await computeAccountFacts(dataSource.manager, [cancelling.id, returning.id], asOf);
      expect(facts.get(cancelling.id)).toEqual(quietActiveAccount);
      expect(facts.get(returning.id)).toEqual({ ...quietActiveAccount, daysSinceLastOrder: 29, orders12m: 1, returnRate12m: 1 });
    });

    it("when the last order is a day less an hour old, then the days since it are rounded down", async () => {
      const account = await createAccount(dataSource);
      await order(account, before(day - 3_600_000), OrderStatus.PENDING, "USD", 10_000);
      expect(await factsOf(account)).toMatchObject({ daysSinceLastOrder: 0, orders12m: 1 });
    });
  });

  describe("tickets", () => {
    it("when an account has open, pending, resolved and closed tickets, then open counts, 90-day counts and satisfaction are exact", async () => {
      const account = await createAccount(dataSource);
      await openTicket(account, noon("2025-06-01"), { category: TicketCategory.COMPLAINT });
      await openTicket(account, noon("2025-06-29"), { status: TicketStatus.PENDING, firstRespondedAt: noon("2025-06-29") });
      await openTicket(account, noon("2024-11-01")); // open for long: open, but not of the last 90 days
      await openTicket(account, noon("2025-07-01"), { category: TicketCategory.COMPLAINT }); // after the reference time
      await createTicket(dataSource, account.id, {
        status: TicketStatus.RESOLVED,
        category: TicketCategory.COMPLAINT,
        openedAt: noon("2025-05-01"),
        resolvedAt: noon("2025-05-02"),
      });
      await closedTicket(account, noon("2025-05-05"), noon("2025-05-10"), { satisfaction: 4 });
      await closedTicket(account, noon("2025-03-01"), noon("2025-04-20"), { satisfaction: 5, category: TicketCategory.COMPLAINT });
      await closedTicket(account, noon("2025-06-01"), noon("2025-06-02"), { satisfaction: 4 });
      await closedTicket(account, noon("2025-06-03"), noon("2025-06-04")); // closed without a score
      await closedTicket(account, noon("2024-01-01"), noon("2024-01-05"), { satisfaction: 1 }); // closed too long ago

      expect(await factsOf(account)).toEqual({
        ...quietActiveAccount,
        openTickets: 3,
        openComplaints: 1,
        tickets90d: 6, // opened 1 June, 29 June, 1 May, 5 May, 1 June and 3 June
        complaints90d: 2, // the open one and the resolved one; the closed one was opened in March
        satisfaction90d: 4.33, // (4 + 5 + 4) / 3
      });
    });

    it("when tickets sit exactly on the edge of the 90 days, then the window includes its end and excludes its start", async () => {
      const account = await createAccount(dataSource);
      await closedTicket(account, before(100 * day), before(90 * day), { satisfaction: 1 });
      await closedTicket(account, before(100 * day), asOf, { satisfaction: 5 });
      await openTicket(account, before(90 * day));
      await openTicket(account, asOf, { category: TicketCategory.COMPLAINT });

      expect(await factsOf(account)).toMatchObject({ openTickets: 2, openComplaints: 1, tickets90d: 1, complaints90d: 1, satisfaction90d: 5 });
    });
  });

  describe("the account itself", () => {
    it("when an account has nothing yet, then the facts that need history are unknown and the counts zero", async () => {
      const prospect = await createAccount(dataSource, { status: AccountStatus.PROSPECT, customerSince: null });
      expect(await factsOf(prospect)).toEqual({ ...quietActiveAccount, accountStatus: "prospect", customerAgeDays: null });
    });

    it("when an account has a contract, a manager, a partner and points, then those facts come from the account", async () => {
      const manager = await createAccountManager(dataSource);
      const partner = await createPartner(dataSource);
      const account = await createAccount(dataSource, {
        status: AccountStatus.CHURNED,
        customerSince: "2025-06-29",
        contractStartsOn: "2024-01-01",
        contractEndsOn: "2025-07-30",
        contractAutoRenew: true,
        loyaltyPoints: 1200,
        accountManagerId: manager.id,
        partnerId: partner.id,
      });
      expect(await factsOf(account)).toEqual({
        ...quietActiveAccount,
        accountStatus: "churned",
        customerAgeDays: 1,
        contractEndsInDays: 30,
        autoRenew: true,
        loyaltyPoints: 1200,
        hasAccountManager: true,
        hasPartner: true,
      });
    });

    it("when a contract ended yesterday, ends today or is open-ended, then the days until its end are -1, 0 or unknown", async () => {
      const ended = await createAccount(dataSource, { contractStartsOn: "2024-01-01", contractEndsOn: "2025-06-29" });
      const endsToday = await createAccount(dataSource, { contractStartsOn: "2024-01-01", contractEndsOn: "2025-06-30" });
      const openEnded = await createAccount(dataSource, { contractStartsOn: "2024-01-01", contractEndsOn: null });
      const facts = await computeAccountFacts(dataSource.manager, [ended.id, endsToday.id, openEnded.id], asOf);
      expect([ended, endsToday, openEnded].map((account) => facts.get(account.id)?.contractEndsInDays)).toEqual([-1, 0, null]);
    });

    it("when the database session runs in another time zone, then dates and windows are still counted in UTC", async () => {
      const lateEvening = new Date("2025-06-30T23:30:00.000Z"); // already 1 July in Auckland
      const account = await createAccount(dataSource, { customerSince: "2025-06-01", contractStartsOn: "2025-06-01", contractEndsOn: "2025-07-01" });
      // 90 days before the reference time is 1 April 23:30 UTC; in Auckland, daylight saving ended in between.
      await order(account, new Date("2025-04-01T23:00:00.000Z"), OrderStatus.DELIVERED, "USD", 10_000);
      await order(account, new Date("2025-06-01T12:00:00.000Z"), OrderStatus.DELIVERED, "USD", 10_000);

      const inAuckland = await dataSource.transaction(async (manager) => {
        await manager.query("SET LOCAL TIME ZONE 'Pacific/Auckland'");
        return (await computeAccountFacts(manager, [account.id], lateEvening)).get(account.id);
      });
      expect(inAuckland).toMatchObject({ customerAgeDays: 29, contractEndsInDays: 1, revenueTrend: 1 });
      expect(inAuckland).toEqual(await factsOf(account, lateEvening));
    });
  });

  describe("batches", () => {
    it("when facts are computed for a batch of accounts, then one statement computes them all, each as if computed alone", async () => {
      const accounts = await Promise.all([1, 2, 3, 4, 5].map((loyaltyPoints) => createAccount(dataSource, { loyaltyPoints })));
      for (const [index, account] of accounts.entries()) {
        await order(account, noon("2025-06-01"), OrderStatus.DELIVERED, "USD", 10_000 * (index + 1));
        await openTicket(account, noon("2025-06-01"));
      }
      const alone = await Promise.all(accounts.map((account) => factsOf(account)));

      statements.reset();
      const batch = await computeAccountFacts(
        dataSource.manager,
        accounts.map((account) => account.id),
        asOf,
      );
      expect(statements.count).toBe(1);
      expect(accounts.map((account) => batch.get(account.id))).toEqual(alone);
      expect(alone.map((facts) => facts?.revenue12m)).toEqual([100, 200, 300, 400, 500]);
    });

    it("when a batch names an account that does not exist, or one twice, then the others still get one entry each", async () => {
      const account = await createAccount(dataSource);
      const facts = await computeAccountFacts(dataSource.manager, [account.id, randomUUID(), account.id], asOf);
      expect([...facts.keys()]).toEqual([account.id]);
    });

    it("when the batch is empty, then no statement runs", async () => {
      statements.reset();
      expect((await computeAccountFacts(dataSource.manager, [], asOf)).size).toBe(0);
      expect(statements.count).toBe(0);
    });
  });
});
