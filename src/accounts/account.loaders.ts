import { DataScope } from "../access/data-scope";
import { entityLoaderById } from "../access/scoped-loaders";
import { AccountManager } from "../account-managers/account-manager.entity";
import { Account } from "./account.entity";

export function createAccountLoaders(scope: DataScope) {
  return {
    accountById: entityLoaderById(scope, Account),
    accountManagerById: entityLoaderById(scope, AccountManager),
  };
}

export type AccountLoaders = ReturnType<typeof createAccountLoaders>;
