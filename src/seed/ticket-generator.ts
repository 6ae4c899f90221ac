import { AccountStatus } from "../accounts/account.entity";
import { TicketCategory, TicketChannel, TicketSeverity, TicketStatus } from "../tickets/ticket.entity";
import { AccountProfile } from "./account-profile";
import { TicketRow } from "./customer-graph-tables";
import { Product } from "./reference-data";
import { SeededRandom, WeightedChoice } from "./seeded-random";
import { day, isoTimestamp } from "./seed-time";
import { TableBatch } from "./table-batch";
import { drawSubject } from "./ticket-subjects";
import { drawTicketTimeline, TicketTimeline } from "./ticket-timeline";

/** Tickets per square root of orders: more business brings more tickets, less than in proportion. */
const ticketsPerRootOrder = 1.25;

const categories = {
  customer: new WeightedChoice<TicketCategory>([
    [TicketCategory.QUESTION, 30],
    [TicketCategory.REQUEST, 25],
    [TicketCategory.INCIDENT, 25],
    [TicketCategory.RETURN, 12],
    [TicketCategory.COMPLAINT, 8],
  ]),
  // Accounts that left complained more on their way out.
  churned: new WeightedChoice<TicketCategory>([
    [TicketCategory.QUESTION, 20],
    [TicketCategory.REQUEST, 15],
    [TicketCategory.INCIDENT, 30],
    [TicketCategory.RETURN, 12],
    [TicketCategory.COMPLAINT, 23],
  ]),
  prospect: new WeightedChoice<TicketCategory>([
    [TicketCategory.QUESTION, 70],
    [TicketCategory.REQUEST, 30],
  ]),
};

const severities: Record<TicketCategory, WeightedChoice<TicketSeverity>> = {
  [TicketCategory.QUESTION]: new WeightedChoice([
    [TicketSeverity.LOW, 70],
    [TicketSeverity.MEDIUM, 30],
  ]),
  [TicketCategory.REQUEST]: new WeightedChoice([
    [TicketSeverity.LOW, 50],
    [TicketSeverity.MEDIUM, 45],
    [TicketSeverity.HIGH, 5],
  ]),
  [TicketCategory.INCIDENT]: new WeightedChoice([
    [TicketSeverity.LOW, 15],
    [TicketSeverity.MEDIUM, 40],
    [TicketSeverity.HIGH, 33],
    [TicketSeverity.CRITICAL, 12],
  ]),
  [TicketCategory.COMPLAINT]: new WeightedChoice([
    [TicketSeverity.MEDIUM, 50],
    [TicketSeverity.HIGH, 40],
    [TicketSeverity.CRITICAL, 10],
  ]),
  [TicketCategory.RETURN]: new WeightedChoice([
    [TicketSeverity.LOW, 40],
    [TicketSeverity.MEDIUM, 50],
    [TicketSeverity.HIGH, 10],
  ]),
};

const channels = new WeightedChoice<TicketChannel>([
  [TicketChannel.EMAIL, 40],
  [TicketChannel.PHONE, 20],
  [TicketChannel.CHAT, 20],
  [TicketChannel.WEB, 15],
  [TicketChannel.SOCIAL, 5],
]);

export interface TicketContext {
  profile: AccountProfile;
  contactIds: readonly string[];
  products: readonly Product[];
  reference: number;
}

/** The account's tickets, mostly from the last year; a complaint run adds several recent complaints. */
export function generateTickets(random: SeededRandom, context: TicketContext, orderCount: number, tickets: TableBatch<TicketRow>): number {
  const { profile, reference } = context;
  const prospect = profile.status === AccountStatus.PROSPECT;
  const count = random.count(prospect ? 0.6 : ticketsPerRootOrder * Math.sqrt(orderCount + 1));
  // Churned accounts stopped writing a month after their last order.
  const windowEnd = profile.status === AccountStatus.CHURNED ? profile.ordersUntil + 30 * day : reference;
  const windowStart = profile.customerSince ?? profile.createdAt;
  const category = prospect ? categories.prospect : profile.status === AccountStatus.CHURNED ? categories.churned : categories.customer;
  for (let index = 0; index < count; index += 1) {
    // Three tickets in four come from the last year of the window.
    const recentStart = random.chance(0.75) ? Math.max(windowStart, windowEnd - 365 * day) : windowStart;
    addTicket(random, context, category.draw(random), random.between(recentStart, windowEnd), tickets);
  }
  const complaints = profile.complaintRun ? random.integerBetween(3, 6) : 0;
  for (let index = 0; index < complaints; index += 1) {
    addTicket(random, context, TicketCategory.COMPLAINT, reference - random.between(0.2, 89) * day, tickets);
  }
  return count + complaints;
}

function addTicket(random: SeededRandom, context: TicketContext, category: TicketCategory, openedAt: number, tickets: TableBatch<TicketRow>): void {
  const { profile, contactIds, products, reference } = context;
  const id = random.uuid();
  const severity = severities[category].draw(random);
  const timeline = drawTicketTimeline(random, { category, severity, openedAt: Math.floor(openedAt), reference });
  const partnerChannel = profile.partnerId !== null && random.chance(0.3);
  tickets.add({
    id,
    accountId: profile.id,
    contactId: random.chance(0.85) ? random.pick(contactIds) : null,
    subject: drawSubject(random, category, products),
    channel: partnerChannel ? TicketChannel.PARTNER : channels.draw(random),
    category,
    severity,
    ...timelineColumns(timeline),
    satisfaction: drawSatisfaction(random, timeline.status, category, profile.complaintRun),
  });
}

function timelineColumns(
  timeline: TicketTimeline,
): Pick<TicketRow, "status" | "openedAt" | "firstRespondedAt" | "resolvedAt" | "closedAt" | "updatedAt" | "resolutionPausedSince"> {
  const optional = (moment: number | null) => (moment === null ? null : isoTimestamp(moment));
  return {
    status: timeline.status,
    openedAt: isoTimestamp(timeline.openedAt),
    firstRespondedAt: optional(timeline.firstRespondedAt),
    resolvedAt: optional(timeline.resolvedAt),
    closedAt: optional(timeline.closedAt),
    updatedAt: isoTimestamp(timeline.closedAt ?? timeline.resolvedAt ?? timeline.firstRespondedAt ?? timeline.openedAt),
    // The resolution clock stops when the case waits on the customer (our response) or is resolved.
    resolutionPausedSince: timeline.status === TicketStatus.OPEN ? null : optional(timeline.resolvedAt ?? timeline.firstRespondedAt),
  };
}

const satisfaction = {
  usual: new WeightedChoice<number>([
    [5, 40],
    [4, 35],
    [3, 15],
    [2, 6],
    [1, 4],
  ]),
  complaint: new WeightedChoice<number>([
    [5, 10],
    [4, 20],
    [3, 25],
    [2, 25],
    [1, 20],
  ]),
  complaintRun: new WeightedChoice<number>([
    [3, 10],
    [2, 30],
    [1, 60],
  ]),
};

/** Only closed tickets are rated, and only about half of the customers bother. */
function drawSatisfaction(random: SeededRandom, status: TicketStatus, category: TicketCategory, complaintRun: boolean): number | null {
  if (status !== TicketStatus.CLOSED || !random.chance(0.55)) return null;
  if (category !== TicketCategory.COMPLAINT) return satisfaction.usual.draw(random);
  return (complaintRun ? satisfaction.complaintRun : satisfaction.complaint).draw(random);
}
