import { addWorkingMinutes, BusinessCalendar, workingMinutesBetween } from "../shared/business-calendar";
import { Ticket, TicketStatus } from "./ticket.entity";
import { TicketError, TicketErrorReason } from "./ticket.errors";

/**
 * The ticket lifecycle: we answer an open ticket (it then waits on the customer) and may answer
 * again; the customer's reply puts it back in our court; a resolution ends our work; the customer's
 * confirmation closes it, and a resolution that did not help reopens it. Closed is final: the
 * satisfaction score has been given.
 */
const legalTransitions: Record<TicketStatus, TicketStatus[]> = {
  [TicketStatus.OPEN]: [TicketStatus.PENDING, TicketStatus.RESOLVED],
  [TicketStatus.PENDING]: [TicketStatus.PENDING, TicketStatus.OPEN, TicketStatus.RESOLVED],
  [TicketStatus.RESOLVED]: [TicketStatus.CLOSED, TicketStatus.OPEN],
  [TicketStatus.CLOSED]: [],
};

/** `from` must be able to move to `to`; `step` narrows the statuses a step starts from (a reopening: RESOLVED only). */
export function checkStatusTransition(from: TicketStatus, to: TicketStatus, step: readonly TicketStatus[] = Object.values(TicketStatus)): void {
  if (!step.includes(from)) {
    const starts = step.map((status) => status.toUpperCase()).join(" or ");
    throw new TicketError(
      TicketErrorReason.ILLEGAL_STATUS_TRANSITION,
      `This step takes a ${starts} ticket to ${to.toUpperCase()}; the ticket is ${from.toUpperCase()}`,
    );
  }
  if (!legalTransitions[from].includes(to)) {
    const allowed = legalTransitions[from].map((status) => status.toUpperCase()).join(", ") || "none";
    throw new TicketError(
      TicketErrorReason.ILLEGAL_STATUS_TRANSITION,
      `A ticket cannot go from ${from.toUpperCase()} to ${to.toUpperCase()} (allowed: ${allowed})`,
    );
  }
}

/**
 * A response puts the ticket in the customer's court; only the first one counts for response times.
 * The resolution clock stops while the ticket waits on the customer.
 */
export function recordResponse(ticket: Ticket, now: Date): void {
  checkStatusTransition(ticket.status, TicketStatus.PENDING);
  ticket.status = TicketStatus.PENDING;
  ticket.firstRespondedAt ??= now;
  ticket.resolutionPausedSince ??= now;
}

/** The customer answered a ticket waiting on them: it is ours again, and the resolution clock runs on. */
export function recordCustomerReply(ticket: Ticket, now: Date): void {
  checkStatusTransition(ticket.status, TicketStatus.OPEN, [TicketStatus.PENDING]);
  ticket.status = TicketStatus.OPEN;
  resumeResolutionClock(ticket, now);
}

/** A resolution answers the customer too, so it counts as the first response when there was none; it stops the resolution clock. */
export function recordResolution(ticket: Ticket, now: Date): void {
  checkStatusTransition(ticket.status, TicketStatus.RESOLVED);
  ticket.status = TicketStatus.RESOLVED;
  ticket.firstRespondedAt ??= now;
  ticket.resolvedAt = now;
  ticket.resolutionPausedSince ??= now;
}

export function recordClosing(ticket: Ticket, satisfaction: number | null, now: Date): void {
  checkStatusTransition(ticket.status, TicketStatus.CLOSED);
  ticket.status = TicketStatus.CLOSED;
  ticket.closedAt = now;
  ticket.satisfaction = satisfaction;
}

/** The first response stays: it happened, and response times are measured from it. The resolution clock runs on. */
export function recordReopening(ticket: Ticket, now: Date): void {
  checkStatusTransition(ticket.status, TicketStatus.OPEN, [TicketStatus.RESOLVED]);
  ticket.status = TicketStatus.OPEN;
  ticket.resolvedAt = null;
  resumeResolutionClock(ticket, now);
}

/**
 * Starts the stopped resolution clock again: the target moves on by the time it stood still, so that
 * time spent waiting on the customer never counts against us. A target already missed when the clock
 * stopped stays missed (the breach is a fact): it moves by as much as the moment it is compared with.
 */
function resumeResolutionClock(ticket: Ticket, now: Date): void {
  if (ticket.resolutionPausedSince === null) return;
  const paused = Math.max(0, now.getTime() - ticket.resolutionPausedSince.getTime());
  ticket.resolutionPausedMs = Number(ticket.resolutionPausedMs) + paused;
  if (ticket.resolutionDueAt !== null)
    ticket.resolutionDueAt = resumedTarget(ticket.resolutionDueAt, ticket.resolutionPausedSince, now, ticket.slaBusinessCalendar);
  ticket.resolutionPausedSince = null;
}

/**
 * Where a target stands once its clock runs again: as far from now as it was from the pause. On business
 * time, the working time left at the pause counts from now (a pause over a weekend moves it by no working
 * time); a target already missed at the pause moves by the whole pause, as the moment it is compared with.
 */
function resumedTarget(dueAt: Date, pausedSince: Date, now: Date, calendar: BusinessCalendar | null): Date {
  const paused = Math.max(0, now.getTime() - pausedSince.getTime());
  if (!calendar || dueAt.getTime() <= pausedSince.getTime()) return new Date(dueAt.getTime() + paused);
  return addWorkingMinutes(now, workingMinutesBetween(pausedSince, dueAt, calendar), calendar);
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
