import { randomUUID } from "node:crypto";
import { EntityManager } from "typeorm";
import { DataScope } from "../access/data-scope";
import { asExternalIdConflict, findByExternalIds, lockExternalIds } from "../access/external-ids";
import { AccountReferenceInput, lockReferencedAccounts } from "../accounts/account.references";
import { checkEachItem, checkSameAccount, refuseRepeatedExternalIds, UpsertedItem, UpsertOutcome } from "../shared/bulk-upsert";
import { Contact } from "./contact.entity";
import { ContactFields } from "./contact.inputs";
import { asContactError, ContactColumns, newContactColumns, upsertedColumns } from "./contact.rules";
import { ContactRoster } from "./contact.roster";

/** A contact as an upsert gives it: a new contact's fields, its account, and its id in the caller's system. */
export interface ContactUpsertFields extends ContactFields, AccountReferenceInput {
  externalId: string;
}

/**
 * Creates or updates each item's contact by its external id, in the order given and in one transaction:
 * one refused item refuses them all (UpsertRefused, every refusal at once). Every account named is locked
 * first, in id order, as createContact locks one, so the email and primary checks hold until the commit.
 */
export async function upsertContacts(scope: DataScope, items: readonly ContactUpsertFields[]): Promise<UpsertedItem[]> {
  refuseRepeatedExternalIds(items);
  const externalIds = items.map((item) => item.externalId.trim());
  try {
    return await scope.transaction(async (manager) => {
      await lockExternalIds(manager, "contacts", scope, externalIds);
      const accountOf = await lockReferencedAccounts(scope, manager, items);
      const stored = await findByExternalIds(scope, manager, Contact, externalIds);
      const accountIds = new Set<string>();
      const planned = await checkEachItem(items, async (item, index) => {
        const columns = newContactColumns(item, accountOf(item));
        const contact = stored.get(externalIds[index]);
        if (contact !== undefined) checkSameAccount("contact", contact.accountId, columns.accountId);
        accountIds.add(columns.accountId);
        return { index, columns, stored: contact, key: { externalId: externalIds[index], externalIdOwner: scope.partnerId } };
      });
      const roster = await ContactRoster.of(manager, [...accountIds]);
      const newContacts = new Map<string, NewContact>();
      const written = await checkEachItem(planned, async ({ index, ...contact }) => ({
        index,
        ...(await writeContact(manager, roster, newContacts, contact)),
      }));
      // After every update: a stored contact giving up an email or the primary role has done so by now.
      if (newContacts.size > 0) await manager.getRepository(Contact).insert([...newContacts.values()]);
      return written;
    });
  } catch (error) {
    throw asContactError(asExternalIdConflict(error));
  }
}

interface PlannedContact {
  columns: ContactColumns;
  stored: Contact | undefined;
  key: Pick<Contact, "externalId" | "externalIdOwner">;
}

type NewContact = ContactColumns & Pick<Contact, "id" | "externalId" | "externalIdOwner">;

/**
 * Writes one contact in the order given (the roster sees every earlier item's email and primary): a stored
 * one at once, a new one into `newContacts`, inserted together at the end with ids chosen here.
 */
async function writeContact(
  manager: EntityManager,
  roster: ContactRoster,
  newContacts: Map<string, NewContact>,
  { columns, stored, key }: PlannedContact,
): Promise<Omit<UpsertedItem, "index">> {
  if (stored !== undefined && upsertedColumns.every((column) => stored[column] === columns[column])) return { outcome: UpsertOutcome.UNCHANGED, id: stored.id };
  roster.checkEmailFree(columns.accountId, columns.email, stored?.id);
  const previousPrimary = columns.isPrimary ? roster.primaryOtherThan(columns.accountId, stored?.id) : null;
  if (previousPrimary !== null) await stepDown(manager, newContacts, previousPrimary, columns.accountId, roster);
  const id = stored?.id ?? randomUUID();
  if (stored !== undefined) await manager.getRepository(Contact).update({ id }, { ...columns, updatedAt: new Date() });
  else newContacts.set(id, { id, ...columns, ...key });
  roster.record({ id, ...columns }, stored?.email ?? null);
  return { outcome: stored === undefined ? UpsertOutcome.CREATED : UpsertOutcome.UPDATED, id };
}

/** The account's primary stops being it: a new contact of this request before it is inserted, a stored one at once. */
async function stepDown(
  manager: EntityManager,
  newContacts: Map<string, NewContact>,
  contactId: string,
  accountId: string,
  roster: ContactRoster,
): Promise<void> {
  const pending = newContacts.get(contactId);
  if (pending !== undefined) pending.isPrimary = false;
  else await manager.getRepository(Contact).update({ id: contactId }, { isPrimary: false, updatedAt: new Date() });
  roster.record({ id: contactId, accountId, email: null, isPrimary: false }, null);
}
