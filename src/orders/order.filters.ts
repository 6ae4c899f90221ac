import { SelectQueryBuilder } from "typeorm";
import { decodeGlobalId } from "../shared/global-id";
import { checkRange } from "../shared/ranges";
import { Order } from "./order.entity";
import { OrderFilter } from "./order.inputs";

/** Adds the filter's conditions to a query on orders. */
export function applyOrderFilter(query: SelectQueryBuilder<Order>, filter: OrderFilter | null | undefined): SelectQueryBuilder<Order> {
  if (!filter) return query;
  const alias = query.alias;
  if (filter.status?.length) {
    query.andWhere(`${alias}.status = ANY(:orderStatuses)`, { orderStatuses: filter.status });
  }
  const placedAt = filter.placedAt;
  if (placedAt) {
    checkRange("filter.placedAt", placedAt.from, placedAt.to);
    if (placedAt.from != null) query.andWhere(`${alias}.placed_at >= :placedFrom`, { placedFrom: placedAt.from });
    if (placedAt.to != null) query.andWhere(`${alias}.placed_at < :placedTo`, { placedTo: placedAt.to });
  }
  const total = filter.total;
  if (total) {
    checkRange("filter.total", total.min, total.max);
    if (total.min != null) query.andWhere(`${alias}.total_minor >= :totalMin`, { totalMin: total.min });
    if (total.max != null) query.andWhere(`${alias}.total_minor <= :totalMax`, { totalMax: total.max });
  }
  if (filter.currency != null) {
    query.andWhere(`${alias}.currency = :orderCurrency`, { orderCurrency: filter.currency });
  }
  if (filter.accountId != null) {
    const accountId = decodeGlobalId(filter.accountId, "Account", "filter.accountId");
    query.andWhere(`${alias}.account_id = :orderAccountId`, { orderAccountId: accountId });
  }
  return query;
}
