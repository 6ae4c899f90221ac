import { ScopedRequest } from "../access/scoped-request";
import { AccountPolicies } from "../accounts/account-policies";
import { AccountLoaders } from "../accounts/account.loaders";
import { ContactLoaders } from "../contacts/contact.loaders";
import { TicketLoaders } from "./ticket.loaders";

/** What the ticket resolvers need of a request's context. */
export interface TicketRequest extends ScopedRequest {
  loaders: TicketLoaders & AccountLoaders & Pick<ContactLoaders, "contactById">;
  /** A ticket changes its account's facts and gets its priority: both are reassessed in the ticket's transaction. */
  accountPolicies: AccountPolicies;
}
