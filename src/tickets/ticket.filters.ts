import { SelectQueryBuilder } from "typeorm";
import { decodeGlobalId } from "../shared/global-id";
import { checkRange } from "../shared/ranges";
import { Ticket } from "./ticket.entity";
import { TicketFilter } from "./ticket.inputs";

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
