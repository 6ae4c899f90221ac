import { AccountPolicies } from "../accounts/account-policies";
import { DataScope } from "../access/data-scope";
import { lockAccountForReassessment } from "../accounts/account.lock";
import { NotFoundError } from "../shared/errors";
import { decodeGlobalId } from "../shared/global-id";
import { Page } from "../shared/pagination/connection";
import { SortDirection, PageArguments, toPageRequest } from "../shared/pagination/page-arguments";
import { fetchPage, fetchPagePerParent, FilteredQuery, ListQuery } from "../access/scoped-page-query";
import { OrderByInput, SortKey, toSortKeys } from "../shared/pagination/sort-order";
import { OrderLine } from "./order-line.entity";
import { Order, OrderStatus } from "./order.entity";
import { applyOrderFilter } from "./order.filters";
import { orderSortFields } from "./order.sort-fields";
import { OrderFilter, OrderSortField, PlaceOrderInput } from "./order.inputs";
import { checkPlacedAt, checkStatusTransition, priceLines } from "./order.rules";

export interface OrderListArguments {
  filter?: OrderFilter | null;
  orderBy?: ReadonlyArray<OrderByInput<OrderSortField>> | null;
  page: PageArguments;
}

const newestFirst: OrderByInput<OrderSortField>[] = [{ field: OrderSortField.PLACED_AT, direction: SortDirection.DESC }];

/** Orders as a client lists them (default newest first); arguments are checked here, before any SQL. */
export function orderListQuery(scope: DataScope, list: OrderListArguments): ListQuery<Order> {
  return { filtered: filteredOrders(scope, list), keys: orderSortKeys(list.orderBy), page: toPageRequest(list.page) };
}

/** The sort keys of an order list: the client's orderBy, or newest first; ties broken by id. */
export function orderSortKeys(orderBy: OrderListArguments["orderBy"]): SortKey<Order>[] {
  return toSortKeys(orderBy?.length ? orderBy : newestFirst, orderSortFields);
}

export function findOrders(scope: DataScope, list: OrderListArguments): Promise<Page<Order>> {
  const { filtered, keys, page } = orderListQuery(scope, list);
  return fetchPage(scope, filtered, keys, page);
}

function filteredOrders(scope: DataScope, list: OrderListArguments): FilteredQuery<Order> {
  return (manager, alias) => applyOrderFilter(scope.select(manager, Order, alias), list.filter);
}

/** The first page of orders of each account, in one statement (limit per account, not overall). */
export async function findOrderPagesOfAccounts(scope: DataScope, accountIds: ReadonlyArray<string>, list: OrderListArguments): Promise<Page<Order>[]> {
  const { filtered, keys, page } = orderListQuery(scope, list);
  return fetchPagePerParent({
    scope,
    filtered,
    parentColumn: "account_id",
    parentProperty: "accountId",
    parentIds: accountIds,
    keys,
    page,
  });
}

export function findLinesOfOrders(scope: DataScope, orderIds: ReadonlyArray<string>): Promise<OrderLine[]> {
  return scope.read((manager) =>
    scope
      .select(manager, OrderLine, "line")
      .andWhere("line.order_id = ANY(:orderIds)", { orderIds })
      .orderBy("line.order_id")
      .addOrderBy("line.position")
      .getMany(),
  );
}

export async function placeOrder(scope: DataScope, policies: AccountPolicies, input: PlaceOrderInput): Promise<Order> {
  const accountId = decodeGlobalId(input.accountId, "Account", "input.accountId");
  const priced = priceLines(input);
  const placedAt = checkPlacedAt(input.placedAt, new Date());
  return scope.transaction(async (manager) => {
    const account = await lockAccountForReassessment(scope, manager, accountId);
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
    await policies.reassess(manager, [accountId]);
    return order;
  });
}

export async function updateOrderStatus(scope: DataScope, policies: AccountPolicies, globalId: string, status: OrderStatus): Promise<Order> {
  const id = decodeGlobalId(globalId, "Order", "id");
  return scope.transaction(async (manager) => {
    const repository = manager.getRepository(Order);
    const placed = await scope
      .select(manager, Order, "order_row")
      .select(["order_row.id", "order_row.accountId"])
      .andWhere("order_row.id = :id", { id })
      .getOne();
    if (!placed) throw new NotFoundError("Order", globalId, "id");
    // The account before the order, as every reassessing write takes them (an order never changes account).
    await lockAccountForReassessment(scope, manager, placed.accountId);
    const order = await scope.select(manager, Order, "order_row").andWhere("order_row.id = :id", { id }).setLock("pessimistic_write").getOne();
    if (!order) throw new NotFoundError("Order", globalId, "id");
    checkStatusTransition(order.status, status);
    order.status = status;
    order.updatedAt = new Date();
    const saved = await repository.save(order);
    await policies.reassess(manager, [order.accountId]);
    return saved;
  });
}
