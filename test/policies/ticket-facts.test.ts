import { randomUUID } from "node:crypto";
import { DataSource } from "typeorm";
import { computeOpenTicketFacts } from "../../src/policies/facts/ticket-facts";
import { Ticket, TicketCategory, TicketChannel, TicketSeverity, TicketStatus } from "../../src/tickets/ticket.entity";
import { createAccount, createTicket } from "../support/factories";
import { StatementCounter } from "../support/statement-counter";
import { openTestDataSource } from "../support/test-database";

const asOf = new Date("2025-06-30T12:00:00.000Z");
const minute = 60_000;
const before = (milliseconds: number) => new Date(asOf.getTime() - milliseconds);

describe("open ticket facts", () => {
  let dataSource: DataSource;
  const statements = new StatementCounter();
  beforeAll(async () => {
    dataSource = await openTestDataSource({ logger: statements });
  });
  afterAll(() => dataSource.destroy());

  /** A ticket in any status, opened an hour before the reference time unless told, with the timestamps its status needs. */
  function ticketInStatus(accountId: string, status: TicketStatus, overrides: Partial<Ticket> = {}): Promise<Ticket> {
    const done = status === TicketStatus.RESOLVED || status === TicketStatus.CLOSED;
    const openedAt = overrides.openedAt ?? before(60 * minute);
    return createTicket(dataSource, accountId, {
      status,
      openedAt,
      resolvedAt: done ? openedAt : null,
      closedAt: status === TicketStatus.CLOSED ? openedAt : null,
      ...overrides,
    });
  }

  it("when accounts have tickets in every status, then one statement gives the open and pending ones of those accounts with their facts", async () => {
    const first = await createAccount(dataSource);
    const second = await createAccount(dataSource);
    const other = await createAccount(dataSource);
    const complaint = await ticketInStatus(first.id, TicketStatus.OPEN, {
      openedAt: before((29 * 24 * 60 + 30) * minute),
      category: TicketCategory.COMPLAINT,
      severity: TicketSeverity.CRITICAL,
      channel: TicketChannel.PHONE,
    });
    const question = await ticketInStatus(second.id, TicketStatus.PENDING, {
      openedAt: before(20 * minute),
      category: TicketCategory.QUESTION,
      severity: TicketSeverity.LOW,
      channel: TicketChannel.CHAT,
    });
    await ticketInStatus(first.id, TicketStatus.RESOLVED);
    await ticketInStatus(second.id, TicketStatus.CLOSED);
    await ticketInStatus(other.id, TicketStatus.OPEN);

    statements.reset();
    const facts = await computeOpenTicketFacts(dataSource.manager, [first.id, second.id], asOf);
    expect(statements.count).toBe(1);
    expect(facts).toEqual(
      new Map([
        [
          complaint.id,
          {
            accountId: first.id,
            region: "europe",
            openedAt: complaint.openedAt,
            facts: { category: "complaint", severity: "critical", channel: "phone", hoursOpen: 696.5 },
          },
        ],
        [
          question.id,
          {
            accountId: second.id,
            region: "europe",
            openedAt: question.openedAt,
            facts: { category: "question", severity: "low", channel: "chat", hoursOpen: 0.33 },
          },
        ],
      ]),
    );
  });

  it("when an account has several open tickets, then each is there, newest first", async () => {
    const account = await createAccount(dataSource);
    const older = await ticketInStatus(account.id, TicketStatus.OPEN, { openedAt: before(3 * 60 * minute) });
    const newer = await ticketInStatus(account.id, TicketStatus.PENDING, { openedAt: before(90 * minute) });
    const facts = await computeOpenTicketFacts(dataSource.manager, [account.id], asOf);
    expect([...facts].map(([id, ticket]) => [id, ticket.facts.hoursOpen])).toEqual([
      [newer.id, 1.5],
      [older.id, 3],
    ]);
  });

  it("when a ticket was opened at or after the reference time, then its hours open are 0, never negative", async () => {
    const account = await createAccount(dataSource);
    const now = await ticketInStatus(account.id, TicketStatus.OPEN, { openedAt: asOf });
    const later = await ticketInStatus(account.id, TicketStatus.OPEN, { openedAt: before(-2 * 60 * minute) });
    const facts = await computeOpenTicketFacts(dataSource.manager, [account.id], asOf);
    expect([now, later].map((ticket) => facts.get(ticket.id)?.facts.hoursOpen)).toEqual([0, 0]);
  });

  it("when the accounts have no open tickets or do not exist, then none are found", async () => {
    const quiet = await createAccount(dataSource);
    await ticketInStatus(quiet.id, TicketStatus.CLOSED);
    expect((await computeOpenTicketFacts(dataSource.manager, [quiet.id, randomUUID()], asOf)).size).toBe(0);
  });

  it("when no account is asked for, then no statement runs", async () => {
    statements.reset();
    expect((await computeOpenTicketFacts(dataSource.manager, [], asOf)).size).toBe(0);
    expect(statements.count).toBe(0);
  });
});
