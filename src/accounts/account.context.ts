import { ScopedRequest } from "../access/scoped-request";
import { PartnerLoaders } from "../partners/partner.loaders";
import { AccountPolicies } from "./account-policies";
import { AccountLoaders } from "./account.loaders";

/** What the account resolvers need of a request's context. */
export interface AccountRequest extends ScopedRequest {
  loaders: AccountLoaders & PartnerLoaders;
  /** The policy layer, on the rule set the request started with. */
  accountPolicies: AccountPolicies;
}
