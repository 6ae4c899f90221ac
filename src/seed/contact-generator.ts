import { AccountKind } from "../accounts/account.entity";
import { ContactChannel, ContactRole } from "../contacts/contact.entity";
import { AccountProfile } from "./account-profile";
import { ContactRow } from "./customer-graph-tables";
import { SeededRandom, WeightedChoice } from "./seeded-random";
import { isoDate, isoTimestamp, year } from "./seed-time";
import { TableBatch } from "./table-batch";
import { domainLabel, emailWord, uniqueName } from "./text-helpers";

const otherRoles = new WeightedChoice<ContactRole>([
  [ContactRole.USER, 45],
  [ContactRole.BUYER, 25],
  [ContactRole.TECHNICAL, 20],
  [ContactRole.DECISION_MAKER, 10],
]);
const channelChoice = new WeightedChoice<ContactChannel>([
  [ContactChannel.EMAIL, 55],
  [ContactChannel.PHONE, 20],
  [ContactChannel.CHAT, 12],
  [ContactChannel.IN_PERSON, 8],
  [ContactChannel.SMS, 5],
]);

/**
 * The account's contacts; the first is the primary one (exactly one per account). Organisations have
 * more of them the bigger they are; a consumer is the account holder, sometimes with a second person.
 * Returns the contact ids, for the account's tickets.
 */
export function generateContacts(random: SeededRandom, profile: AccountProfile, reference: number, contacts: TableBatch<ContactRow>): string[] {
  const organization = profile.kind === AccountKind.ORGANIZATION;
  const count = organization ? 1 + random.count(3.2 * Math.log10((profile.employees ?? 10) + 1)) : random.chance(0.8) ? 1 : 2;
  const domain = organization ? `${domainLabel(profile.name)}.${random.pick(profile.region.domainSuffixes)}` : null;
  const emails = new Set<string>();
  const ids: string[] = [];
  for (let index = 0; index < count; index += 1) {
    const isPrimary = index === 0;
    const person =
      isPrimary && profile.holder !== null ? profile.holder : { firstName: random.faker.person.firstName(), lastName: random.faker.person.lastName() };
    const row = contactRow(random, profile, reference, { ...person, isPrimary, domain, emails });
    contacts.add(row);
    ids.push(row.id);
  }
  return ids;
}

interface ContactIdentity {
  firstName: string;
  lastName: string;
  isPrimary: boolean;
  /** The organisation's mail domain; consumers use a free mail provider. */
  domain: string | null;
  /** The account's addresses so far, lower-cased: unique per account. */
  emails: Set<string>;
}

function contactRow(random: SeededRandom, profile: AccountProfile, reference: number, identity: ContactIdentity): ContactRow {
  const id = random.uuid();
  const { firstName, lastName, isPrimary } = identity;
  const role = isPrimary ? (random.chance(0.6) ? ContactRole.DECISION_MAKER : ContactRole.BUYER) : otherRoles.draw(random);
  const email = random.chance(0.95) ? drawEmail(random, identity) : null;
  const phone = random.chance(0.8) ? drawPhone(random, profile) : null;
  const createdAt = isPrimary ? profile.createdAt : random.between(profile.createdAt, reference);
  const birthday = random.chance(0.3) ? reference - random.between(22, 66) * year : null;
  // In the role for up to six years before the account came, but not before the age of twenty.
  const inRoleFrom = Math.max(profile.createdAt - 6 * year, birthday === null ? -Infinity : birthday + 20 * year);
  return {
    id,
    accountId: profile.id,
    firstName,
    lastName,
    role,
    email,
    phone,
    preferredChannel: reachableChannel(channelChoice.draw(random), email, phone),
    marketingConsent: random.chance(0.4),
    isPrimary,
    birthday: birthday === null ? null : isoDate(birthday),
    inRoleSince: random.chance(0.5) ? isoDate(random.between(inRoleFrom, reference)) : null,
    createdAt: isoTimestamp(createdAt),
    updatedAt: isoTimestamp(random.between(createdAt, reference)),
  };
}

function drawEmail(random: SeededRandom, identity: ContactIdentity): string {
  const { firstName, lastName, domain, emails } = identity;
  if (domain === null) {
    const address = random.faker.internet.email({ firstName: emailWord(firstName), lastName: emailWord(lastName) }).toLowerCase();
    return uniqueName(emails, address, (base, suffix) => base.replace("@", `${suffix}@`));
  }
  const local = uniqueName(emails, `${emailWord(firstName)}.${emailWord(lastName)}`, (base, suffix) => `${base}${suffix}`);
  return `${local}@${domain}`;
}

/** International or national style, both within the CHECK: digits, spaces, ( ) . / - and a leading +. */
function drawPhone(random: SeededRandom, profile: AccountProfile): string {
  const numeric = (length: number) => random.faker.string.numeric({ length, allowLeadingZeros: false });
  const code = random.pick(profile.region.callingCodes);
  if (code === "1") return random.chance(0.5) ? `+1 ${numeric(3)} ${numeric(3)}-${numeric(4)}` : `(${numeric(3)}) ${numeric(3)}-${numeric(4)}`;
  return `+${code} ${numeric(2)} ${numeric(random.integerBetween(6, 8))}`;
}

/** A contact without an address is not reached by email, one without a number not by phone or SMS. */
function reachableChannel(wanted: ContactChannel, email: string | null, phone: string | null): ContactChannel {
  if (wanted === ContactChannel.EMAIL && email === null) return phone === null ? ContactChannel.IN_PERSON : ContactChannel.PHONE;
  if ((wanted === ContactChannel.PHONE || wanted === ContactChannel.SMS) && phone === null) {
    return email === null ? ContactChannel.IN_PERSON : ContactChannel.EMAIL;
  }
  return wanted;
}
