import { ConnectionType } from "../shared/pagination/connection";
import { Contact } from "./contact.entity";
import { contactSortKeys, primaryFirstThenByName } from "./contact.sort-fields";

export const ContactConnection = ConnectionType(Contact, "Contact");
export type ContactConnection = InstanceType<typeof ContactConnection>;
export type ContactEdge = InstanceType<typeof ContactConnection.Edge>;

/** The contact's edge in its account's contacts in their default order (primary first, then by name), its cursor as that list gives it. */
export function contactEdgeOf(contact: Contact): ContactEdge {
  return new ContactConnection.Edge(contact, contactSortKeys(null, primaryFirstThenByName));
}
