import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { Account } from "../accounts/account.entity";
import { ContactRequest } from "./contact.context";
import { payloadOf } from "../shared/mutation-payload";
import { PageArguments } from "../shared/pagination/page-arguments";
import { Contact } from "./contact.entity";
import { ContactFilter, ContactSort, CreateContactInput, UpdateContactInput } from "./contact.inputs";
import { createContact, findContacts, updateContact } from "./contact.service";
import { ContactConnection, contactEdgeOf } from "./contact.connection";
import {
  ContactCreateInput,
  ContactCreatePayload,
  ContactUpdateInput,
  ContactUpdatePayload,
  ContactUpserts,
  ContactUpsertResult,
  UpsertContactsInput,
  UpsertContactsPayload,
} from "./contact.payloads";
import { upsertContacts } from "./contact.upsert";
import { upsertPayloadOf } from "../shared/bulk-upsert";
import { onePerUpsertItem } from "../access/query-cost";
import { externalIdDescription, externalIdSeenBy } from "../shared/external-id";

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

  @Mutation(() => Contact, {
    description: "Adds a person to an account; making them primary unsets the previous primary. Internal keys only",
    deprecationReason: "Use contactCreate: one input, a nullable payload with the contact's edge, its account and userErrors",
  })
  createContact(
    @Arg("input", () => CreateContactInput, { description: "The new contact" }) input: CreateContactInput,
    @Ctx() context: ContactRequest,
  ): Promise<Contact> {
    return createContact(context.scope, input);
  }

  @Mutation(() => Contact, {
    description: "Changes the fields given; null clears an optional field. Internal keys only",
    deprecationReason: "Use contactUpdate: the id inside its one input, a nullable payload with userErrors",
  })
  updateContact(
    @Arg("id", () => ID, { description: "The Contact id" }) id: string,
    @Arg("input", () => UpdateContactInput, { description: "The fields to change" }) input: UpdateContactInput,
    @Ctx() context: ContactRequest,
  ): Promise<Contact> {
    return updateContact(context.scope, id, input);
  }

  @FieldResolver(() => String, { nullable: true, description: externalIdDescription })
  externalId(@Root() contact: Contact, @Ctx() context: ContactRequest): string | null {
    return externalIdSeenBy(contact, context.scope.partnerId);
  }

  @Mutation(() => ContactUpserts.Payload, {
    nullable: true,
    complexity: onePerUpsertItem,
    description:
      "Creates or updates contacts by their externalId, in the order given and in one transaction: one refused item refuses the request, with every refusal in userErrors. Internal keys, and partners' keys for their own accounts' contacts",
  })
  upsertContacts(
    @Arg("input", () => ContactUpserts.Input, { validate: false, description: "The contacts, and the client's mutation id" }) input: UpsertContactsInput,
    @Ctx() context: ContactRequest,
  ): Promise<UpsertContactsPayload> {
    return upsertPayloadOf(context, input, () => upsertContacts(context.scope, input.items));
  }

  @Mutation(() => ContactCreatePayload, {
    nullable: true,
    description: "Adds a person to an account; making them primary unsets the previous primary; refusals come back in userErrors. Internal keys only",
  })
  contactCreate(
    @Arg("input", () => ContactCreateInput, { validate: false, description: "The new contact, and the client's mutation id" }) input: ContactCreateInput,
    @Ctx() context: ContactRequest,
  ): Promise<ContactCreatePayload> {
    return payloadOf(context, input, async () => {
      const contact = await createContact(context.scope, input);
      return { contact, contactEdge: contactEdgeOf(contact), accountId: contact.accountId };
    });
  }

  @Mutation(() => ContactUpdatePayload, {
    nullable: true,
    description: "Changes the fields given; null clears an optional field; refusals come back in userErrors. Internal keys only",
  })
  contactUpdate(
    @Arg("input", () => ContactUpdateInput, { validate: false, description: "The contact to change, the fields to change, and the client's mutation id" })
    input: ContactUpdateInput,
    @Ctx() context: ContactRequest,
  ): Promise<ContactUpdatePayload> {
    return payloadOf(
      context,
      input,
      async () => {
        const contact = await updateContact(context.scope, input.contactId, input);
        return { contact, accountId: contact.accountId };
      },
      { id: "contactId" },
    );
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

/** The `node` of each upsertContacts result, read after the writes (masked as the caller's key requires). */
@Resolver(() => ContactUpserts.Result)
export class ContactUpsertResultResolver {
  @FieldResolver(() => Contact, { complexity: 0, description: "The contact as the upsert left it" })
  async node(@Root() result: ContactUpsertResult, @Ctx() context: ContactRequest): Promise<Contact> {
    const contact = await context.loaders.contactById.load(result.id);
    if (!contact) throw new Error(`upserted contact ${result.id} is not visible to its own request`);
    return contact;
  }
}
