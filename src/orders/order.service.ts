import { reassessAccounts } from "../policies/reassessment";
import { RuleSet } from "../policies/rule-set";
import { DataSource } from "typeorm";
import { Account } from "../accounts/account.entity";
import { NotFoundError } from "../shared/errors";
import { decodeGlobalId } from "../shared/global-id";
import { Page } from "../shared/pagination/connection";
import { OrderDirection, PageArguments, toPageRequest } from "../shared/pagination/page-arguments";
import { fetchPage, fetchPagePerParent } from "../shared/pagination/page-query";
import { OrderByInput, toSortKeys } from "../shared/pagination/sort-order";
import { OrderLine } from "./order-line.entity";
import { Order, OrderStatus } from "./order.entity";
import { applyOrderFilter, orderSortFields } from "./order.filters";
import { OrderFilter, OrderOrderField, PlaceOrderInput } from "./order.inputs";
import { checkPlacedAt, checkStatusTransition, priceLines } from "./order.rules";

export interface OrderListArguments {
  filter?: OrderFilter | null;
  orderBy?: ReadonlyArray<OrderByInput<OrderOrderField>> | null;
  page: PageArguments;
}

const newestFirst: OrderByInput<OrderOrderField>[] = [{ field: OrderOrderField.PLACED_AT, direction: OrderDirection.DESC }];

function orderKeys(orderBy: OrderListArguments["orderBy"]) {
  return toSortKeys(orderBy?.length ? orderBy : newestFirst, orderSortFields);
}

export function findOrders(dataSource: DataSource, list: OrderListArguments): Promise<Page<Order>> {
  const page = toPageRequest(list.page);
  const keys = orderKeys(list.orderBy);
  const filtered = () => applyOrderFilter(dataSource.getRepository(Order).createQueryBuilder("order_row"), list.filter);
  filtered(); // Checks the filter before any statement runs.
  return fetchPage(filtered, keys, page);
}

/** The first page of orders of each account, in one statement (limit per account, not overall). */
export function findOrderPagesOfAccounts(dataSource: DataSource, accountIds: ReadonlyArray<string>, list: OrderListArguments): Promise<Page<Order>[]> {
  const page = toPageRequest(list.page);
  const keys = orderKeys(list.orderBy);
  const filtered = (alias: string) => applyOrderFilter(dataSource.getRepository(Order).createQueryBuilder(alias), list.filter);
  return fetchPagePerParent({
    filtered,
    parentColumn: "account_id",
    parentProperty: "accountId",
    parentIds: accountIds,
    keys,
    page,
  });
}

export function findLinesOfOrders(dataSource: DataSource, orderIds: ReadonlyArray<string>): Promise<OrderLine[]> {
  return dataSource
    .getRepository(OrderLine)
    .createQueryBuilder("line")
    .where("line.order_id = ANY(:orderIds)", { orderIds })
    .orderBy("line.order_id")
    .addOrderBy("line.position")
    .getMany();
}

export async function placeOrder(dataSource: DataSource, ruleSet: RuleSet, input: PlaceOrderInput): Promise<Order> {
  const accountId = decodeGlobalId(input.accountId, "Account", "input.accountId");
  const priced = priceLines(input);
  const placedAt = checkPlacedAt(input.placedAt, new Date());
  return dataSource.transaction(async (manager) => {
    // A share lock keeps the account from changing (or vanishing) until the order is in.
    const account = await manager.getRepository(Account).findOne({ where: { id: accountId }, lock: { mode: "pessimistic_read" } });
    if (!account) throw new NotFoundError("Account", input.accountId, "input.accountId");
    const order = await manager.getRepository(Order).save(
      manager.getRepository(Order).create({
        accountId,
        placedAt,
        status: OrderStatus.PENDING,
        channel: input.channel,
        currency: priced.currency,
        totalMinor: priced.totalMinor,
      }),
    );
    await manager.getRepository(OrderLine).insert(priced.lines.map((line) => ({ ...line, orderId: order.id })));
    await reassessAccounts(manager, [accountId], ruleSet);
    return order;
  });
}

export async function updateOrderStatus(dataSource: DataSource, ruleSet: RuleSet, globalId: string, status: OrderStatus): Promise<Order> {
  const id = decodeGlobalId(globalId, "Order", "id");
  return dataSource.transaction(async (manager) => {
    const repository = manager.getRepository(Order);
    const order = await repository.findOne({ where: { id }, lock: { mode: "pessimistic_write" } });
    if (!order) throw new NotFoundError("Order", globalId, "id");
    checkStatusTransition(order.status, status);
    order.status = status;
    order.updatedAt = new Date();
    const saved = await repository.save(order);
    await reassessAccounts(manager, [order.accountId], ruleSet);
    return saved;
  });
}
