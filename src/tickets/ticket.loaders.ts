import DataLoader from "dataloader";
import { DataScope } from "../access/data-scope";
import { entityLoaderById, loadersByArguments } from "../access/scoped-loaders";
import { Page } from "../shared/pagination/connection";
import { Ticket } from "./ticket.entity";
import { TicketSlaBreach } from "./ticket-sla.entity";
import { findSlaBreaches } from "./ticket.sla";
import { findTicketPagesOfAccounts, TicketListArguments } from "./ticket.service";

export function createTicketLoaders(scope: DataScope) {
  return {
    ticketById: entityLoaderById(scope, Ticket),
    slaBreachesByTicketId: new DataLoader<string, TicketSlaBreach[]>((ticketIds) => findSlaBreaches(scope, ticketIds)),
    ticketPagesOfAccount: loadersByArguments(
      (list: TicketListArguments) => new DataLoader<string, Page<Ticket>>((accountIds) => findTicketPagesOfAccounts(scope, accountIds, list)),
    ),
  };
}

export type TicketLoaders = ReturnType<typeof createTicketLoaders>;
