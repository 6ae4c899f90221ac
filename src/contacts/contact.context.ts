import { ScopedRequest } from "../access/scoped-request";
import { AccountLoaders } from "../accounts/account.loaders";
import { ContactLoaders } from "./contact.loaders";

/** What the contact resolvers need of a request's context. */
export interface ContactRequest extends ScopedRequest {
  loaders: ContactLoaders & AccountLoaders;
}
