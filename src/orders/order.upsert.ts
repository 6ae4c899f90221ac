import { EntityManager } from "typeorm";
import { DataScope } from "../access/data-scope";
import { asExternalIdConflict, findByExternalIds, lockExternalIds } from "../access/external-ids";
import { AccountPolicies } from "../accounts/account-policies";
import { AccountReferenceInput, lockReferencedAccounts } from "../accounts/account.references";
import { checkEachItem, checkSameAccount, refuseRepeatedExternalIds, UpsertedItem, UpsertOutcome } from "../shared/bulk-upsert";
import { OrderLine } from "./order-line.entity";
import { Order, OrderStatus } from "./order.entity";
import { OrderFields } from "./order.inputs";
import { checkPlacedAt, checkStatusReachable, PricedLine, priceLines } from "./order.rules";

/** An order as an upsert gives it: a new order's fields, its account, its status, and its id in the caller's system. */
export interface OrderUpsertFields extends OrderFields, AccountReferenceInput {
  externalId: string;
  status?: OrderStatus | null;
}

type OrderColumns = Pick<Order, "accountId" | "placedAt" | "status" | "channel" | "currency" | "totalMinor">;

interface PlannedOrder {
  columns: OrderColumns;
  lines: PricedLine[];
}

/**
 * Creates or updates each item's order (lines included) by its external id, in one transaction: one refused
 * item refuses them all. A stored order's lines are replaced when they differ; its status may move along
 * legal steps only. Every account with a created or updated order is re-evaluated once, after the writes.
 */
export async function upsertOrders(scope: DataScope, policies: AccountPolicies, items: readonly OrderUpsertFields[]): Promise<UpsertedItem[]> {
  refuseRepeatedExternalIds(items);
  const externalIds = items.map((item) => item.externalId.trim());
  const now = new Date();
  try {
    return await scope.transaction(async (manager) => {
      await lockExternalIds(manager, "orders", scope, externalIds);
      const accountOf = await lockReferencedAccounts(scope, manager, items);
      const stored = await findByExternalIds(scope, manager, Order, externalIds);
      const storedLines = await linesOf(manager, [...stored.values()]);
      const written = await checkEachItem(items, async (item, index) => {
        const planned = planOrder(item, accountOf(item), stored.get(externalIds[index]), now);
        const key = { externalId: externalIds[index], externalIdOwner: scope.partnerId };
        return { index, accountId: planned.columns.accountId, ...(await writeOrder(manager, planned, stored.get(externalIds[index]), storedLines, key)) };
      });
      const touched = written.filter((item) => item.outcome !== UpsertOutcome.UNCHANGED).map((item) => item.accountId);
      await policies.reassess(manager, [...new Set(touched)]);
      return written.map(({ index, outcome, id }) => ({ index, outcome, id }));
    });
  } catch (error) {
    throw asExternalIdConflict(error);
  }
}

function planOrder(item: OrderUpsertFields, accountId: string, stored: Order | undefined, now: Date): PlannedOrder {
  const priced = priceLines(item);
  const placedAt = item.placedAt == null && stored !== undefined ? stored.placedAt : checkPlacedAt(item.placedAt, now);
  if (stored !== undefined) checkSameAccount("order", stored.accountId, accountId);
  const status = item.status ?? stored?.status ?? OrderStatus.PENDING;
  if (stored !== undefined && status !== stored.status) checkStatusReachable(stored.status, status);
  const columns = { accountId, placedAt, status, channel: item.channel, currency: priced.currency, totalMinor: priced.totalMinor };
  return { columns, lines: priced.lines };
}

async function writeOrder(
  manager: EntityManager,
  planned: PlannedOrder,
  stored: Order | undefined,
  storedLines: Map<string, PricedLine[]>,
  key: Pick<Order, "externalId" | "externalIdOwner">,
): Promise<Omit<UpsertedItem, "index">> {
  const { columns, lines } = planned;
  if (stored === undefined) {
    const { identifiers } = await manager.getRepository(Order).insert({ ...columns, ...key });
    const id = identifiers[0].id as string;
    await manager.getRepository(OrderLine).insert(lines.map((line) => ({ ...line, orderId: id })));
    return { outcome: UpsertOutcome.CREATED, id };
  }
  const sameLines = sameLinesAs(storedLines.get(stored.id) ?? [], lines);
  if (sameLines && sameOrderColumns(stored, columns)) return { outcome: UpsertOutcome.UNCHANGED, id: stored.id };
  await manager.getRepository(Order).update({ id: stored.id }, { ...columns, updatedAt: new Date() });
  if (!sameLines) {
    await manager.getRepository(OrderLine).delete({ orderId: stored.id });
    await manager.getRepository(OrderLine).insert(lines.map((line) => ({ ...line, orderId: stored.id })));
  }
  return { outcome: UpsertOutcome.UPDATED, id: stored.id };
}

function sameOrderColumns(stored: Order, columns: OrderColumns): boolean {
  return (
    stored.placedAt.getTime() === columns.placedAt.getTime() &&
    stored.status === columns.status &&
    stored.channel === columns.channel &&
    stored.currency === columns.currency &&
    Number(stored.totalMinor) === columns.totalMinor
  );
}

function sameLinesAs(stored: PricedLine[], given: PricedLine[]): boolean {
  return (
    stored.length === given.length &&
    stored.every(
      (line, position) =>
        line.product === given[position].product &&
        line.quantity === given[position].quantity &&
        Number(line.unitPriceMinor) === given[position].unitPriceMinor,
    )
  );
}

/** The stored orders' lines, in one statement, by order id and in their positions. */
async function linesOf(manager: EntityManager, orders: Order[]): Promise<Map<string, PricedLine[]>> {
  const byOrder = new Map<string, PricedLine[]>();
  if (orders.length === 0) return byOrder;
  const lines = await manager
    .getRepository(OrderLine)
    .createQueryBuilder("line")
    .where("line.order_id = ANY(:ids)", { ids: orders.map((order) => order.id) })
    .orderBy("line.order_id")
    .addOrderBy("line.position")
    .getMany();
  for (const line of lines) byOrder.set(line.orderId, [...(byOrder.get(line.orderId) ?? []), line]);
  return byOrder;
}
