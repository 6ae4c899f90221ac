import { PersonalDataAccess } from "../access/roles";
import { Contact } from "./contact.entity";

/**
 * Contacts as the caller may see them: email and phone masked where a partner's agreement leaves
 * them out. The mask keeps enough to tell contacts apart (the first character and the domain of an
 * email, the last two digits of a phone) and nothing to reach the person with.
 */
export function withPersonalDataMasked(contacts: Contact[], access: PersonalDataAccess): Contact[] {
  if (access.contactEmail && access.contactPhone) return contacts;
  for (const contact of contacts) {
    if (!access.contactEmail && contact.email !== null) contact.email = maskEmail(contact.email);
    if (!access.contactPhone && contact.phone !== null) contact.phone = maskPhone(contact.phone);
  }
  return contacts;
}

/** `jane.doe@example.com` → `j***@example.com` (still a valid address, as the EmailAddress scalar demands). */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf("@");
  return `${email.charAt(0)}***${email.slice(at)}`;
}

/** `+1 (555) 010-2345` → `+* (***) ***-**45`: the layout stays, every digit but the last two goes. */
export function maskPhone(phone: string): string {
  let digitsLeft = phone.replace(/\D/g, "").length;
  return phone.replace(/\d/g, (digit) => (digitsLeft-- > 2 ? "*" : digit));
}
