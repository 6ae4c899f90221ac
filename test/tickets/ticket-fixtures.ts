import { DataSource } from "typeorm";
import { Ticket, TicketStatus } from "../../src/tickets/ticket.entity";
import { createTicket } from "../support/factories";

/** An instant on 1 June 2024, `offset` hours after midnight UTC. */
export function hour(offset: number): Date {
  return new Date(Date.UTC(2024, 5, 1, offset));
}

/** A ticket in any status, with the timestamps that status requires (the database checks them). */
export function createTicketInStatus(dataSource: DataSource, accountId: string, status: TicketStatus, overrides: Partial<Ticket> = {}): Promise<Ticket> {
  const openedAt = overrides.openedAt ?? hour(9);
  const hoursAfterOpening = (hours: number) => new Date(openedAt.getTime() + hours * 3_600_000);
  const done = status === TicketStatus.RESOLVED || status === TicketStatus.CLOSED;
  return createTicket(dataSource, accountId, {
    status,
    openedAt,
    firstRespondedAt: status === TicketStatus.OPEN ? null : hoursAfterOpening(1),
    resolvedAt: done ? hoursAfterOpening(2) : null,
    closedAt: status === TicketStatus.CLOSED ? hoursAfterOpening(3) : null,
    ...overrides,
  });
}

/** A well-formed global id that names no row. */
export function ghostId(typeName: "Account" | "Contact" | "Ticket"): string {
  return Buffer.from(`${typeName}:00000000-0000-4000-8000-000000000000`).toString("base64");
}
