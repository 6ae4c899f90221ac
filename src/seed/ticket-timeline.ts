import { TicketCategory, TicketSeverity, TicketStatus } from "../tickets/ticket.entity";
import { SeededRandom } from "./seeded-random";
import { day, hour } from "./seed-time";

/** A ticket's moments as of the reference date: what has not happened yet is null. */
export interface TicketTimeline {
  status: TicketStatus;
  openedAt: number;
  firstRespondedAt: number | null;
  resolvedAt: number | null;
  closedAt: number | null;
}

/** Support answers severe tickets first. */
const typicalResponseHours: Record<TicketSeverity, number> = {
  [TicketSeverity.CRITICAL]: 0.5,
  [TicketSeverity.HIGH]: 2,
  [TicketSeverity.MEDIUM]: 6,
  [TicketSeverity.LOW]: 14,
};

/** Complaints and returns take longest to settle. */
const typicalResolutionDays: Record<TicketCategory, number> = {
  [TicketCategory.QUESTION]: 1,
  [TicketCategory.REQUEST]: 3,
  [TicketCategory.INCIDENT]: 2,
  [TicketCategory.COMPLAINT]: 5,
  [TicketCategory.RETURN]: 6,
};

/** Share of recent tickets that stall: nobody resolves them, so they are still open at the reference date. */
const stalledShare = 0.1;

/**
 * Plays the ticket forward from its opening (response, resolution, closing after the customer confirms
 * or a week passes) and stops at the reference date. The status is whatever had happened by then, so
 * the CHECK constraints hold by construction: open or pending have no resolution, closed has both times.
 */
export function drawTicketTimeline(
  random: SeededRandom,
  ticket: { category: TicketCategory; severity: TicketSeverity; openedAt: number; reference: number },
): TicketTimeline {
  const { category, severity, openedAt, reference } = ticket;
  const stalled = reference - openedAt < 180 * day && random.chance(stalledShare);
  // A third of the stalled tickets fell through the cracks: nobody ever answered them.
  const unanswered = stalled && random.chance(1 / 3);
  const respondedAt = unanswered ? Infinity : Math.floor(openedAt + random.logNormal(typicalResponseHours[severity], 0.9) * hour);
  const resolvedAt = stalled ? Infinity : Math.floor(respondedAt + random.logNormal(typicalResolutionDays[category], 0.9) * day);
  const closedAt = Math.floor(resolvedAt + random.between(1, 7) * day);
  const awaitingCustomer = random.chance(0.65);
  const happened = (moment: number) => (moment <= reference ? moment : null);
  if (closedAt <= reference) return { status: TicketStatus.CLOSED, openedAt, firstRespondedAt: respondedAt, resolvedAt, closedAt };
  if (resolvedAt <= reference) return { status: TicketStatus.RESOLVED, openedAt, firstRespondedAt: respondedAt, resolvedAt, closedAt: null };
  // Answered but unresolved: pending while support waits for the customer, open again once they reply.
  const status = respondedAt <= reference && awaitingCustomer ? TicketStatus.PENDING : TicketStatus.OPEN;
  return { status, openedAt, firstRespondedAt: happened(respondedAt), resolvedAt: null, closedAt: null };
}
