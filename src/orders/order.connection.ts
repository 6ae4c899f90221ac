import { ConnectionType } from "../shared/pagination/connection";
import { Order } from "./order.entity";
import { orderSortKeys } from "./order.service";

export const OrderConnection = ConnectionType(Order, "Order");
export type OrderConnection = InstanceType<typeof OrderConnection>;
export type OrderEdge = InstanceType<typeof OrderConnection.Edge>;

/** The order's edge in its account's orders (and in `orders`) in their default order (newest first), its cursor as those lists give it. */
export function orderEdgeOf(order: Order): OrderEdge {
  return new OrderConnection.Edge(order, orderSortKeys(null));
}
