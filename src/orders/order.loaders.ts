import DataLoader from "dataloader";
import { DataScope } from "../access/data-scope";
import { groupBy } from "../shared/collections";
import { entityLoaderById, loadersByArguments } from "../access/scoped-loaders";
import { Page } from "../shared/pagination/connection";
import { OrderLine } from "./order-line.entity";
import { Order } from "./order.entity";
import { findLinesOfOrders, findOrderPagesOfAccounts, OrderListArguments } from "./order.service";

export function createOrderLoaders(scope: DataScope) {
  return {
    orderById: entityLoaderById(scope, Order),
    linesOfOrder: new DataLoader<string, OrderLine[]>(async (orderIds) => {
      const linesByOrder = groupBy(await findLinesOfOrders(scope, orderIds), (line) => line.orderId);
      return orderIds.map((orderId) => linesByOrder.get(orderId) ?? []);
    }),
    orderPagesOfAccount: loadersByArguments(
      (list: OrderListArguments) => new DataLoader<string, Page<Order>>((accountIds) => findOrderPagesOfAccounts(scope, accountIds, list)),
    ),
  };
}

export type OrderLoaders = ReturnType<typeof createOrderLoaders>;
