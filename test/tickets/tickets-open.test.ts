import { Ticket } from "../../src/tickets/ticket.entity";
import { OpenTicketDocument, OpenTicketInput, TicketNodeDocument } from "../generated/graphql";
import { createAccount, createContact, createOrder } from "../support/factories";
import { errorCodes, startTestApp, TestApp } from "../support/test-app";
import { ghostId } from "./ticket-fixtures";

describe("tickets: openTicket", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  const ticketsOfAccount = (accountId: string) => app.dataSource.getRepository(Ticket).countBy({ accountId });

  function inputFor(accountGlobalId: string, overrides: Partial<OpenTicketInput> = {}): OpenTicketInput {
    return { accountId: accountGlobalId, subject: "  The export fails  ", category: "INCIDENT", severity: "HIGH", channel: "CHAT", ...overrides };
  }

  it("when a contact of the account opens a ticket, then it is OPEN since now, with the trimmed subject", async () => {
    const account = await createAccount(app.dataSource);
    const contact = await createContact(app.dataSource, account.id);
    const before = Date.now();
    const result = await app.execute(OpenTicketDocument, { input: inputFor(account.globalId, { contactId: contact.globalId }) });
    expect(result.errors).toBeUndefined();
    const ticket = result.data!.openTicket;
    expect(ticket).toMatchObject({
      status: "OPEN",
      subject: "The export fails",
      category: "INCIDENT",
      severity: "HIGH",
      channel: "CHAT",
      firstRespondedAt: null,
      resolvedAt: null,
      closedAt: null,
      satisfaction: null,
      account: { id: account.globalId },
      contact: { id: contact.globalId },
    });
    expect(Date.parse(ticket.openedAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(ticket.openedAt)).toBeLessThanOrEqual(Date.now());
  });

  it("when a ticket is opened without a contact, then its contact is null and node(id) finds it", async () => {
    const account = await createAccount(app.dataSource);
    const result = await app.execute(OpenTicketDocument, { input: inputFor(account.globalId) });
    expect(result.data!.openTicket.contact).toBeNull();
    const node = await app.execute(TicketNodeDocument, { id: result.data!.openTicket.id });
    expect(node.data!.node).toEqual({ id: result.data!.openTicket.id, subject: "The export fails", contact: null });
  });

  it("when the contact works at another account, then NOT_FOUND names input.contactId and nothing is written", async () => {
    const account = await createAccount(app.dataSource);
    const stranger = await createContact(app.dataSource, (await createAccount(app.dataSource)).id);
    const result = await app.execute(OpenTicketDocument, { input: inputFor(account.globalId, { contactId: stranger.globalId }) });
    expect(errorCodes(result)).toEqual(["NOT_FOUND"]);
    expect(result.errors![0].extensions).toMatchObject({ field: "input.contactId", reason: "CONTACT_NOT_AT_ACCOUNT" });
    expect(await ticketsOfAccount(account.id)).toBe(0);
  });

  it.each([
    ["account", "accountId", "input.accountId"],
    ["contact", "contactId", "input.contactId"],
  ] as const)("when the %s does not exist, then NOT_FOUND names %s", async (_, inputField, field) => {
    const account = await createAccount(app.dataSource);
    const missing = inputField === "accountId" ? ghostId("Account") : ghostId("Contact");
    const result = await app.execute(OpenTicketDocument, { input: inputFor(account.globalId, { [inputField]: missing }) });
    expect(errorCodes(result)).toEqual(["NOT_FOUND"]);
    expect(result.errors![0].extensions?.field).toBe(field);
    expect(await ticketsOfAccount(account.id)).toBe(0);
  });

  it("when the account id is the id of another type, then BAD_USER_INPUT names input.accountId", async () => {
    const account = await createAccount(app.dataSource);
    const order = await createOrder(app.dataSource, account.id);
    const result = await app.execute(OpenTicketDocument, { input: inputFor(order.globalId) });
    expect(errorCodes(result)).toEqual(["BAD_USER_INPUT"]);
    expect(result.errors![0].extensions?.field).toBe("input.accountId");
  });

  it.each([
    ["blank", "   "],
    ["longer than 300 characters", "x".repeat(301)],
    ["empty", ""],
  ])("when the subject is %s, then BAD_USER_INPUT names input.subject and nothing is written", async (_, subject) => {
    const account = await createAccount(app.dataSource);
    const result = await app.execute(OpenTicketDocument, { input: inputFor(account.globalId, { subject }) });
    expect(errorCodes(result)).toEqual(["BAD_USER_INPUT"]);
    expect(result.errors![0].extensions?.field).toBe("input.subject");
    expect(await ticketsOfAccount(account.id)).toBe(0);
  });
});
