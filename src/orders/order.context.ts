import { ScopedRequest } from "../access/scoped-request";
import { AccountPolicies } from "../accounts/account-policies";
import { AccountLoaders } from "../accounts/account.loaders";
import { OrderLoaders } from "./order.loaders";

/** What the order resolvers need of a request's context. */
export interface OrderRequest extends ScopedRequest {
  loaders: OrderLoaders & AccountLoaders;
  /** An order changes its account's facts: the account is reassessed in the order's transaction. */
  accountPolicies: AccountPolicies;
}
