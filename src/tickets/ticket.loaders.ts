import DataLoader from "dataloader";
import { DataSource } from "typeorm";
import { entityLoaderById, loadersByArguments } from "../shared/loaders";
import { Page } from "../shared/pagination/connection";
import { Ticket } from "./ticket.entity";
import { findTicketPagesOfAccounts, TicketListArguments } from "./ticket.service";

export function createTicketLoaders(dataSource: DataSource) {
  return {
    ticketById: entityLoaderById(dataSource, Ticket),
    ticketPagesOfAccount: loadersByArguments(
      (list: TicketListArguments) =>
        new DataLoader<string, Page<Ticket>>((accountIds) => findTicketPagesOfAccounts(dataSource, accountIds, list)),
    ),
  };
}
