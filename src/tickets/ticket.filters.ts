import { SelectQueryBuilder } from "typeorm";
import { decodeGlobalId } from "../shared/global-id";
import { SortField } from "../shared/pagination/sort-order";
import { checkRange } from "../shared/ranges";
import { Ticket, TicketSeverity } from "./ticket.entity";
import { TicketFilter, TicketOrderField } from "./ticket.inputs";

/** Severity as a number, so that it sorts by urgency rather than alphabetically. */
export const severityRank: Record<TicketSeverity, number> = {
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
export const neverDue = "9999-12-31T23:59:59.999Z";

export const ticketSortFields: Record<TicketOrderField, SortField<Ticket>> = {
  [TicketOrderField.OPENED_AT]: { expression: "{alias}.opened_at", kind: "timestamp", valueOf: (ticket) => ticket.openedAt.toISOString() },
  [TicketOrderField.SEVERITY]: { expression: severityRankSql, kind: "integer", valueOf: (ticket) => severityRank[ticket.severity] ?? 0 },
  // Levels P1..P4 sort as text; a ticket not yet prioritized sorts after P4.
  [TicketOrderField.PRIORITY]: {
    expression: `COALESCE({alias}.priority_level, '${unprioritizedLevel}')`,
    kind: "text",
    valueOf: (ticket) => ticket.priorityLevel ?? unprioritizedLevel,
  },
  [TicketOrderField.FIRST_RESPONSE_DUE_AT]: {
    expression: `COALESCE({alias}.first_response_due_at, '${neverDue}'::timestamptz)`,
    kind: "timestamp",
    valueOf: (ticket) => (ticket.firstResponseDueAt ?? new Date(neverDue)).toISOString(),
  },
};

// Written out rather than bound, so the condition matches the partial index tickets_open_by_account.
const openStatusesSql = "('open', 'pending')";

/** Adds the filter's conditions to a query on tickets; ids and ranges are checked before any SQL runs. */
export function applyTicketFilter(query: SelectQueryBuilder<Ticket>, filter: TicketFilter | null | undefined): SelectQueryBuilder<Ticket> {
  if (!filter) return query;
  const alias = query.alias;
  addAnyOf(query, `${alias}.status`, "ticketStatuses", filter.status);
  addAnyOf(query, `${alias}.category`, "ticketCategories", filter.category);
  addAnyOf(query, `${alias}.severity`, "ticketSeverities", filter.severity);
  addAnyOf(query, `${alias}.channel`, "ticketChannels", filter.channel);
  if (filter.open != null) {
    query.andWhere(`${alias}.status ${filter.open ? "IN" : "NOT IN"} ${openStatusesSql}`);
  }
  const openedAt = filter.openedAt;
  if (openedAt) {
    checkRange("filter.openedAt", openedAt.from, openedAt.to);
    if (openedAt.from != null) query.andWhere(`${alias}.opened_at >= :openedFrom`, { openedFrom: openedAt.from });
    if (openedAt.to != null) query.andWhere(`${alias}.opened_at < :openedTo`, { openedTo: openedAt.to });
  }
  if (filter.accountId != null) {
    const accountId = decodeGlobalId(filter.accountId, "Account", "filter.accountId");
    query.andWhere(`${alias}.account_id = :ticketAccountId`, { ticketAccountId: accountId });
  }
  if (filter.contactId != null) {
    const contactId = decodeGlobalId(filter.contactId, "Contact", "filter.contactId");
    query.andWhere(`${alias}.contact_id = :ticketContactId`, { ticketContactId: contactId });
  }
  return query;
}

/** An empty list means no condition, like an absent one. */
function addAnyOf(query: SelectQueryBuilder<Ticket>, column: string, parameter: string, values: string[] | null | undefined): void {
  if (values?.length) query.andWhere(`${column} = ANY(:${parameter})`, { [parameter]: values });
}
