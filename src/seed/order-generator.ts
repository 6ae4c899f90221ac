import { AccountKind, AccountStatus } from "../accounts/account.entity";
import { OrderChannel, OrderStatus } from "../orders/order.entity";
import { AccountProfile } from "./account-profile";
import { OrderLineRow, OrderRow } from "./customer-graph-tables";
import { Product } from "./reference-data";
import { SeededRandom, WeightedChoice } from "./seeded-random";
import { day, hour, isoTimestamp, year } from "./seed-time";
import { TableBatch } from "./table-batch";

/** What the account row needs from its orders. */
export interface OrderHistory {
  orderCount: number;
  /** Kept revenue (not cancelled or returned), in dollars, for loyalty points. */
  revenueDollars: number;
}

export interface OrderTables {
  orders: TableBatch<OrderRow>;
  orderLines: TableBatch<OrderLineRow>;
}

/** Orders a year at value 1; calibrated so that accounts average about twenty orders in all. */
const ordersPerYear = 4.9;
const largestOrderCount = 2_000;
/** A typical order in dollars, before the account's value scales it. */
const typicalOrderDollars = { [AccountKind.ORGANIZATION]: 450, [AccountKind.CONSUMER]: 70 };

const organizationChannels = new WeightedChoice<OrderChannel>([
  [OrderChannel.WEB, 35],
  [OrderChannel.SALES_REP, 30],
  [OrderChannel.EMAIL, 15],
  [OrderChannel.PHONE, 10],
  [OrderChannel.STORE, 5],
  [OrderChannel.PARTNER, 5],
]);
const consumerChannels = new WeightedChoice<OrderChannel>([
  [OrderChannel.WEB, 60],
  [OrderChannel.STORE, 25],
  [OrderChannel.PHONE, 10],
  [OrderChannel.EMAIL, 5],
]);

/**
 * The account's orders from its first day as a customer to `ordersUntil`: how many grows with value and
 * tenure, how big grows with value; the first one falls on `customerSince`.
 */
export function generateOrders(
  random: SeededRandom,
  profile: AccountProfile,
  products: readonly Product[],
  reference: number,
  tables: OrderTables,
): OrderHistory {
  if (profile.customerSince === null) return { orderCount: 0, revenueDollars: 0 };
  const start = profile.customerSince;
  const span = Math.max(0, profile.ordersUntil - start);
  const kindFactor = profile.kind === AccountKind.CONSUMER ? 0.5 : 1;
  const expected = ordersPerYear * Math.pow(profile.value, 0.55) * kindFactor * (span / year);
  // An active account (unless silent) has ordered within the last five months: that is what active means.
  const recentFrom = profile.status === AccountStatus.ACTIVE && !profile.silent ? Math.max(start, reference - 150 * day) : null;
  const fewest = recentFrom !== null && recentFrom > start ? 2 : 1;
  const orderCount = Math.min(largestOrderCount, Math.max(fewest, random.count(expected)));
  let revenueDollars = 0;
  for (let index = 0; index < orderCount; index += 1) {
    const placedAt = Math.floor(
      index === 0
        ? start + random.between(8, 18) * hour // the first order makes the account a customer, on its customer_since day
        : index === 1 && recentFrom !== null
          ? random.between(recentFrom, profile.ordersUntil)
          : start + random.fraction() * span,
    );
    revenueDollars += generateOrder(random, profile, products, Math.min(placedAt, reference), reference, tables);
  }
  return { orderCount, revenueDollars };
}

function generateOrder(
  random: SeededRandom,
  profile: AccountProfile,
  products: readonly Product[],
  placedAt: number,
  reference: number,
  tables: OrderTables,
): number {
  const id = random.uuid();
  const { status, updatedAt } = drawOrderStatus(random, placedAt, reference, profile.complaintRun);
  const targetDollars = typicalOrderDollars[profile.kind] * Math.pow(profile.value, 0.45) * random.logNormal(1, 0.6);
  const lineCount = random.integerBetween(1, 4);
  let totalMinor = 0;
  for (let position = 1; position <= lineCount; position += 1) {
    const product = random.pick(products);
    const quantity = drawQuantity(random, profile.kind, targetDollars / lineCount / product.listPriceDollars);
    const unitPriceMinor = Math.round(product.listPriceDollars * (1 - profile.discount) * profile.region.minorUnitsPerDollar);
    totalMinor += quantity * unitPriceMinor;
    tables.orderLines.add({ orderId: id, position, product: product.name, quantity, unitPriceMinor });
  }
  const channel = profile.partnerId !== null && random.chance(0.6) ? OrderChannel.PARTNER : channelChoice(profile.kind).draw(random);
  tables.orders.add({
    id,
    accountId: profile.id,
    placedAt: isoTimestamp(placedAt),
    status,
    channel,
    currency: profile.region.currency,
    totalMinor,
    createdAt: isoTimestamp(placedAt),
    updatedAt: isoTimestamp(updatedAt),
  });
  const kept = status !== OrderStatus.CANCELLED && status !== OrderStatus.RETURNED;
  return kept ? totalMinor / profile.region.minorUnitsPerDollar : 0;
}

function channelChoice(kind: AccountKind): WeightedChoice<OrderChannel> {
  return kind === AccountKind.CONSUMER ? consumerChannels : organizationChannels;
}

/** Enough units to reach the order's size; consumers buy a handful at most. */
function drawQuantity(random: SeededRandom, kind: AccountKind, wantedUnits: number): number {
  const noisy = Math.round(wantedUnits * random.logNormal(1, 0.3));
  const most = kind === AccountKind.CONSUMER ? 5 : 1_000_000;
  return Math.min(most, Math.max(1, noisy));
}

/**
 * Status follows age: today's orders are pending or paid, this week's shipped, older ones delivered;
 * a few are cancelled or returned (more of them at accounts that complain).
 */
function drawOrderStatus(random: SeededRandom, placedAt: number, reference: number, complaining: boolean): { status: OrderStatus; updatedAt: number } {
  const age = reference - placedAt;
  const draw = random.fraction();
  const troubled = complaining && age < 120 * day ? 3 : 1;
  let status: OrderStatus;
  if (draw < 0.03 * troubled) status = OrderStatus.CANCELLED;
  else if (age > 10 * day && draw < 0.07 * troubled) status = OrderStatus.RETURNED;
  else if (age < 1 * day) status = draw < 0.5 ? OrderStatus.PENDING : OrderStatus.PAID;
  else if (age < 3 * day) status = draw < 0.15 ? OrderStatus.PENDING : draw < 0.45 ? OrderStatus.PAID : OrderStatus.SHIPPED;
  else if (age < 8 * day) status = draw < 0.6 ? OrderStatus.SHIPPED : OrderStatus.DELIVERED;
  else status = OrderStatus.DELIVERED;
  return { status, updatedAt: Math.min(reference, placedAt + lastChangeAfter(random, status)) };
}

/** How long after placing the order its status last changed. */
function lastChangeAfter(random: SeededRandom, status: OrderStatus): number {
  switch (status) {
    case OrderStatus.PENDING:
      return 0;
    case OrderStatus.PAID:
      return random.between(0.1, 12) * hour;
    case OrderStatus.SHIPPED:
      return random.between(1, 3) * day;
    case OrderStatus.DELIVERED:
      return random.between(2, 8) * day;
    case OrderStatus.CANCELLED:
      return random.between(0.5, 48) * hour;
    case OrderStatus.RETURNED:
      return random.between(10, 30) * day;
  }
}
