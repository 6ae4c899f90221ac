import { Field, ID, InputType, ObjectType } from "type-graphql";
import { AccountPayload } from "../accounts/account.payloads";
import { withAccountReference } from "../accounts/account.references";
import { upsertTypes, withExternalId } from "../shared/bulk-upsert";
import { withClientMutationId } from "../shared/mutation-payload";
import { ContactConnection, ContactEdge } from "./contact.connection";
import { Contact } from "./contact.entity";
import { ContactFields, CreateContactInput, UpdateContactInput } from "./contact.inputs";

@InputType({ description: "A new person at an account (contactCreate), with the client's mutation id" })
export class ContactCreateInput extends withClientMutationId(CreateContactInput) {}

@InputType({ description: "The contact to change and the fields to change (contactUpdate); only the fields given change, null clears an optional one" })
export class ContactUpdateInput extends withClientMutationId(UpdateContactInput) {
  @Field(() => ID, { description: "The contact to change" })
  contactId: string;
}

@ObjectType({ description: "What contactCreate did: the new contact, its edge in the account's contacts and the account, or why it refused" })
export class ContactCreatePayload extends AccountPayload {
  @Field(() => Contact, { nullable: true, description: "The new contact" })
  contact?: Contact;

  @Field(() => ContactConnection.Edge, {
    nullable: true,
    description:
      "The new contact's edge in Account.contacts in their default order (primary first, then by name), to add it to a list the client shows (Relay's @appendEdge)",
  })
  contactEdge?: ContactEdge;
}

@ObjectType({ description: "What contactUpdate did: the contact as changed and its account, or why it refused" })
export class ContactUpdatePayload extends AccountPayload {
  @Field(() => Contact, { nullable: true, description: "The contact as changed" })
  contact?: Contact;
}

@InputType({ description: "One contact of upsertContacts: a new contact's fields, its account (by id or externalId), and its id in the caller's system" })
export class ContactUpsertItem extends withAccountReference(withExternalId(ContactFields)) {}

export const ContactUpserts = upsertTypes(ContactUpsertItem, "Contact", "Contacts");
export type UpsertContactsInput = InstanceType<typeof ContactUpserts.Input>;
export type UpsertContactsPayload = InstanceType<typeof ContactUpserts.Payload>;
export type ContactUpsertResult = InstanceType<typeof ContactUpserts.Result>;
