import { ConnectionType } from "../shared/pagination/connection";
import { Ticket } from "./ticket.entity";
import { ticketSortKeys } from "./ticket.service";

export const TicketConnection = ConnectionType(Ticket, "Ticket");
export type TicketConnection = InstanceType<typeof TicketConnection>;
export type TicketEdge = InstanceType<typeof TicketConnection.Edge>;

/** The ticket's edge in its account's tickets (and in `tickets`) in their default order (newest first), its cursor as those lists give it. */
export function ticketEdgeOf(ticket: Ticket): TicketEdge {
  return new TicketConnection.Edge(ticket, ticketSortKeys(null));
}
