import { TicketSeverity, TicketStatus } from "../../src/tickets/ticket.entity";
import { TicketFilter, TicketsOfAccountsDocument } from "../generated/graphql";
import { createAccount, createPartner } from "../support/factories";
import { resolverSchema, startTestApp, TestApp } from "../support/test-app";
import { createTicketInStatus, hour } from "./ticket-fixtures";

describe("tickets: Account.tickets", () => {
  let app: TestApp;
  beforeAll(async () => {
    // The loaders' batching, on the path the read planner falls back to.
    app = await startTestApp({ schema: await resolverSchema() });
  });
  afterAll(() => app.close());

  /** Accounts of one new partner: busy with 5 tickets (the 3 newest open), quiet with 1 resolved, and one with none. */
  async function partnerWithAccounts() {
    const partner = await createPartner(app.dataSource);
    const busy = await createAccount(app.dataSource, { name: "A busy", partnerId: partner.id });
    const quiet = await createAccount(app.dataSource, { name: "B quiet", partnerId: partner.id });
    await createAccount(app.dataSource, { name: "C silent", partnerId: partner.id });
    const busyTickets = [];
    for (let offset = 0; offset < 5; offset++) {
      const status = offset < 2 ? TicketStatus.CLOSED : offset === 2 ? TicketStatus.PENDING : TicketStatus.OPEN;
      const severity = offset === 0 ? TicketSeverity.CRITICAL : TicketSeverity.LOW;
      busyTickets.push(await createTicketInStatus(app.dataSource, busy.id, status, { openedAt: hour(offset), severity }));
    }
    const quietTicket = await createTicketInStatus(app.dataSource, quiet.id, TicketStatus.RESOLVED, { openedAt: hour(1) });
    return { accountFilter: { partnerId: partner.globalId }, busyTickets, quietTicket };
  }

  async function ticketsOfAccounts(accountFilter: { partnerId: string }, ticketsPerAccount: number, ticketFilter?: TicketFilter) {
    app.statements.reset();
    const result = await app.execute(TicketsOfAccountsDocument, { accountFilter, ticketsPerAccount, ticketFilter });
    expect(result.errors).toBeUndefined();
    const [busy, quiet, silent] = result.data!.accounts.edges.map((edge) => edge.node.tickets);
    return { busy, quiet, silent, statements: app.statements.count };
  }

  it("when asking 2 tickets of each of several accounts, then the limit applies per account, newest first", async () => {
    const { accountFilter, busyTickets, quietTicket } = await partnerWithAccounts();
    const { busy, quiet, silent } = await ticketsOfAccounts(accountFilter, 2);

    expect(busy.edges.map((edge) => edge.node.id)).toEqual([busyTickets[4].globalId, busyTickets[3].globalId]);
    expect(busy.pageInfo.hasNextPage).toBe(true);
    expect(busy.totalCount).toBe(5);
    expect(quiet.edges.map((edge) => edge.node.id)).toEqual([quietTicket.globalId]);
    expect(quiet).toMatchObject({ totalCount: 1, pageInfo: { hasNextPage: false } });
    expect(silent).toMatchObject({ edges: [], totalCount: 0, pageInfo: { hasNextPage: false } });
  });

  it("when the pages of many accounts are read, then the statements do not grow with the accounts", async () => {
    const { accountFilter } = await partnerWithAccounts();
    const { statements } = await ticketsOfAccounts(accountFilter, 2);
    // The accounts, the tickets of all of them, and one grouped count for the busy account's total.
    expect(statements).toBe(3);
  });

  it.each([
    ["status OPEN or PENDING", { status: ["OPEN", "PENDING"] }],
    ["open: true", { open: true }],
  ] as Array<[string, TicketFilter]>)(
    "when asking the open tickets of each account by %s, then they come in one statement with their totals",
    async (_, ticketFilter) => {
      const { accountFilter, busyTickets } = await partnerWithAccounts();
      const { busy, quiet, silent, statements } = await ticketsOfAccounts(accountFilter, 20, ticketFilter);

      expect(busy.edges.map((edge) => edge.node.id)).toEqual([busyTickets[4], busyTickets[3], busyTickets[2]].map((ticket) => ticket.globalId));
      expect(busy.edges.map((edge) => edge.node.status)).toEqual(["OPEN", "OPEN", "PENDING"]);
      expect([busy.totalCount, quiet.totalCount, silent.totalCount]).toEqual([3, 0, 0]);
      // One for the accounts, one for the tickets of all of them; every list fits its page, so no count is needed.
      expect(statements).toBe(2);
    },
  );

  it("when ordering each account's tickets by severity, then the order applies within each account", async () => {
    const { accountFilter, busyTickets } = await partnerWithAccounts();
    const result = await app.execute(TicketsOfAccountsDocument, {
      accountFilter,
      ticketsPerAccount: 1,
      ticketOrderBy: [{ field: "SEVERITY", direction: "DESC" }],
    });
    const [busy] = result.data!.accounts.edges.map((edge) => edge.node.tickets);
    expect(busy.edges.map((edge) => edge.node.id)).toEqual([busyTickets[0].globalId]);
  });

  it("when each account's tickets are filtered, then the totals count the filtered tickets only", async () => {
    const { accountFilter } = await partnerWithAccounts();
    const closed = await ticketsOfAccounts(accountFilter, 1, { status: ["CLOSED"] });
    expect([closed.busy.totalCount, closed.quiet.totalCount, closed.silent.totalCount]).toEqual([2, 0, 0]);
    expect(closed.busy.pageInfo.hasNextPage).toBe(true);
  });
});
