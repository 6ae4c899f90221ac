import { EntityManager } from "typeorm";
import { Contact } from "./contact.entity";
import { ContactError, ContactErrorReason } from "./contact.errors";

/**
 * Who holds each email and the primary role at a set of locked accounts, read in one statement and kept
 * up to date as a bulk write goes along: the checks of createContact (email free, one primary) without a
 * statement of their own per contact.
 */
export class ContactRoster {
  private constructor(
    private readonly emailHolders: Map<string, string>,
    private readonly primaries: Map<string, string>,
  ) {}

  /** The caller holds every account's lock, so no other writer changes the roster until the commit. */
  static async of(manager: EntityManager, accountIds: readonly string[]): Promise<ContactRoster> {
    const rows: Array<{ id: string; account_id: string; email: string | null; is_primary: boolean }> =
      accountIds.length === 0
        ? []
        : await manager.query(
            `SELECT id, account_id, lower(email) AS email, is_primary FROM contacts WHERE account_id = ANY($1) AND (email IS NOT NULL OR is_primary)`,
            [accountIds],
          );
    const emailHolders = new Map(rows.filter((row) => row.email !== null).map((row) => [emailKey(row.account_id, row.email!), row.id]));
    const primaries = new Map(rows.filter((row) => row.is_primary).map((row) => [row.account_id, row.id]));
    return new ContactRoster(emailHolders, primaries);
  }

  /** Refuses an email another contact of the account holds, in any case (`contactId` is the contact written, if stored). */
  checkEmailFree(accountId: string, email: string | null, contactId: string | undefined): void {
    if (email === null) return;
    const holder = this.emailHolders.get(emailKey(accountId, email));
    if (holder !== undefined && holder !== contactId) {
      throw new ContactError(ContactErrorReason.EMAIL_TAKEN, `input.email: another contact of this account already has "${email}"`, "input.email");
    }
  }

  /** The account's primary other than this contact, which must step down before it becomes primary; null if none. */
  primaryOtherThan(accountId: string, contactId: string | undefined): string | null {
    const primary = this.primaries.get(accountId);
    return primary === undefined || primary === contactId ? null : primary;
  }

  /** Records a contact as written: its email (the old one freed) and whether it is the primary now. */
  record(contact: Pick<Contact, "id" | "accountId" | "email" | "isPrimary">, previousEmail: string | null): void {
    if (previousEmail !== null) this.emailHolders.delete(emailKey(contact.accountId, previousEmail));
    if (contact.email !== null) this.emailHolders.set(emailKey(contact.accountId, contact.email), contact.id);
    if (contact.isPrimary) this.primaries.set(contact.accountId, contact.id);
    else if (this.primaries.get(contact.accountId) === contact.id) this.primaries.delete(contact.accountId);
  }
}

function emailKey(accountId: string, email: string): string {
  return `${accountId}/${email.toLowerCase()}`;
}
