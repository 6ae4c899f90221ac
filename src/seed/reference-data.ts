import { PartnerKind } from "../partners/partner.entity";
import { AccountManagerRow, PartnerRow } from "./customer-graph-tables";
import { SeededRandom } from "./seeded-random";
import { day, isoTimestamp } from "./seed-time";
import { emailWord, uniqueName } from "./text-helpers";

/** A product of the catalogue every order line picks from, with its list price. */
export interface Product {
  name: string;
  listPriceDollars: number;
}

/** What every account refers to: managers, partners and the product catalogue. */
export interface ReferenceData {
  accountManagers: AccountManagerRow[];
  partners: PartnerRow[];
  products: Product[];
}

const productCount = 600;

/** One manager looks after about fifty accounts; one partner serves about fifty of the quarter with a partner. */
export function generateReferenceData(random: SeededRandom, accounts: number, reference: number): ReferenceData {
  const managerCount = Math.max(3, Math.round(accounts / 50));
  const partnerCount = Math.max(2, Math.round(accounts / 200));
  return {
    accountManagers: generateAccountManagers(random, managerCount, reference),
    partners: generatePartners(random, partnerCount, reference),
    products: generateProducts(random),
  };
}

function generateAccountManagers(random: SeededRandom, count: number, reference: number): AccountManagerRow[] {
  const faker = random.faker;
  const emails = new Set<string>();
  return Array.from({ length: count }, () => {
    const firstName = faker.person.firstName();
    const lastName = faker.person.lastName();
    return {
      id: random.uuid(),
      name: `${firstName} ${lastName}`,
      email: uniqueName(emails, `${emailWord(firstName)}.${emailWord(lastName)}`, (base, suffix) => `${base}${suffix}`) + "@sales.example.com",
      createdAt: isoTimestamp(reference - random.between(60, 3650) * day),
    };
  });
}

function generatePartners(random: SeededRandom, count: number, reference: number): PartnerRow[] {
  const names = new Set<string>();
  return Array.from({ length: count }, () => {
    const kind = random.chance(0.6) ? PartnerKind.RESELLER : PartnerKind.SERVICE_PARTNER;
    const trade = kind === PartnerKind.RESELLER ? "Distribution" : "Services";
    return {
      id: random.uuid(),
      name: uniqueName(names, `${random.faker.company.name()} ${trade}`, (base, suffix) => `${base} ${suffix}`),
      kind,
      createdAt: isoTimestamp(reference - random.between(180, 4000) * day),
    };
  });
}

/** Mostly modest list prices with a long tail of expensive items, ending in .99 like a real price list. */
function generateProducts(random: SeededRandom): Product[] {
  return Array.from({ length: productCount }, () => {
    const price = Math.min(20_000, Math.max(1, random.logNormal(35, 1.1)));
    return { name: random.faker.commerce.productName(), listPriceDollars: Math.max(0.99, Math.round(price) - 0.01) };
  });
}
