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
  @Query(() => ContactConnection)
  async contacts(
    @Args() page: PageArguments,
    @Arg("filter", () => ContactFilter, { nullable: true }) filter: ContactFilter | null,
    @Arg("orderBy", () => [ContactSort], { nullable: true, description: "Default: NAME ascending; ties broken by id" })
    orderBy: ContactSort[] | null,
    @Ctx() context: ContactRequest,
  ): Promise<ContactConnection> {
    return new ContactConnection(await findContacts(context.scope, { filter, orderBy, page }));
  }

  @FieldResolver(() => Account)
  async account(@Root() contact: Contact, @Ctx() context: ContactRequest): Promise<Account> {
    return context.loaders.accountById.load(contact.accountId) as Promise<Account>;
  }

  @Mutation(() => Contact, { description: "Adds a person to an account; making them primary unsets the previous primary" })
  createContact(@Arg("input", () => CreateContactInput) input: CreateContactInput, @Ctx() context: ContactRequest): Promise<Contact> {
    return createContact(context.scope, input);
  }

  @Mutation(() => Contact, { description: "Changes the fields given; null clears an optional field" })
  updateContact(
    @Arg("id", () => ID) id: string,
    @Arg("input", () => UpdateContactInput) input: UpdateContactInput,
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
    @Arg("filter", () => ContactFilter, { nullable: true }) filter: ContactFilter | null,
    @Arg("orderBy", () => [ContactSort], { nullable: true }) orderBy: ContactSort[] | null,
    @Ctx() context: ContactRequest,
  ): Promise<ContactConnection> {
    const pageOfAccount = await context.loaders.contactPagesOfAccount({ filter, orderBy, page }).load(account.id);
    return new ContactConnection(pageOfAccount);
  }
}
