import { parseDecimalAmount } from "../shared/money";
import { OrderStatus } from "./order.entity";
import { OrderError, OrderErrorReason } from "./order.errors";
import { OrderFields } from "./order.inputs";

/** The order lifecycle: paid orders ship, shipped orders arrive or come back; cancelled and returned are final. */
const legalTransitions: Record<OrderStatus, OrderStatus[]> = {
  [OrderStatus.PENDING]: [OrderStatus.PAID, OrderStatus.CANCELLED],
  [OrderStatus.PAID]: [OrderStatus.SHIPPED, OrderStatus.CANCELLED],
  [OrderStatus.SHIPPED]: [OrderStatus.DELIVERED, OrderStatus.RETURNED],
  [OrderStatus.DELIVERED]: [OrderStatus.RETURNED],
  [OrderStatus.CANCELLED]: [],
  [OrderStatus.RETURNED]: [],
};

export function checkStatusTransition(from: OrderStatus, to: OrderStatus): void {
  if (!legalTransitions[from].includes(to)) {
    const allowed = legalTransitions[from].map((status) => status.toUpperCase()).join(", ") || "none";
    throw new OrderError(
      OrderErrorReason.ILLEGAL_STATUS_TRANSITION,
      `An order cannot go from ${from.toUpperCase()} to ${to.toUpperCase()} (allowed: ${allowed})`,
      "status",
    );
  }
}

export interface PricedLine {
  position: number;
  product: string;
  quantity: number;
  unitPriceMinor: number;
}

/** Prices the lines in minor units, exactly; all lines share one currency. */
export function priceLines(input: Pick<OrderFields, "lines">): { currency: string; lines: PricedLine[]; totalMinor: number } {
  const currency = input.lines[0].unitPrice.currency;
  const lines = input.lines.map((line, index) => {
    const field = `input.lines[${index}].unitPrice`;
    if (line.unitPrice.currency !== currency) {
      throw new OrderError(
        OrderErrorReason.MIXED_CURRENCIES,
        `${field}.currency: ${line.unitPrice.currency} differs from the first line's ${currency}; an order has one currency`,
        `${field}.currency`,
      );
    }
    const unitPriceMinor = parseDecimalAmount(line.unitPrice.amount, currency, `${field}.amount`);
    return { position: index + 1, product: line.product.trim(), quantity: line.quantity, unitPriceMinor };
  });
  const totalMinor = lines.reduce((sum, line) => sum + line.unitPriceMinor * line.quantity, 0);
  if (!Number.isSafeInteger(totalMinor)) {
    throw new OrderError(OrderErrorReason.TOTAL_TOO_LARGE, "input.lines: the order total is too large", "input.lines");
  }
  return { currency, lines, totalMinor };
}

export function checkPlacedAt(placedAt: Date | null | undefined, now: Date): Date {
  if (placedAt && placedAt.getTime() > now.getTime()) {
    throw new OrderError(OrderErrorReason.PLACED_IN_FUTURE, "input.placedAt: an order cannot be placed in the future", "input.placedAt");
  }
  return placedAt ?? now;
}

/**
 * An upsert may move a stored order along several legal steps at once (a shop's PENDING order is
 * DELIVERED by the next sync); a status no path of legal steps reaches is a CONFLICT.
 */
export function checkStatusReachable(from: OrderStatus, to: OrderStatus): void {
  const reached = new Set<OrderStatus>([from]);
  for (const status of reached) legalTransitions[status].forEach((next) => reached.add(next));
  if (!reached.has(to)) {
    throw new OrderError(
      OrderErrorReason.ILLEGAL_STATUS_TRANSITION,
      `input.status: an order cannot go from ${from.toUpperCase()} to ${to.toUpperCase()} by any legal steps`,
      "input.status",
    );
  }
}
