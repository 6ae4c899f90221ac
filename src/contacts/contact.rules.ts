import { EntityManager, QueryFailedError } from "typeorm";
import { Contact } from "./contact.entity";
import { ContactError, ContactErrorReason } from "./contact.errors";
import { ContactFields, UpdateContactInput } from "./contact.inputs";

/** An email is unique within its account in any case; `exceptContactId` is the contact being changed. */
export async function checkEmailFree(manager: EntityManager, accountId: string, email: string, exceptContactId?: string): Promise<void> {
  const query = manager
    .getRepository(Contact)
    .createQueryBuilder("contact")
    .where("contact.account_id = :accountId", { accountId })
    // Stated so that the partial index contacts_email_per_account serves the lookup.
    .andWhere("contact.email IS NOT NULL")
    .andWhere("lower(contact.email) = lower(:email)", { email });
  if (exceptContactId !== undefined) query.andWhere("contact.id <> :exceptContactId", { exceptContactId });
  if (await query.getExists()) throw emailTaken(email);
}

/** At most one primary per account: the previous one steps down when another takes its place. */
export async function unsetPrimaryContact(manager: EntityManager, accountId: string, exceptContactId?: string): Promise<void> {
  const update = manager
    .getRepository(Contact)
    .createQueryBuilder()
    .update()
    .set({ isPrimary: false, updatedAt: () => "now()" })
    .where("account_id = :accountId AND is_primary", { accountId });
  if (exceptContactId !== undefined) update.andWhere("id <> :exceptContactId", { exceptContactId });
  await update.execute();
}

/** The constraints the checks above guard; a concurrent writer can still reach them first. */
const uniqueConstraintErrors: Record<string, () => ContactError> = {
  contacts_email_per_account: () => emailTaken(),
  contacts_one_primary_per_account: () =>
    new ContactError(ContactErrorReason.PRIMARY_TAKEN, "input.isPrimary: another contact became primary meanwhile; try again", "input.isPrimary"),
};

/** A unique violation (23505) of a contacts constraint as the same CONFLICT the checks raise; other errors unchanged. */
export function asContactError(error: unknown): unknown {
  if (!(error instanceof QueryFailedError)) return error;
  const driverError = error.driverError as { code?: string; constraint?: string };
  const toContactError = driverError.code === "23505" && driverError.constraint ? uniqueConstraintErrors[driverError.constraint] : undefined;
  return toContactError ? toContactError() : error;
}

function emailTaken(email?: string): ContactError {
  const which = email === undefined ? "this email" : `"${email}"`;
  return new ContactError(ContactErrorReason.EMAIL_TAKEN, `input.email: another contact of this account already has ${which}`, "input.email");
}

type ContactChanges = Partial<
  Pick<Contact, "firstName" | "lastName" | "role" | "email" | "phone" | "preferredChannel" | "marketingConsent" | "isPrimary" | "birthday" | "inRoleSince">
>;

const requiredFields = ["firstName", "lastName", "role", "preferredChannel", "marketingConsent", "isPrimary"] as const;
const optionalFields = ["email", "phone", "birthday", "inRoleSince"] as const;

/** The columns an update sets: absent fields stay, null clears an optional field and is refused for a required one. */
export function contactChanges(input: UpdateContactInput): ContactChanges {
  const changes: ContactChanges = {};
  for (const field of requiredFields) {
    const value = input[field];
    if (value === null) {
      throw new ContactError(ContactErrorReason.REQUIRED_FIELD_CLEARED, `input.${field}: cannot be cleared`, `input.${field}`);
    }
    if (value !== undefined) Object.assign(changes, { [field]: value });
  }
  for (const field of optionalFields) {
    const value = input[field];
    if (value !== undefined) Object.assign(changes, { [field]: value });
  }
  if (changes.firstName !== undefined) changes.firstName = changes.firstName.trim();
  if (changes.lastName !== undefined) changes.lastName = changes.lastName.trim();
  if (changes.email != null) changes.email = changes.email.trim();
  return changes;
}

/** The columns a new contact's fields set (an upsert compares a stored contact with them). */
export const upsertedColumns = [
  "accountId",
  "firstName",
  "lastName",
  "role",
  "email",
  "phone",
  "preferredChannel",
  "marketingConsent",
  "isPrimary",
  "birthday",
  "inRoleSince",
] as const;
export type ContactColumns = Pick<Contact, (typeof upsertedColumns)[number]>;

/** A new contact's columns from its fields: names and email trimmed, what is left out empty. */
export function newContactColumns(input: ContactFields, accountId: string): ContactColumns {
  return {
    accountId,
    firstName: input.firstName.trim(),
    lastName: input.lastName.trim(),
    role: input.role,
    email: input.email?.trim() ?? null,
    phone: input.phone ?? null,
    preferredChannel: input.preferredChannel,
    marketingConsent: input.marketingConsent,
    isPrimary: input.isPrimary,
    birthday: input.birthday ?? null,
    inRoleSince: input.inRoleSince ?? null,
  };
}
