import { Ticket, TicketStatus } from "../../src/tickets/ticket.entity";
import { CloseTicketDocument, ReopenTicketDocument, ResolveTicketDocument, RespondToTicketDocument } from "../generated/graphql";
import { createAccount } from "../support/factories";
import { errorCodes, ExecutionResult, startTestApp, TestApp } from "../support/test-app";
import { createTicketInStatus, ghostId } from "./ticket-fixtures";

type Step = "respond" | "resolve" | "close" | "reopen";

describe("tickets: lifecycle mutations", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  const steps: Record<Step, (id: string) => Promise<ExecutionResult<unknown>>> = {
    respond: (id) => app.execute(RespondToTicketDocument, { id }),
    resolve: (id) => app.execute(ResolveTicketDocument, { id }),
    close: (id) => app.execute(CloseTicketDocument, { id, satisfaction: 4 }),
    reopen: (id) => app.execute(ReopenTicketDocument, { id }),
  };

  async function ticketIn(status: TicketStatus): Promise<Ticket> {
    const account = await createAccount(app.dataSource);
    return createTicketInStatus(app.dataSource, account.id, status);
  }

  const reload = (ticket: Ticket) => app.dataSource.getRepository(Ticket).findOneByOrFail({ id: ticket.id });

  it("when an open ticket gets two responses, then it waits on the customer and keeps the first response time", async () => {
    const ticket = await ticketIn(TicketStatus.OPEN);
    const first = await app.execute(RespondToTicketDocument, { id: ticket.globalId });
    expect(first.errors).toBeUndefined();
    expect(first.data!.respondToTicket).toMatchObject({ status: "PENDING", resolvedAt: null });
    const respondedAt = first.data!.respondToTicket.firstRespondedAt;
    expect(respondedAt).not.toBeNull();

    const second = await app.execute(RespondToTicketDocument, { id: ticket.globalId });
    expect(second.data!.respondToTicket).toMatchObject({ status: "PENDING", firstRespondedAt: respondedAt });
  });

  it("when an unanswered ticket is resolved, then the resolution also counts as the first response", async () => {
    const ticket = await ticketIn(TicketStatus.OPEN);
    const result = await app.execute(ResolveTicketDocument, { id: ticket.globalId });
    const resolved = result.data!.resolveTicket;
    expect(resolved.status).toBe("RESOLVED");
    expect(resolved.resolvedAt).not.toBeNull();
    expect(resolved.firstRespondedAt).toBe(resolved.resolvedAt);
  });

  it("when a pending ticket is resolved, then its first response time stays", async () => {
    const ticket = await ticketIn(TicketStatus.PENDING);
    const result = await app.execute(ResolveTicketDocument, { id: ticket.globalId });
    expect(result.data!.resolveTicket.status).toBe("RESOLVED");
    expect(result.data!.resolveTicket.firstRespondedAt).toBe(ticket.firstRespondedAt!.toISOString());
  });

  it.each([
    ["with a satisfaction of 5", 5, 5],
    ["without a satisfaction", null, null],
  ])("when a resolved ticket is closed %s, then it is CLOSED with that score", async (_, satisfaction, expected) => {
    const ticket = await ticketIn(TicketStatus.RESOLVED);
    const result = await app.execute(CloseTicketDocument, { id: ticket.globalId, satisfaction });
    expect(result.errors).toBeUndefined();
    expect(result.data!.closeTicket).toMatchObject({ status: "CLOSED", satisfaction: expected, resolvedAt: ticket.resolvedAt!.toISOString() });
    expect(result.data!.closeTicket.closedAt).not.toBeNull();
  });

  it("when a resolved ticket is reopened, then it is OPEN again without a resolution and can be resolved anew", async () => {
    const ticket = await ticketIn(TicketStatus.RESOLVED);
    const reopened = await app.execute(ReopenTicketDocument, { id: ticket.globalId });
    expect(reopened.data!.reopenTicket).toMatchObject({ status: "OPEN", resolvedAt: null, firstRespondedAt: ticket.firstRespondedAt!.toISOString() });
    const resolved = await app.execute(ResolveTicketDocument, { id: ticket.globalId });
    expect(resolved.data!.resolveTicket.status).toBe("RESOLVED");
  });

  it.each([
    ["respond", TicketStatus.RESOLVED],
    ["respond", TicketStatus.CLOSED],
    ["resolve", TicketStatus.RESOLVED],
    ["resolve", TicketStatus.CLOSED],
    ["close", TicketStatus.OPEN],
    ["close", TicketStatus.PENDING],
    ["close", TicketStatus.CLOSED],
    ["reopen", TicketStatus.OPEN],
    ["reopen", TicketStatus.PENDING],
    ["reopen", TicketStatus.CLOSED],
  ] as Array<[Step, TicketStatus]>)("when asked to %s a %s ticket, then CONFLICT and the ticket is unchanged", async (step, status) => {
    const ticket = await ticketIn(status);
    const before = await reload(ticket);
    const result = await steps[step](ticket.globalId);
    expect(errorCodes(result)).toEqual(["CONFLICT"]);
    expect(result.errors![0].extensions?.reason).toBe("ILLEGAL_STATUS_TRANSITION");
    expect(await reload(ticket)).toEqual(before);
  });

  it.each([0, 6])("when the satisfaction is %s, then BAD_USER_INPUT names satisfaction and the ticket stays resolved", async (satisfaction) => {
    const ticket = await ticketIn(TicketStatus.RESOLVED);
    const before = await reload(ticket);
    const result = await app.execute(CloseTicketDocument, { id: ticket.globalId, satisfaction });
    expect(errorCodes(result)).toEqual(["BAD_USER_INPUT"]);
    expect(result.errors![0].extensions).toMatchObject({ field: "satisfaction", reason: "SATISFACTION_OUT_OF_RANGE" });
    expect(await reload(ticket)).toEqual(before);
  });

  it.each(Object.keys(steps) as Step[])("when asked to %s a ticket that does not exist, then NOT_FOUND names id", async (step) => {
    const result = await steps[step](ghostId("Ticket"));
    expect(errorCodes(result)).toEqual(["NOT_FOUND"]);
    expect(result.errors![0].extensions?.field).toBe("id");
  });

  it.each(Object.keys(steps) as Step[])("when asked to %s with the id of an account, then BAD_USER_INPUT names id", async (step) => {
    const account = await createAccount(app.dataSource);
    const result = await steps[step](account.globalId);
    expect(errorCodes(result)).toEqual(["BAD_USER_INPUT"]);
    expect(result.errors![0].extensions?.field).toBe("id");
  });
});
