import { AccountKind, AccountStatus } from "../accounts/account.entity";
import { AccountProfile } from "./account-profile";
import { AccountRow } from "./customer-graph-tables";
import { OrderHistory } from "./order-generator";
import { SeededRandom, WeightedChoice } from "./seeded-random";
import { addYears, day, isoDate, isoTimestamp, startOfUtcDay } from "./seed-time";

interface Contract {
  startsOn: number;
  endsOn: number | null;
  autoRenew: boolean;
}

const contractYears = new WeightedChoice<number>([
  [1, 50],
  [2, 30],
  [3, 20],
]);
const largestLoyaltyPoints = 2_000_000_000;

/** The account row, written last because its loyalty points come from the revenue of its orders. */
export function accountRow(random: SeededRandom, profile: AccountProfile, history: OrderHistory, reference: number): AccountRow {
  const contract = drawContract(random, profile, reference);
  return {
    id: profile.id,
    name: profile.name,
    kind: profile.kind,
    industry: profile.industry,
    region: profile.region.region,
    employees: profile.employees,
    status: profile.status,
    customerSince: profile.customerSince === null ? null : isoDate(profile.customerSince),
    accountManagerId: profile.accountManagerId,
    partnerId: profile.partnerId,
    contractStartsOn: contract === null ? null : isoDate(contract.startsOn),
    contractEndsOn: contract?.endsOn == null ? null : isoDate(contract.endsOn),
    contractAutoRenew: contract?.autoRenew ?? false,
    loyaltyPoints: drawLoyaltyPoints(random, profile, history),
    createdAt: isoTimestamp(profile.createdAt),
    updatedAt: isoTimestamp(random.between(profile.createdAt, reference)),
  };
}

/**
 * Contracts run in terms of one to three years from the first order. Auto-renewing ones are in their
 * current term (so some end within the next 90 days); others sometimes lapsed; churned ones ended at the churn.
 */
function drawContract(random: SeededRandom, profile: AccountProfile, reference: number): Contract | null {
  if (profile.customerSince === null) {
    // A prospect that has signed: the contract starts within the next two months.
    if (!random.chance(0.25)) return null;
    const startsOn = startOfUtcDay(reference + random.between(7, 60) * day);
    return { startsOn, endsOn: addYears(startsOn, 1) - day, autoRenew: random.chance(0.5) };
  }
  if (!random.chance(profile.kind === AccountKind.ORGANIZATION ? 0.7 : 0.1)) return null;
  const years = contractYears.draw(random);
  if (random.chance(0.08)) return { startsOn: profile.customerSince, endsOn: null, autoRenew: false };
  const autoRenew = profile.status === AccountStatus.ACTIVE && random.chance(0.55);
  const until = profile.status === AccountStatus.CHURNED ? profile.ordersUntil : reference;
  let startsOn = profile.customerSince;
  while (addYears(startsOn, years) <= until) startsOn = addYears(startsOn, years);
  if (profile.status === AccountStatus.CHURNED) {
    return { startsOn, endsOn: Math.max(startsOn, startOfUtcDay(profile.ordersUntil)), autoRenew: false };
  }
  // Out of contract: the last term ended and nobody renewed it.
  const lapsed = !autoRenew && startsOn > profile.customerSince && random.chance(0.3);
  if (lapsed) startsOn = addYears(startsOn, -years);
  return { startsOn, endsOn: addYears(startsOn, years) - day, autoRenew };
}

/** A point per ten dollars kept, less what was redeemed; churned accounts often let theirs expire. */
function drawLoyaltyPoints(random: SeededRandom, profile: AccountProfile, history: OrderHistory): number {
  if (history.revenueDollars === 0 || !random.chance(0.6)) return 0;
  if (profile.status === AccountStatus.CHURNED && random.chance(0.5)) return 0;
  const earned = history.revenueDollars / 10;
  return Math.min(largestLoyaltyPoints, Math.floor(earned * (1 - random.between(0, 0.7))));
}
