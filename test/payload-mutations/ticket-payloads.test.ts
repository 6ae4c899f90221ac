import { Ticket, TicketStatus } from "../../src/tickets/ticket.entity";
import {
  AccountTicketsAfterDocument,
  TicketCloseDocument,
  TicketOpenDocument,
  TicketOpenedThenResolvedDocument,
  TicketOpenInput,
  TicketReopenDocument,
  TicketResolveDocument,
  TicketRespondDocument,
  TwoTicketsOpenedDocument,
} from "../generated/graphql";
import { createAccount, createPartner } from "../support/factories";
import { errorCodes, partnerCaller, startTestApp, TestApp } from "../support/test-app";
import { createTicketInStatus, ghostId, hour } from "../tickets/ticket-fixtures";
import { anyNumber, anyString, stringMatching } from "../support/matchers";

describe("payload mutations: tickets", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  const ticketsOfAccount = (accountId: string) => app.dataSource.getRepository(Ticket).countBy({ accountId });

  function openInput(accountGlobalId: string, overrides: Partial<TicketOpenInput> = {}): TicketOpenInput {
    return { accountId: accountGlobalId, subject: "The export fails", category: "INCIDENT", severity: "HIGH", channel: "CHAT", ...overrides };
  }

  test("when a ticket is opened, then the payload holds it, its edge first in the account's tickets and the account counted again", async () => {
    const account = await createAccount(app.dataSource);
    const older = await createTicketInStatus(app.dataSource, account.id, TicketStatus.OPEN, { openedAt: hour(9) });
    const result = await app.execute(TicketOpenDocument, { input: openInput(account.globalId, { clientMutationId: "open-1" }) });
    expect(result.errors).toBeUndefined();
    const payload = result.data!.ticketOpen!;
    expect(payload).toMatchObject({ clientMutationId: "open-1", userErrors: [], ticket: { status: "OPEN", subject: "The export fails" } });
    expect(payload.ticket!.servicePriority).not.toBeNull();
    expect(payload.ticketEdge!.node).toEqual({ id: payload.ticket!.id, subject: "The export fails" });
    expect(payload.account).toMatchObject({ id: account.globalId, tickets: { totalCount: 2 }, openTickets: { totalCount: 2 } });
    expect(payload.account!.assessment).not.toBeNull();
    // Newest first: the new ticket heads the list, with the very cursor the list gives it.
    expect(payload.account!.tickets.edges.map((edge) => edge.node.id)).toEqual([payload.ticket!.id, older.globalId]);
    expect(payload.account!.tickets.edges[0].cursor).toBe(payload.ticketEdge!.cursor);
  });

  test("when the account's tickets are read after the edge's cursor, then the next ticket in the default order follows", async () => {
    const account = await createAccount(app.dataSource);
    const older = await createTicketInStatus(app.dataSource, account.id, TicketStatus.OPEN, { openedAt: hour(9) });
    const oldest = await createTicketInStatus(app.dataSource, account.id, TicketStatus.RESOLVED, { openedAt: hour(3) });
    const opened = await app.execute(TicketOpenDocument, { input: openInput(account.globalId) });
    const edge = opened.data!.ticketOpen!.ticketEdge!;
    // The query is read by the planner's SQL: its cursors and the edge's must be one and the same.
    const first = await app.execute(AccountTicketsAfterDocument, { accountId: account.globalId });
    expect(first.data!.account!.tickets.edges[0]).toEqual({ cursor: edge.cursor, node: { id: edge.node.id } });
    const after = await app.execute(AccountTicketsAfterDocument, { accountId: account.globalId, after: edge.cursor });
    expect(after.errors).toBeUndefined();
    expect(after.data!.account!.tickets.edges.map((next) => next.node.id)).toEqual([older.globalId, oldest.globalId]);
  });

  test.each([
    ["an empty subject (the input's own rule)", { subject: "" }, ["input", "subject"], "BAD_USER_INPUT", null],
    ["a blank subject (the use case's rule)", { subject: "   " }, ["input", "subject"], "BAD_USER_INPUT", "BLANK_SUBJECT"],
    [
      "an id of another type",
      { accountId: Buffer.from("Order:00000000-0000-4000-8000-000000000000").toString("base64") },
      ["input", "accountId"],
      "BAD_USER_INPUT",
      null,
    ],
    ["an account that does not exist", { accountId: ghostId("Account") }, ["input", "accountId"], "NOT_FOUND", null],
    ["a contact that does not exist", { contactId: ghostId("Contact") }, ["input", "contactId"], "NOT_FOUND", "CONTACT_NOT_AT_ACCOUNT"],
  ] as const)(
    "when the input has %s, then a userError names the field, the ticket is null and nothing is written",
    async (_, overrides, field, code, reason) => {
      const account = await createAccount(app.dataSource);
      const result = await app.execute(TicketOpenDocument, { input: openInput(account.globalId, { ...overrides, clientMutationId: "refused" }) });
      expect(result.errors).toBeUndefined();
      const payload = result.data!.ticketOpen!;
      expect(payload).toMatchObject({ clientMutationId: "refused", ticket: null, ticketEdge: null, account: null });
      expect(payload.userErrors).toEqual([{ field, code, reason, message: stringMatching(field[1] === "subject" ? /^input\.subject: / : /./) }]);
      expect(await ticketsOfAccount(account.id)).toBe(0);
    },
  );

  test("when a ticket goes through its lifecycle by payload mutations, then each step answers the ticket, and a step out of order is a CONFLICT userError", async () => {
    const account = await createAccount(app.dataSource);
    const ticketId = (await createTicketInStatus(app.dataSource, account.id, TicketStatus.OPEN, { openedAt: new Date(Date.now() - 3_600_000) })).globalId;
    const responded = await app.execute(TicketRespondDocument, { input: { ticketId, clientMutationId: "respond" } });
    expect(responded.data!.ticketRespond).toMatchObject({
      clientMutationId: "respond",
      userErrors: [],
      ticket: { status: "PENDING" },
      account: { id: account.globalId },
    });
    expect(responded.data!.ticketRespond!.ticket!.firstRespondedAt).not.toBeNull();

    const closedTooEarly = await app.execute(TicketCloseDocument, { input: { ticketId, satisfaction: 5 } });
    expect(closedTooEarly.data!.ticketClose).toMatchObject({ ticket: null, userErrors: [{ code: "CONFLICT", reason: "ILLEGAL_STATUS_TRANSITION" }] });

    const resolved = await app.execute(TicketResolveDocument, { input: { ticketId } });
    expect(resolved.data!.ticketResolve).toMatchObject({ clientMutationId: null, ticket: { status: "RESOLVED" }, account: { openTickets: { totalCount: 0 } } });

    const reopened = await app.execute(TicketReopenDocument, { input: { ticketId } });
    const payload = reopened.data!.ticketReopen!;
    expect(payload).toMatchObject({ ticket: { status: "OPEN" }, ticketEdge: { node: { id: ticketId } }, account: { openTickets: { totalCount: 1 } } });
    expect(payload.account!.tickets.edges[0].cursor).toBe(payload.ticketEdge!.cursor);

    await app.execute(TicketResolveDocument, { input: { ticketId } });
    const outOfRange = await app.execute(TicketCloseDocument, { input: { ticketId, satisfaction: 9 } });
    expect(outOfRange.data!.ticketClose!.userErrors).toEqual([
      { field: ["input", "satisfaction"], code: "BAD_USER_INPUT", reason: "SATISFACTION_OUT_OF_RANGE", message: "input.satisfaction: must be 1 to 5, got 9" },
    ]);
    const closed = await app.execute(TicketCloseDocument, { input: { ticketId, satisfaction: 4 } });
    expect(closed.data!.ticketClose).toMatchObject({ userErrors: [], ticket: { status: "CLOSED", satisfaction: 4 } });
  });

  test("when a lifecycle step names a ticket that does not exist, then NOT_FOUND names input.ticketId", async () => {
    const result = await app.execute(TicketResolveDocument, { input: { ticketId: ghostId("Ticket") } });
    expect(result.data!.ticketResolve).toMatchObject({ ticket: null, account: null, userErrors: [{ field: ["input", "ticketId"], code: "NOT_FOUND" }] });
    const wrongType = await app.execute(TicketResolveDocument, { input: { ticketId: ghostId("Account") } });
    expect(wrongType.data!.ticketResolve!.userErrors).toEqual([
      { field: ["input", "ticketId"], code: "BAD_USER_INPUT", reason: null, message: `input.ticketId: "${ghostId("Account")}" is not the id of a Ticket` },
    ]);
  });

  test("when two tickets are opened in one document, then the second answer counts both (the first one's reads are not reused)", async () => {
    const account = await createAccount(app.dataSource);
    const result = await app.execute(TwoTicketsOpenedDocument, { first: openInput(account.globalId), second: openInput(account.globalId) });
    expect(result.errors).toBeUndefined();
    expect(result.data!.first!.account!.tickets.totalCount).toBe(1);
    expect(result.data!.second!.account!.tickets.totalCount).toBe(2);
    expect(result.data!.second!.account!.openTickets.totalCount).toBe(2);
  });

  test("when the second of two mutations is refused, then the first one's answer stays and data is not null", async () => {
    const account = await createAccount(app.dataSource);
    const result = await app.execute(TwoTicketsOpenedDocument, { first: openInput(account.globalId), second: openInput(ghostId("Account")) });
    expect(result.errors).toBeUndefined();
    expect(result.data!.first).toMatchObject({ userErrors: [], ticket: { id: anyString() }, account: { tickets: { totalCount: 1 } } });
    expect(result.data!.second).toMatchObject({ ticket: null, account: null, userErrors: [{ code: "NOT_FOUND", field: ["input", "accountId"] }] });
    expect(await ticketsOfAccount(account.id)).toBe(1);
  });

  test("when the second of two mutations fails in errors (a partner may not resolve), then the first one's answer stays beside the error", async () => {
    const partner = await createPartner(app.dataSource);
    const account = await createAccount(app.dataSource, { partnerId: partner.id });
    const result = await app.execute(
      TicketOpenedThenResolvedDocument,
      { open: openInput(account.globalId), resolve: { ticketId: ghostId("Ticket") } },
      partnerCaller(partner),
    );
    expect(errorCodes(result)).toEqual(["FORBIDDEN"]);
    expect(result.errors![0].path).toEqual(["ticketResolve"]);
    expect(result.data).toEqual({ ticketOpen: { ticket: { id: anyString() }, userErrors: [] }, ticketResolve: null });
    expect(await ticketsOfAccount(account.id)).toBe(1);
  });

  test("when a partner opens a ticket on its own account, then it gets the payload; on another's account, NOT_FOUND and nothing is written", async () => {
    const partner = await createPartner(app.dataSource);
    const own = await createAccount(app.dataSource, { partnerId: partner.id });
    const foreign = await createAccount(app.dataSource, { partnerId: (await createPartner(app.dataSource)).id });
    const caller = partnerCaller(partner);

    const opened = await app.execute(TicketOpenDocument, { input: openInput(own.globalId) }, caller);
    expect(opened.errors).toBeUndefined();
    expect(opened.data!.ticketOpen).toMatchObject({ userErrors: [], account: { id: own.globalId, tickets: { totalCount: 1 } } });

    const refused = await app.execute(TicketOpenDocument, { input: openInput(foreign.globalId, { clientMutationId: "foreign" }) }, caller);
    expect(refused.errors).toBeUndefined();
    expect(refused.data!.ticketOpen).toMatchObject({
      clientMutationId: "foreign",
      ticket: null,
      account: null,
      userErrors: [{ field: ["input", "accountId"], code: "NOT_FOUND" }],
    });
    expect(await ticketsOfAccount(foreign.id)).toBe(0);

    const foreignTicket = await createTicketInStatus(app.dataSource, foreign.id, TicketStatus.OPEN);
    const responded = await app.execute(TicketRespondDocument, { input: { ticketId: foreignTicket.globalId } }, caller);
    expect(responded.data!.ticketRespond).toMatchObject({ ticket: null, userErrors: [{ field: ["input", "ticketId"], code: "NOT_FOUND" }] });
    expect((await app.dataSource.getRepository(Ticket).findOneByOrFail({ id: foreignTicket.id })).status).toBe(TicketStatus.OPEN);
  });

  test("when a partner's payload mutation is priced, then it is costed and carries the cost like any partner request", async () => {
    const partner = await createPartner(app.dataSource);
    const account = await createAccount(app.dataSource, { partnerId: partner.id });
    const result = await app.execute(TicketOpenDocument, { input: openInput(account.globalId) }, partnerCaller(partner));
    expect(result.errors).toBeUndefined();
    expect(result.extensions?.cost).toMatchObject({ requested: anyNumber(), limit: 1000 });
  });
});
