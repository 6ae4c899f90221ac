import { TableDefinition } from "./table-batch";

/* The seed writes rows as the tables hold them: enumerations as their text values, dates as ISO strings. */

export interface AccountManagerRow {
  id: string;
  name: string;
  email: string;
  createdAt: string;
}

export interface PartnerRow {
  id: string;
  name: string;
  kind: string;
  createdAt: string;
}

export interface AccountRow {
  id: string;
  name: string;
  kind: string;
  industry: string;
  region: string;
  employees: number | null;
  status: string;
  customerSince: string | null;
  accountManagerId: string | null;
  partnerId: string | null;
  contractStartsOn: string | null;
  contractEndsOn: string | null;
  contractAutoRenew: boolean;
  loyaltyPoints: number;
  createdAt: string;
  updatedAt: string;
}

export interface ContactRow {
  id: string;
  accountId: string;
  firstName: string;
  lastName: string;
  role: string;
  email: string | null;
  phone: string | null;
  preferredChannel: string;
  marketingConsent: boolean;
  isPrimary: boolean;
  birthday: string | null;
  inRoleSince: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface OrderRow {
  id: string;
  accountId: string;
  placedAt: string;
  status: string;
  channel: string;
  currency: string;
  totalMinor: number;
  createdAt: string;
  updatedAt: string;
}

export interface OrderLineRow {
  orderId: string;
  position: number;
  product: string;
  quantity: number;
  unitPriceMinor: number;
}

export interface TicketRow {
  id: string;
  accountId: string;
  contactId: string | null;
  subject: string;
  channel: string;
  category: string;
  severity: string;
  status: string;
  openedAt: string;
  firstRespondedAt: string | null;
  resolvedAt: string | null;
  closedAt: string | null;
  satisfaction: number | null;
  updatedAt: string;
  resolutionPausedSince: string | null;
}

export const accountManagersTable: TableDefinition<AccountManagerRow> = {
  table: "account_managers",
  columns: [
    { column: "id", property: "id", type: "uuid" },
    { column: "name", property: "name", type: "text" },
    { column: "email", property: "email", type: "text" },
    { column: "created_at", property: "createdAt", type: "timestamptz" },
  ],
};

export const partnersTable: TableDefinition<PartnerRow> = {
  table: "partners",
  columns: [
    { column: "id", property: "id", type: "uuid" },
    { column: "name", property: "name", type: "text" },
    { column: "kind", property: "kind", type: "text" },
    { column: "created_at", property: "createdAt", type: "timestamptz" },
  ],
};

export const accountsTable: TableDefinition<AccountRow> = {
  table: "accounts",
  columns: [
    { column: "id", property: "id", type: "uuid" },
    { column: "name", property: "name", type: "text" },
    { column: "kind", property: "kind", type: "text" },
    { column: "industry", property: "industry", type: "text" },
    { column: "region", property: "region", type: "text" },
    { column: "employees", property: "employees", type: "integer" },
    { column: "status", property: "status", type: "text" },
    { column: "customer_since", property: "customerSince", type: "date" },
    { column: "account_manager_id", property: "accountManagerId", type: "uuid" },
    { column: "partner_id", property: "partnerId", type: "uuid" },
    { column: "contract_starts_on", property: "contractStartsOn", type: "date" },
    { column: "contract_ends_on", property: "contractEndsOn", type: "date" },
    { column: "contract_auto_renew", property: "contractAutoRenew", type: "boolean" },
    { column: "loyalty_points", property: "loyaltyPoints", type: "integer" },
    { column: "created_at", property: "createdAt", type: "timestamptz" },
    { column: "updated_at", property: "updatedAt", type: "timestamptz" },
  ],
};

export const contactsTable: TableDefinition<ContactRow> = {
  table: "contacts",
  columns: [
    { column: "id", property: "id", type: "uuid" },
    { column: "account_id", property: "accountId", type: "uuid" },
    { column: "first_name", property: "firstName", type: "text" },
    { column: "last_name", property: "lastName", type: "text" },
    { column: "role", property: "role", type: "text" },
    { column: "email", property: "email", type: "text" },
    { column: "phone", property: "phone", type: "text" },
    { column: "preferred_channel", property: "preferredChannel", type: "text" },
    { column: "marketing_consent", property: "marketingConsent", type: "boolean" },
    { column: "is_primary", property: "isPrimary", type: "boolean" },
    { column: "birthday", property: "birthday", type: "date" },
    { column: "in_role_since", property: "inRoleSince", type: "date" },
    { column: "created_at", property: "createdAt", type: "timestamptz" },
    { column: "updated_at", property: "updatedAt", type: "timestamptz" },
  ],
};

export const ordersTable: TableDefinition<OrderRow> = {
  table: "orders",
  columns: [
    { column: "id", property: "id", type: "uuid" },
    { column: "account_id", property: "accountId", type: "uuid" },
    { column: "placed_at", property: "placedAt", type: "timestamptz" },
    { column: "status", property: "status", type: "text" },
    { column: "channel", property: "channel", type: "text" },
    { column: "currency", property: "currency", type: "text" },
    { column: "total_minor", property: "totalMinor", type: "bigint" },
    { column: "created_at", property: "createdAt", type: "timestamptz" },
    { column: "updated_at", property: "updatedAt", type: "timestamptz" },
  ],
};

export const orderLinesTable: TableDefinition<OrderLineRow> = {
  table: "order_lines",
  columns: [
    { column: "order_id", property: "orderId", type: "uuid" },
    { column: "position", property: "position", type: "smallint" },
    { column: "product", property: "product", type: "text" },
    { column: "quantity", property: "quantity", type: "integer" },
    { column: "unit_price_minor", property: "unitPriceMinor", type: "bigint" },
  ],
};

export const ticketsTable: TableDefinition<TicketRow> = {
  table: "tickets",
  columns: [
    { column: "id", property: "id", type: "uuid" },
    { column: "account_id", property: "accountId", type: "uuid" },
    { column: "contact_id", property: "contactId", type: "uuid" },
    { column: "subject", property: "subject", type: "text" },
    { column: "channel", property: "channel", type: "text" },
    { column: "category", property: "category", type: "text" },
    { column: "severity", property: "severity", type: "text" },
    { column: "status", property: "status", type: "text" },
    { column: "opened_at", property: "openedAt", type: "timestamptz" },
    { column: "first_responded_at", property: "firstRespondedAt", type: "timestamptz" },
    { column: "resolved_at", property: "resolvedAt", type: "timestamptz" },
    { column: "closed_at", property: "closedAt", type: "timestamptz" },
    { column: "satisfaction", property: "satisfaction", type: "smallint" },
    { column: "updated_at", property: "updatedAt", type: "timestamptz" },
    { column: "resolution_paused_since", property: "resolutionPausedSince", type: "timestamptz" },
  ],
};

/** Children after parents, so that every foreign key finds its row within the batch's transaction. */
export const customerGraphTableNames = ["account_managers", "partners", "accounts", "contacts", "orders", "order_lines", "tickets"] as const;

/** The policy results and events kept about those rows (and the events' webhook deliveries): emptied with them on a reset. */
export const policyResultTableNames = [
  "account_assessments",
  "account_assessment_history",
  "ticket_priority_explanations",
  "ticket_priority_history",
  "ticket_sla_breaches",
  "ticket_sla_warnings",
  "domain_events",
  "webhook_delivery_attempts",
  "webhook_deliveries",
] as const;

/** API keys and webhook subscriptions name partners, which a reset replaces: they go too (create new keys with npm run keys:create). */
export const accessTableNames = ["api_keys", "idempotent_requests", "webhook_subscriptions"] as const;
