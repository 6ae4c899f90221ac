import { EntityManager } from "typeorm";
import { DataScope } from "../access/data-scope";
import { Account } from "../accounts/account.entity";
import { NotFoundError } from "../shared/errors";
import { decodeGlobalId } from "../shared/global-id";
import { Page } from "../shared/pagination/connection";
import { PageArguments, toPageRequest } from "../shared/pagination/page-arguments";
import { fetchPage, fetchPagePerParent, FilteredQuery, ListQuery } from "../access/scoped-page-query";
import { OrderByInput } from "../shared/pagination/sort-order";
import { Contact } from "./contact.entity";
import { withPersonalDataMasked } from "./contact.masking";
import { applyContactFilter } from "./contact.filters";
import { ContactFilter, ContactSortField, CreateContactInput, UpdateContactInput } from "./contact.inputs";
import { asContactError, checkEmailFree, contactChanges, newContactColumns, unsetPrimaryContact } from "./contact.rules";
import { byName, contactSortKeys, primaryFirstThenByName } from "./contact.sort-fields";

export interface ContactListArguments {
  filter?: ContactFilter | null;
  orderBy?: ReadonlyArray<OrderByInput<ContactSortField>> | null;
  page: PageArguments;
}

/** A page of all contacts; default by name. */
export async function findContacts(scope: DataScope, list: ContactListArguments): Promise<Page<Contact>> {
  const { filtered, keys, page } = contactListQuery(scope, list);
  const found = await fetchPage(scope, filtered, keys, page);
  return { ...found, rows: withPersonalDataMasked(found.rows, scope.personalData) };
}

/** All contacts as a client lists them (default by name); arguments are checked here, before any SQL. */
export function contactListQuery(scope: DataScope, list: ContactListArguments): ListQuery<Contact> {
  return { filtered: filteredContacts(scope, list), keys: contactSortKeys(list.orderBy, byName), page: toPageRequest(list.page) };
}

/** An account's contacts as a client lists them (default primary first, then by name). */
export function accountContactListQuery(scope: DataScope, list: ContactListArguments): ListQuery<Contact> {
  return { filtered: filteredContacts(scope, list), keys: contactSortKeys(list.orderBy, primaryFirstThenByName), page: toPageRequest(list.page) };
}

/** Contacts by id, masked as the scope demands; ids outside the scope are absent. */
export async function findContactsByIds(scope: DataScope, ids: ReadonlyArray<string>): Promise<Contact[]> {
  const contacts = await scope.read((manager) => scope.select(manager, Contact, "contact").andWhere("contact.id = ANY(:ids)", { ids }).getMany());
  return withPersonalDataMasked(contacts, scope.personalData);
}

function filteredContacts(scope: DataScope, list: ContactListArguments): FilteredQuery<Contact> {
  return (manager, alias) => applyContactFilter(scope.select(manager, Contact, alias), list.filter, scope.personalData);
}

/** The first page of contacts of each account, in one statement (limit per account); default primary first, then by name. */
export async function findContactPagesOfAccounts(scope: DataScope, accountIds: ReadonlyArray<string>, list: ContactListArguments): Promise<Page<Contact>[]> {
  const { filtered, keys, page } = accountContactListQuery(scope, list);
  const pages = await fetchPagePerParent({
    scope,
    filtered,
    parentColumn: "account_id",
    parentProperty: "accountId",
    parentIds: accountIds,
    keys,
    page,
  });
  return pages.map((found) => ({ ...found, rows: withPersonalDataMasked(found.rows, scope.personalData) }));
}

export async function createContact(scope: DataScope, input: CreateContactInput): Promise<Contact> {
  const columns = newContactColumns(input, decodeGlobalId(input.accountId, "Account", "input.accountId"));
  const { accountId, email } = columns;
  return inContactTransaction(scope, async (manager) => {
    if (!(await lockAccount(scope, manager, accountId))) throw new NotFoundError("Account", input.accountId, "input.accountId");
    if (email !== null) await checkEmailFree(manager, accountId, email);
    if (input.isPrimary) await unsetPrimaryContact(manager, accountId);
    const repository = manager.getRepository(Contact);
    return repository.save(repository.create(columns));
  });
}

export async function updateContact(scope: DataScope, globalId: string, input: UpdateContactInput): Promise<Contact> {
  const id = decodeGlobalId(globalId, "Contact", "id");
  const changes = contactChanges(input);
  return inContactTransaction(scope, async (manager) => {
    const repository = manager.getRepository(Contact);
    const found = await scope.select(manager, Contact, "contact").select(["contact.id", "contact.accountId"]).andWhere("contact.id = :id", { id }).getOne();
    if (!found) throw new NotFoundError("Contact", globalId, "id");
    // The account before its contacts, as createContact takes them: two writers never wait on each other in a circle.
    await lockAccount(scope, manager, found.accountId);
    const contact = await repository.findOne({ where: { id }, lock: { mode: "pessimistic_write" } });
    if (!contact) throw new NotFoundError("Contact", globalId, "id");
    if (changes.email != null) await checkEmailFree(manager, contact.accountId, changes.email, contact.id);
    if (changes.isPrimary && !contact.isPrimary) await unsetPrimaryContact(manager, contact.accountId, contact.id);
    Object.assign(contact, changes, { updatedAt: new Date() });
    return repository.save(contact);
  });
}

/**
 * Locks the account against other contact writes until the transaction ends, so that the email
 * and primary checks stay true until the write. NO KEY UPDATE still lets other tables' foreign
 * keys reference the account meanwhile. False when there is no such account.
 */
async function lockAccount(scope: DataScope, manager: EntityManager, accountId: string): Promise<boolean> {
  const locked = await scope
    .select(manager, Account, "account")
    .select("account.id")
    .andWhere("account.id = :accountId", { accountId })
    .setLock("for_no_key_update")
    .getOne();
  return locked !== null;
}

/** One transaction, all or nothing; a unique violation left by a concurrent writer becomes the client's CONFLICT. */
async function inContactTransaction(scope: DataScope, work: (manager: EntityManager) => Promise<Contact>): Promise<Contact> {
  try {
    return await scope.transaction(work);
  } catch (error) {
    throw asContactError(error);
  }
}
