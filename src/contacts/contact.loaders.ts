import DataLoader from "dataloader";
import { DataSource } from "typeorm";
import { entityLoaderById, loadersByArguments } from "../shared/loaders";
import { Page } from "../shared/pagination/connection";
import { Contact } from "./contact.entity";
import { ContactListArguments, findContactPagesOfAccounts } from "./contact.service";

export function createContactLoaders(dataSource: DataSource) {
  return {
    contactById: entityLoaderById(dataSource, Contact),
    contactPagesOfAccount: loadersByArguments(
      (list: ContactListArguments) =>
        new DataLoader<string, Page<Contact>>((accountIds) => findContactPagesOfAccounts(dataSource, accountIds, list)),
    ),
  };
}
