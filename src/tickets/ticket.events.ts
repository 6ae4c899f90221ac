import { DomainEvent } from "../events/domain-events";
import { Ticket, TicketStatus } from "./ticket.entity";

/** A new ticket, as subscribers and webhooks learn of it. */
export function ticketOpened(ticket: Ticket): DomainEvent {
  return {
    type: "ticket.opened",
    occurredAt: ticket.openedAt,
    rulesVersion: null,
    accountId: ticket.accountId,
    subjectId: ticket.id,
    before: null,
    after: { status: apiName(ticket.status), category: apiName(ticket.category), severity: apiName(ticket.severity), channel: apiName(ticket.channel) },
  };
}

export function ticketStatusChanged(ticket: Ticket, before: TicketStatus, at: Date): DomainEvent {
  return {
    type: "ticket.statusChanged",
    occurredAt: at,
    rulesVersion: null,
    accountId: ticket.accountId,
    subjectId: ticket.id,
    before: { status: apiName(before) },
    after: { status: apiName(ticket.status) },
  };
}

/** Events name values as the API does (OPEN, HIGH), not as the tables keep them. */
function apiName(value: string): string {
  return value.toUpperCase();
}
