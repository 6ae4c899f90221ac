import { AccountKind, AccountStatus } from "../accounts/account.entity";
import { ReferenceData } from "./reference-data";
import { regionChoice, RegionSetting } from "./region-settings";
import { SeededRandom, WeightedChoice } from "./seeded-random";
import { day, startOfUtcDay, year } from "./seed-time";

/**
 * An account's life story, decided before any of its rows: the other generators read it so that
 * orders, tickets, the contract and loyalty points tell the same story.
 */
export interface AccountProfile {
  id: string;
  kind: AccountKind;
  name: string;
  /** The person a consumer account belongs to, who is also its primary contact. */
  holder: { firstName: string; lastName: string } | null;
  industry: string;
  employees: number | null;
  region: RegionSetting;
  /** Relative spend, lognormal around 1: it drives how often and how much the account buys (the 80/20 skew). */
  value: number;
  status: AccountStatus;
  createdAt: number;
  /** Midnight UTC of the day of the first order; null for prospects. */
  customerSince: number | null;
  /** The last moment the account orders: the reference date, or earlier for silent and churned accounts. */
  ordersUntil: number;
  /** An active account that stopped ordering 6 to 12 months ago. */
  silent: boolean;
  /** An active account with a run of complaints in the last 90 days. */
  complaintRun: boolean;
  accountManagerId: string | null;
  partnerId: string | null;
  /** Bigger accounts negotiate lower unit prices. */
  discount: number;
}

/** The spread of account value; 1.3 puts roughly two thirds of the revenue in the top fifth. */
const valueSpread = 1.3;

const industryChoice = new WeightedChoice<string>([
  ["Retail", 14],
  ["Manufacturing", 13],
  ["Software", 10],
  ["Healthcare", 9],
  ["Financial services", 8],
  ["Professional services", 8],
  ["Logistics", 7],
  ["Construction", 6],
  ["Hospitality", 6],
  ["Education", 5],
  ["Energy", 4],
  ["Telecommunications", 4],
  ["Media", 3],
  ["Public sector", 3],
]);

export function drawAccountProfile(random: SeededRandom, referenceData: ReferenceData, reference: number): AccountProfile {
  const id = random.uuid();
  const kind = random.chance(0.85) ? AccountKind.ORGANIZATION : AccountKind.CONSUMER;
  const region = regionChoice.draw(random);
  const valueScore = random.normal();
  const value = Math.exp(valueSpread * valueScore);
  const organization = kind === AccountKind.ORGANIZATION;
  const holder = organization ? null : { firstName: random.faker.person.firstName(), lastName: random.faker.person.lastName() };
  const name = holder === null ? random.faker.company.name() : `${holder.firstName} ${holder.lastName}`;
  const industry = organization ? industryChoice.draw(random) : "Consumer";
  const employees = organization && random.chance(0.95) ? drawEmployees(random, valueScore) : null;
  const timeline = drawTimeline(random, value, reference);
  return {
    id,
    kind,
    name,
    holder,
    industry,
    employees,
    region,
    value,
    ...timeline,
    accountManagerId: drawAccountManager(random, referenceData, organization, value),
    partnerId: random.chance(0.25) ? drawPartner(random, referenceData) : null,
    discount: Math.min(0.25, 0.04 * Math.log2(1 + value) + random.between(0, 0.03)),
  };
}

/** Headcount grows with value, with plenty of noise: small firms sometimes buy big. */
function drawEmployees(random: SeededRandom, valueScore: number): number {
  return Math.min(400_000, Math.max(1, Math.round(Math.exp(3.4 + 0.8 * valueScore + 1.0 * random.normal()))));
}

type Timeline = Pick<AccountProfile, "status" | "createdAt" | "customerSince" | "ordersUntil" | "silent" | "complaintRun">;

/** About 8% prospects, 12% churned (more among small accounts), the rest active; some active ones silent or complaining. */
function drawTimeline(random: SeededRandom, value: number, reference: number): Timeline {
  const draw = random.fraction();
  const churnShare = value < 1 ? 0.15 : 0.09;
  if (draw < 0.08) {
    const createdAt = reference - random.between(1, 720) * day;
    return { status: AccountStatus.PROSPECT, createdAt, customerSince: null, ordersUntil: reference, silent: false, complaintRun: false };
  }
  if (draw < 0.08 + churnShare) {
    // Orders stop at the churn, at least six months before the reference date.
    const tenureYears = random.between(1.5, 9);
    const customerSince = startOfUtcDay(reference - tenureYears * year);
    const churnedAt = reference - random.between(0.5, Math.min(4, tenureYears - 0.5)) * year;
    return { status: AccountStatus.CHURNED, ...customerDates(random, customerSince), ordersUntil: churnedAt, silent: false, complaintRun: false };
  }
  const silent = random.chance(0.09);
  // Skewed towards recent customers, up to ten years back; silent ones are old enough to have gone quiet.
  const tenureYears = silent ? random.between(1.5, 8) : 0.05 + 9.95 * Math.pow(random.fraction(), 1.7);
  const customerSince = startOfUtcDay(reference - tenureYears * year);
  const ordersUntil = silent ? reference - random.between(190, 365) * day : reference;
  const complaintRun = !silent && random.chance(0.06);
  return { status: AccountStatus.ACTIVE, ...customerDates(random, customerSince), ordersUntil, silent, complaintRun };
}

/** The account was entered as a prospect one week to six months before its first order. */
function customerDates(random: SeededRandom, customerSince: number): Pick<AccountProfile, "createdAt" | "customerSince"> {
  return { customerSince, createdAt: customerSince - random.between(7, 180) * day };
}

/** Most organisations have a manager, valuable ones always; few consumers do. */
function drawAccountManager(random: SeededRandom, referenceData: ReferenceData, organization: boolean, value: number): string | null {
  const managed = organization ? value > 3 || random.chance(0.85) : random.chance(0.05);
  return managed ? random.pick(referenceData.accountManagers).id : null;
}

/** Partners differ in size: squaring the draw gives the first partners the most accounts. */
function drawPartner(random: SeededRandom, referenceData: ReferenceData): string {
  const partners = referenceData.partners;
  return partners[Math.floor(Math.pow(random.fraction(), 2) * partners.length)].id;
}
