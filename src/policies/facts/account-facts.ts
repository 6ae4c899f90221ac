import { EntityManager } from "typeorm";
import { AccountFacts } from "./fact-catalogue";

/**
 * The facts of a batch of accounts, as of a moment, in one statement: orders and tickets are aggregated
 * per account with FILTER clauses over the batch's rows (found through the per-account indexes), and
 * money is converted to US dollars with the exchange_rates table. The moment is a parameter, never now(),
 * so that the same call gives the same facts.
 */
export async function computeAccountFacts(manager: EntityManager, accountIds: readonly string[], asOf: Date): Promise<Map<string, AccountFacts>> {
  if (accountIds.length === 0) return new Map();
  const rows: AccountFactsRow[] = await manager.query(accountFactsStatement, [accountIds, asOf]);
  return new Map(rows.map((row) => [row.account_id, toAccountFacts(row)]));
}

interface AccountFactsRow {
  account_id: string;
  account_status: string;
  customer_age_days: number | null;
  days_since_last_order: number | null;
  orders_12m: number;
  revenue_12m: number;
  lifetime_revenue: number;
  average_order_value: number | null;
  return_rate_12m: number | null;
  open_tickets: number;
  open_complaints: number;
  tickets_90d: number;
  complaints_90d: number;
  satisfaction_90d: number | null;
  revenue_trend: number | null;
  contract_ends_in_days: number | null;
  auto_renew: boolean;
  loyalty_points: number;
  has_account_manager: boolean;
  has_partner: boolean;
}

function toAccountFacts(row: AccountFactsRow): AccountFacts {
  return {
    accountStatus: row.account_status,
    customerAgeDays: row.customer_age_days,
    daysSinceLastOrder: row.days_since_last_order,
    orders12m: row.orders_12m,
    revenue12m: row.revenue_12m,
    lifetimeRevenue: row.lifetime_revenue,
    averageOrderValue: row.average_order_value,
    returnRate12m: row.return_rate_12m,
    openTickets: row.open_tickets,
    openComplaints: row.open_complaints,
    tickets90d: row.tickets_90d,
    complaints90d: row.complaints_90d,
    satisfaction90d: row.satisfaction_90d,
    revenueTrend: row.revenue_trend,
    contractEndsInDays: row.contract_ends_in_days,
    autoRenew: row.auto_renew,
    loyaltyPoints: row.loyalty_points,
    hasAccountManager: row.has_account_manager,
    hasPartner: row.has_partner,
  };
}

// Revenue counts orders neither cancelled nor returned; order counts leave out only cancelled ones.
const revenueOrder = "orders.status NOT IN ('cancelled', 'returned')";
const dollars = "orders.total_minor / rate.minor_units_per_dollar";

// One LATERAL aggregate per account of the batch: each reads its own rows through the per-account
// indexes. A plain "account_id = ANY(...)" over the whole batch was planned as a sequential scan of
// every order (measured: 5 times slower at 100,000 accounts).
const accountFactsStatement = `
  SELECT
    account.id AS account_id,
    account.status AS account_status,
    ($2::timestamptz::date - account.customer_since) AS customer_age_days,
    floor(extract(epoch FROM $2::timestamptz - order_totals.last_order_at) / 86400)::int AS days_since_last_order,
    order_totals.orders_12m,
    round(coalesce(order_totals.revenue_12m, 0), 2)::float8 AS revenue_12m,
    round(coalesce(order_totals.lifetime_revenue, 0), 2)::float8 AS lifetime_revenue,
    round(order_totals.lifetime_revenue / nullif(order_totals.revenue_orders, 0), 2)::float8 AS average_order_value,
    round(order_totals.returned_12m::numeric / nullif(order_totals.orders_12m, 0), 4)::float8 AS return_rate_12m,
    ticket_totals.open_tickets,
    ticket_totals.open_complaints,
    ticket_totals.tickets_90d,
    ticket_totals.complaints_90d,
    round(ticket_totals.satisfaction_90d, 2)::float8 AS satisfaction_90d,
    round(coalesce(order_totals.revenue_last_90d, 0) / nullif(order_totals.revenue_previous_90d, 0), 4)::float8 AS revenue_trend,
    (account.contract_ends_on - $2::timestamptz::date) AS contract_ends_in_days,
    account.contract_auto_renew AS auto_renew,
    account.loyalty_points,
    account.account_manager_id IS NOT NULL AS has_account_manager,
    account.partner_id IS NOT NULL AS has_partner
  FROM unnest($1::uuid[]) AS batch (account_id)
  JOIN accounts account ON account.id = batch.account_id
  CROSS JOIN LATERAL (
    SELECT
      max(orders.placed_at) FILTER (WHERE orders.status <> 'cancelled') AS last_order_at,
      count(*) FILTER (WHERE orders.status <> 'cancelled' AND orders.placed_at > $2::timestamptz - interval '12 months') AS orders_12m,
      count(*) FILTER (WHERE orders.status = 'returned' AND orders.placed_at > $2::timestamptz - interval '12 months') AS returned_12m,
      sum(${dollars}) FILTER (WHERE ${revenueOrder} AND orders.placed_at > $2::timestamptz - interval '12 months') AS revenue_12m,
      sum(${dollars}) FILTER (WHERE ${revenueOrder}) AS lifetime_revenue,
      count(rate.currency) FILTER (WHERE ${revenueOrder}) AS revenue_orders,
      sum(${dollars}) FILTER (WHERE ${revenueOrder} AND orders.placed_at > $2::timestamptz - interval '90 days') AS revenue_last_90d,
      sum(${dollars}) FILTER (WHERE ${revenueOrder} AND orders.placed_at > $2::timestamptz - interval '180 days'
        AND orders.placed_at <= $2::timestamptz - interval '90 days') AS revenue_previous_90d
    FROM orders
    LEFT JOIN exchange_rates rate ON rate.currency = orders.currency
    WHERE orders.account_id = batch.account_id AND orders.placed_at <= $2::timestamptz
  ) order_totals
  CROSS JOIN LATERAL (
    SELECT
      count(*) FILTER (WHERE tickets.status IN ('open', 'pending')) AS open_tickets,
      count(*) FILTER (WHERE tickets.status IN ('open', 'pending') AND tickets.category = 'complaint') AS open_complaints,
      count(*) FILTER (WHERE tickets.opened_at > $2::timestamptz - interval '90 days') AS tickets_90d,
      count(*) FILTER (WHERE tickets.category = 'complaint' AND tickets.opened_at > $2::timestamptz - interval '90 days') AS complaints_90d,
      avg(tickets.satisfaction) FILTER (WHERE tickets.closed_at > $2::timestamptz - interval '90 days' AND tickets.closed_at <= $2::timestamptz) AS satisfaction_90d
    FROM tickets
    WHERE tickets.account_id = batch.account_id AND tickets.opened_at <= $2::timestamptz
  ) ticket_totals`;
