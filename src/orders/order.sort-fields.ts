import { SortField } from "../shared/pagination/sort-order";
import { Order } from "./order.entity";
import { OrderSortField } from "./order.inputs";

export const orderSortFields: Record<OrderSortField, SortField<Order>> = {
  [OrderSortField.PLACED_AT]: { expression: "{alias}.placed_at", kind: "timestamp", valueOf: (order) => order.placedAt.toISOString() },
  [OrderSortField.TOTAL]: { expression: "{alias}.total_minor", kind: "bigint", valueOf: (order) => order.totalMinor },
};
