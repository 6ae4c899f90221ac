import { SortField } from "../shared/pagination/sort-order";
import { Account } from "./account.entity";
import { AccountSortField } from "./account.inputs";

export const accountSortFields: Record<AccountSortField, SortField<Account>> = {
  [AccountSortField.NAME]: { expression: "{alias}.name", kind: "text", valueOf: (account) => account.name },
  [AccountSortField.CUSTOMER_SINCE]: {
    // Prospects have no date yet; 'infinity' sorts them after every customer and keeps the key non-null.
    expression: "coalesce({alias}.customer_since, 'infinity'::date)",
    kind: "date",
    valueOf: (account) => account.customerSince ?? "infinity",
  },
  [AccountSortField.CREATED_AT]: { expression: "{alias}.created_at", kind: "timestamp", valueOf: (account) => account.createdAt.toISOString() },
  [AccountSortField.LOYALTY_POINTS]: { expression: "{alias}.loyalty_points", kind: "integer", valueOf: (account) => account.loyaltyPoints },
};
