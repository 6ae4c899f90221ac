import { SortField } from "../shared/pagination/sort-order";
import { Order } from "./order.entity";
import { OrderOrderField } from "./order.inputs";

export const orderSortFields: Record<OrderOrderField, SortField<Order>> = {
  [OrderOrderField.PLACED_AT]: { expression: "{alias}.placed_at", kind: "timestamp", valueOf: (order) => order.placedAt.toISOString() },
  [OrderOrderField.TOTAL]: { expression: "{alias}.total_minor", kind: "bigint", valueOf: (order) => order.totalMinor },
};
