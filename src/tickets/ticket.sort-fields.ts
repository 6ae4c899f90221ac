import { SortField } from "../shared/pagination/sort-order";
import { Ticket, TicketSeverity } from "./ticket.entity";
import { TicketSortField } from "./ticket.inputs";

/** Severity as a number, so that it sorts by urgency rather than alphabetically. */
const severityRank: Record<TicketSeverity, number> = {
  [TicketSeverity.LOW]: 1,
  [TicketSeverity.MEDIUM]: 2,
  [TicketSeverity.HIGH]: 3,
  [TicketSeverity.CRITICAL]: 4,
};

// The column is NOT NULL with a CHECK on its values; ELSE 0 still keeps the key non-null should a value slip past.
const severityRankSql = `CASE {alias}.severity ${Object.entries(severityRank)
  .map(([severity, rank]) => `WHEN '${severity}' THEN ${rank}`)
  .join(" ")} ELSE 0 END`;

const unprioritizedLevel = "P9";
/** The due time of a ticket not yet prioritized: after every real one. The index on the queue uses the same expression. */
const neverDue = "9999-12-31T23:59:59.999Z";

export const ticketSortFields: Record<TicketSortField, SortField<Ticket>> = {
  [TicketSortField.OPENED_AT]: { expression: "{alias}.opened_at", kind: "timestamp", valueOf: (ticket) => ticket.openedAt.toISOString() },
  [TicketSortField.SEVERITY]: { expression: severityRankSql, kind: "integer", valueOf: (ticket) => severityRank[ticket.severity] ?? 0 },
  // Levels P1..P4 sort as text; a ticket not yet prioritized sorts after P4.
  [TicketSortField.PRIORITY]: {
    expression: `COALESCE({alias}.priority_level, '${unprioritizedLevel}')`,
    kind: "text",
    valueOf: (ticket) => ticket.priorityLevel ?? unprioritizedLevel,
  },
  [TicketSortField.FIRST_RESPONSE_DUE_AT]: {
    expression: `COALESCE({alias}.first_response_due_at, '${neverDue}'::timestamptz)`,
    kind: "timestamp",
    valueOf: (ticket) => (ticket.firstResponseDueAt ?? new Date(neverDue)).toISOString(),
  },
};
