import { TicketCategory, TicketChannel, TicketSeverity, TicketStatus } from "../../src/tickets/ticket.entity";
import { TicketFilter, TicketsPageDocument } from "../generated/graphql";
import { createAccount, createContact, createTicket } from "../support/factories";
import { errorCodes, startTestApp, TestApp } from "../support/test-app";
import { createTicketInStatus, hour } from "./ticket-fixtures";

describe("tickets: filters", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  async function ticketIds(filter: TicketFilter): Promise<string[]> {
    const result = await app.execute(TicketsPageDocument, { filter, first: 100 });
    expect(result.errors).toBeUndefined();
    return result.data!.tickets.edges.map((edge) => edge.node.id);
  }

  /** One ticket of a new account in each status, opened an hour apart (OPEN oldest). */
  async function accountWithEveryStatus() {
    const account = await createAccount(app.dataSource);
    const statuses = [TicketStatus.OPEN, TicketStatus.PENDING, TicketStatus.RESOLVED, TicketStatus.CLOSED];
    const tickets = [];
    for (const [index, status] of statuses.entries()) {
      tickets.push(await createTicketInStatus(app.dataSource, account.id, status, { openedAt: hour(index) }));
    }
    const [open, pending, resolved, closed] = tickets;
    return { account, open, pending, resolved, closed };
  }

  it("when filtering by status, then only tickets in any of those statuses come back, newest first", async () => {
    const { account, open, resolved } = await accountWithEveryStatus();
    expect(await ticketIds({ accountId: account.globalId, status: ["OPEN", "RESOLVED"] })).toEqual([resolved.globalId, open.globalId]);
  });

  it("when filtering by open, then true means OPEN or PENDING and false means RESOLVED or CLOSED", async () => {
    const { account, open, pending, resolved, closed } = await accountWithEveryStatus();
    expect(await ticketIds({ accountId: account.globalId, open: true })).toEqual([pending.globalId, open.globalId]);
    expect(await ticketIds({ accountId: account.globalId, open: false })).toEqual([closed.globalId, resolved.globalId]);
  });

  it("when filtering by category, severity and channel, then each narrows to the tickets having any of the values", async () => {
    const account = await createAccount(app.dataSource);
    const complaint = await createTicket(app.dataSource, account.id, { category: TicketCategory.COMPLAINT, openedAt: hour(1) });
    const critical = await createTicket(app.dataSource, account.id, { severity: TicketSeverity.CRITICAL, openedAt: hour(2) });
    const byPhone = await createTicket(app.dataSource, account.id, { channel: TicketChannel.PHONE, openedAt: hour(3) });
    const accountId = account.globalId;

    expect(await ticketIds({ accountId, category: ["COMPLAINT", "RETURN"] })).toEqual([complaint.globalId]);
    expect(await ticketIds({ accountId, severity: ["CRITICAL", "HIGH"] })).toEqual([critical.globalId]);
    expect(await ticketIds({ accountId, channel: ["PHONE"] })).toEqual([byPhone.globalId]);
    expect(await ticketIds({ accountId, category: ["INCIDENT"], channel: ["EMAIL"], severity: ["MEDIUM"] })).toEqual([]);
  });

  it("when filtering by openedAt, then from is included and to is excluded", async () => {
    const account = await createAccount(app.dataSource);
    const tickets = [];
    for (let offset = 1; offset <= 5; offset++) tickets.push(await createTicket(app.dataSource, account.id, { openedAt: hour(offset) }));

    const within = await ticketIds({ accountId: account.globalId, openedAt: { from: hour(2).toISOString(), to: hour(4).toISOString() } });
    expect(within).toEqual([tickets[2].globalId, tickets[1].globalId]);
    const onlyFrom = await ticketIds({ accountId: account.globalId, openedAt: { from: hour(5).toISOString() } });
    expect(onlyFrom).toEqual([tickets[4].globalId]);
  });

  it("when the openedAt range is reversed, then BAD_USER_INPUT names filter.openedAt", async () => {
    const result = await app.execute(TicketsPageDocument, { filter: { openedAt: { from: hour(4).toISOString(), to: hour(2).toISOString() } } });
    expect(errorCodes(result)).toEqual(["BAD_USER_INPUT"]);
    expect(result.errors![0].extensions?.field).toBe("filter.openedAt");
  });

  it("when filtering by account, then only that account's tickets come back", async () => {
    const account = await createAccount(app.dataSource);
    const other = await createAccount(app.dataSource);
    const own = [await createTicket(app.dataSource, account.id, { openedAt: hour(2) }), await createTicket(app.dataSource, account.id, { openedAt: hour(1) })];
    await createTicket(app.dataSource, other.id, { openedAt: hour(3) });

    const result = await app.execute(TicketsPageDocument, { filter: { accountId: account.globalId }, first: 100 });
    expect(result.data!.tickets.edges.map((edge) => edge.node.id)).toEqual(own.map((ticket) => ticket.globalId));
    expect(result.data!.tickets.totalCount).toBe(2);
  });

  it("when filtering by contact, then only the tickets that contact raised come back", async () => {
    const account = await createAccount(app.dataSource);
    const contact = await createContact(app.dataSource, account.id);
    const raised = await createTicket(app.dataSource, account.id, { contactId: contact.id });
    await createTicket(app.dataSource, account.id);
    expect(await ticketIds({ contactId: contact.globalId })).toEqual([raised.globalId]);
  });

  it("when a filter id names another type, then BAD_USER_INPUT names the filter field", async () => {
    const account = await createAccount(app.dataSource);
    const result = await app.execute(TicketsPageDocument, { filter: { contactId: account.globalId } });
    expect(errorCodes(result)).toEqual(["BAD_USER_INPUT"]);
    expect(result.errors![0].extensions?.field).toBe("filter.contactId");
  });
});
