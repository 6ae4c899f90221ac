import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { Account } from "../accounts/account.entity";
import { ContactRequest } from "./contact.context";
import { ConnectionType } from "../shared/pagination/connection";
import { PageArguments } from "../shared/pagination/page-arguments";
import { Contact } from "./contact.entity";
import { ContactFilter, ContactSort, CreateContactInput, UpdateContactInput } from "./contact.inputs";
import { createContact, findContacts, updateContact } from "./contact.service";

export const ContactConnection = ConnectionType(Contact, "Contact");
export type ContactConnection = InstanceType<typeof ContactConnection>;

@Resolver(() => Contact)
export class ContactResolver {
  @Query(() => ContactConnection, {
    description: "The contacts of the accounts the caller may see (a partner's key: its own accounts'), filtered and sorted, a page at a time",
  })
  async contacts(
    @Args() page: PageArguments,
    @Arg("filter", () => ContactFilter, { nullable: true, description: "Only the contacts that meet every condition given" }) filter: ContactFilter | null,
    @Arg("orderBy", () => [ContactSort], { nullable: true, description: "Default: NAME ascending; ties broken by id" })
    orderBy: ContactSort[] | null,
    @Ctx() context: ContactRequest,
  ): Promise<ContactConnection> {
    return new ContactConnection(await findContacts(context.scope, { filter, orderBy, page }));
  }

  @FieldResolver(() => Account, { description: "The account the person is at" })
  async account(@Root() contact: Contact, @Ctx() context: ContactRequest): Promise<Account> {
    return context.loaders.accountById.load(contact.accountId) as Promise<Account>;
  }

  @Mutation(() => Contact, { description: "Adds a person to an account; making them primary unsets the previous primary. Internal keys only" })
  createContact(
    @Arg("input", () => CreateContactInput, { description: "The new contact" }) input: CreateContactInput,
    @Ctx() context: ContactRequest,
  ): Promise<Contact> {
    return createContact(context.scope, input);
  }

  @Mutation(() => Contact, { description: "Changes the fields given; null clears an optional field. Internal keys only" })
  updateContact(
    @Arg("id", () => ID, { description: "The Contact id" }) id: string,
    @Arg("input", () => UpdateContactInput, { description: "The fields to change" }) input: UpdateContactInput,
    @Ctx() context: ContactRequest,
  ): Promise<Contact> {
    return updateContact(context.scope, id, input);
  }
}

@Resolver(() => Account)
export class AccountContactsResolver {
  @FieldResolver(() => ContactConnection, { description: "The people at the account; default the primary contact first, then by name" })
  async contacts(
    @Root() account: Account,
    @Args() page: PageArguments,
    @Arg("filter", () => ContactFilter, { nullable: true, description: "Only the contacts that meet every condition given" }) filter: ContactFilter | null,
    @Arg("orderBy", () => [ContactSort], { nullable: true, description: "Default: IS_PRIMARY descending, then NAME ascending; ties broken by id" })
    orderBy: ContactSort[] | null,
    @Ctx() context: ContactRequest,
  ): Promise<ContactConnection> {
    const pageOfAccount = await context.loaders.contactPagesOfAccount({ filter, orderBy, page }).load(account.id);
    return new ContactConnection(pageOfAccount);
  }
}
