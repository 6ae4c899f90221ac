import DataLoader from "dataloader";
import { DataScope } from "../access/data-scope";
import { loaderById, loadersByArguments } from "../access/scoped-loaders";
import { Page } from "../shared/pagination/connection";
import { Contact } from "./contact.entity";
import { ContactListArguments, findContactPagesOfAccounts, findContactsByIds } from "./contact.service";

export function createContactLoaders(scope: DataScope) {
  return {
    contactById: loaderById((ids) => findContactsByIds(scope, ids)),
    contactPagesOfAccount: loadersByArguments(
      (list: ContactListArguments) => new DataLoader<string, Page<Contact>>((accountIds) => findContactPagesOfAccounts(scope, accountIds, list)),
    ),
  };
}

export type ContactLoaders = ReturnType<typeof createContactLoaders>;
