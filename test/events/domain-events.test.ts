import { DataSource } from "typeorm";
import { SlaTicketRespondDocument, TicketOpenDocument, UpsertTicketsDocument } from "../generated/graphql";
import { createAccount, createPartner } from "../support/factories";
import { anyString, stringMatching } from "../support/matchers";
import { partnerCaller, startTestApp, TestApp } from "../support/test-app";

interface StoredEvent {
  type: string;
  subject_id: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  rules_version: string | null;
}

function eventsOf(dataSource: DataSource, accountId: string): Promise<StoredEvent[]> {
  return dataSource.query(`SELECT type, subject_id, before, after, rules_version FROM domain_events WHERE account_id = $1 ORDER BY id`, [accountId]);
}

const ticketItem = (externalId: string, accountId: string, subject = "Squeaks") => ({
  externalId,
  accountId,
  subject,
  category: "INCIDENT" as const,
  severity: "HIGH" as const,
  channel: "EMAIL" as const,
});

describe("domain events: the outbox, written in the transaction of each change", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  test("when a ticket is opened and answered, then its opening, its priority, its account's decisions and its status change are events, in order", async () => {
    const account = await createAccount(app.dataSource);
    const opened = await app.execute(TicketOpenDocument, {
      input: { accountId: account.globalId, subject: "Printer on fire", category: "INCIDENT", severity: "HIGH", channel: "EMAIL" },
    });
    const ticketId = opened.data!.ticketOpen!.ticket!.id;
    await app.execute(SlaTicketRespondDocument, { input: { ticketId } });
    const events = await eventsOf(app.dataSource, account.id);
    const types = events.map((event) => event.type);
    expect(types[0]).toBe("ticket.opened");
    expect(types).toEqual(
      expect.arrayContaining(["account.tierChanged", "account.lifecycleStageChanged", "account.retentionRiskChanged", "ticket.priorityChanged"]),
    );
    expect(types[types.length - 1]).toBe("ticket.statusChanged");
    expect(events[0]).toMatchObject({ before: null, after: { status: "OPEN", severity: "HIGH" } });
    expect(events.find((event) => event.type === "ticket.priorityChanged")).toMatchObject({
      before: null,
      after: { level: stringMatching(/^P[1-4]$/) },
    });
    expect(events.find((event) => event.type === "account.tierChanged")).toMatchObject({ subject_id: account.id, rules_version: anyString() });
    expect(events[events.length - 1]).toMatchObject({ before: { status: "OPEN" }, after: { status: "PENDING" } });
  });

  test("when a write is refused, then none of its events is written: no event without its change", async () => {
    const account = await createAccount(app.dataSource);
    const before = (await eventsOf(app.dataSource, account.id)).length;
    const refused = await app.execute(UpsertTicketsDocument, {
      input: { items: [ticketItem("ev-1", account.globalId), ticketItem("ev-2", account.globalId, "   ")] },
    });
    expect(refused.data!.upsertTickets!.userErrors).toHaveLength(1);
    expect(await eventsOf(app.dataSource, account.id)).toHaveLength(before);
  });

  test("when a target is missed and the ticket changes, then the breach is a ticket.slaBreached event, once", async () => {
    const account = await createAccount(app.dataSource);
    const opened = await app.execute(TicketOpenDocument, {
      input: { accountId: account.globalId, subject: "Slow", category: "QUESTION", severity: "LOW", channel: "EMAIL" },
    });
    const ticketId = opened.data!.ticketOpen!.ticket!.id;
    await app.dataSource.query(`UPDATE tickets SET first_response_due_at = opened_at WHERE account_id = $1`, [account.id]);
    await app.execute(SlaTicketRespondDocument, { input: { ticketId } });
    await app.execute(SlaTicketRespondDocument, { input: { ticketId } });
    const breaches = (await eventsOf(app.dataSource, account.id)).filter((event) => event.type === "ticket.slaBreached");
    expect(breaches.map((event) => event.after?.kind)).toEqual(["FIRST_RESPONSE"]);
  });

  test("when a partner's key opens a ticket on its own account, then the events are written under its row-level security too", async () => {
    const partner = await createPartner(app.dataSource);
    const account = await createAccount(app.dataSource, { partnerId: partner.id });
    const opened = await app.execute(
      TicketOpenDocument,
      { input: { accountId: account.globalId, subject: "From the partner", category: "QUESTION", severity: "LOW", channel: "PARTNER" } },
      partnerCaller(partner),
    );
    expect(opened.data!.ticketOpen!.userErrors).toEqual([]);
    expect((await eventsOf(app.dataSource, account.id)).map((event) => event.type)).toContain("ticket.opened");
  });
});
