import { ConnectionType } from "../shared/pagination/connection";
import { Account } from "./account.entity";
import { accountSortKeys } from "./account.service";

export const AccountConnection = ConnectionType(Account, "Account");
export type AccountConnection = InstanceType<typeof AccountConnection>;
export type AccountEdge = InstanceType<typeof AccountConnection.Edge>;

/** The account's edge in `accounts` in their default order (by name), its cursor as that list gives it. */
export function accountEdgeOf(account: Account): AccountEdge {
  return new AccountConnection.Edge(account, accountSortKeys(null));
}
