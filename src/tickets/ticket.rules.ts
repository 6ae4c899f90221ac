import { Ticket, TicketStatus } from "./ticket.entity";
import { TicketError, TicketErrorReason } from "./ticket.errors";

/**
 * The ticket lifecycle: we answer an open ticket (it then waits on the customer) and may answer
 * again; a resolution ends our work; the customer's confirmation closes it, and a resolution that
 * did not help reopens it. Closed is final: the satisfaction score has been given.
 */
const legalTransitions: Record<TicketStatus, TicketStatus[]> = {
  [TicketStatus.OPEN]: [TicketStatus.PENDING, TicketStatus.RESOLVED],
  [TicketStatus.PENDING]: [TicketStatus.PENDING, TicketStatus.RESOLVED],
  [TicketStatus.RESOLVED]: [TicketStatus.CLOSED, TicketStatus.OPEN],
  [TicketStatus.CLOSED]: [],
};

export function checkStatusTransition(from: TicketStatus, to: TicketStatus): void {
  if (!legalTransitions[from].includes(to)) {
    const allowed = legalTransitions[from].map((status) => status.toUpperCase()).join(", ") || "none";
    throw new TicketError(
      TicketErrorReason.ILLEGAL_STATUS_TRANSITION,
      `A ticket cannot go from ${from.toUpperCase()} to ${to.toUpperCase()} (allowed: ${allowed})`,
    );
  }
}

/** A response puts the ticket in the customer's court; only the first one counts for response times. */
export function recordResponse(ticket: Ticket, now: Date): void {
  checkStatusTransition(ticket.status, TicketStatus.PENDING);
  ticket.status = TicketStatus.PENDING;
  ticket.firstRespondedAt ??= now;
}

/** A resolution answers the customer too, so it counts as the first response when there was none. */
export function recordResolution(ticket: Ticket, now: Date): void {
  checkStatusTransition(ticket.status, TicketStatus.RESOLVED);
  ticket.status = TicketStatus.RESOLVED;
  ticket.firstRespondedAt ??= now;
  ticket.resolvedAt = now;
}

export function recordClosing(ticket: Ticket, satisfaction: number | null, now: Date): void {
  checkStatusTransition(ticket.status, TicketStatus.CLOSED);
  ticket.status = TicketStatus.CLOSED;
  ticket.closedAt = now;
  ticket.satisfaction = satisfaction;
}

/** The first response stays: it happened, and response times are measured from it. */
export function recordReopening(ticket: Ticket): void {
  checkStatusTransition(ticket.status, TicketStatus.OPEN);
  ticket.status = TicketStatus.OPEN;
  ticket.resolvedAt = null;
}

/**
 * The time of a change: now, but never before the opening (the database checks it), which
 * another server whose clock runs a little ahead may have recorded.
 */
export function changeTime(ticket: Ticket, clock: Date): Date {
  return clock.getTime() < ticket.openedAt.getTime() ? new Date(ticket.openedAt) : clock;
}

export function checkSatisfaction(satisfaction: number | null | undefined, field: string): number | null {
  if (satisfaction == null) return null;
  if (!Number.isInteger(satisfaction) || satisfaction < 1 || satisfaction > 5) {
    throw new TicketError(TicketErrorReason.SATISFACTION_OUT_OF_RANGE, `${field}: must be 1 to 5, got ${satisfaction}`, field);
  }
  return satisfaction;
}

/** The database wants 1 to 300 characters besides spaces: a blank subject is the client's error, not an internal one. */
export function checkSubject(subject: string, field: string): string {
  const trimmed = subject.trim();
  if (trimmed.length === 0) {
    throw new TicketError(TicketErrorReason.BLANK_SUBJECT, `${field}: must not be blank`, field);
  }
  return trimmed;
}
