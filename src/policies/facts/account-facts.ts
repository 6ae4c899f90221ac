import { EntityManager } from "typeorm";
import { AccountFacts } from "./fact-catalogue";

/**
 * The facts of a batch of accounts as of a moment, in one statement: every account of the batch that
 * exists gets an entry. Orders and tickets are aggregated per account with FILTER clauses, money is
 * converted to US dollars with the exchange_rates table, and days and windows are counted in UTC from
 * `asOf` (never from now()), so that the same call gives the same facts whatever the session's time zone.
 */
export async function computeAccountFacts(manager: EntityManager, accountIds: readonly string[], asOf: Date): Promise<Map<string, AccountFacts>> {
  if (accountIds.length === 0) return new Map();
  const rows: AccountFactsRow[] = await manager.query(accountFactsStatement, [accountIds, asOf]);
  return new Map(rows.map(({ accountId, ...facts }) => [accountId, facts]));
}

/** The statement names its columns after the facts; counts are int8 (parsed to numbers), money and ratios float8. */
interface AccountFactsRow extends AccountFacts {
  accountId: string;
}

// Revenue counts orders neither cancelled nor returned; an order in a currency without a rate adds no
// dollars (a null amount), so it is left out of the revenue and of the orders the average is taken over.
const bringsRevenue = "orders.status NOT IN ('cancelled', 'returned')";
const inDollars = "orders.total_minor / rate.minor_units_per_dollar";

// The moments the windows start at, computed on UTC wall-clock time: on timestamptz, "- interval" and
// "::date" follow the session's time zone, and would move the edges by an hour or a day.
const moments = `
  SELECT
    $2::timestamptz AS as_of,
    ($2::timestamptz AT TIME ZONE 'UTC')::date AS as_of_date,
    (($2::timestamptz AT TIME ZONE 'UTC') - interval '12 months') AT TIME ZONE 'UTC' AS twelve_months_ago,
    (($2::timestamptz AT TIME ZONE 'UTC') - interval '90 days') AT TIME ZONE 'UTC' AS ninety_days_ago,
    (($2::timestamptz AT TIME ZONE 'UTC') - interval '180 days') AT TIME ZONE 'UTC' AS hundred_eighty_days_ago`;

// Each window runs from just after its start to its end, included: (start, end].
const orderTotals = `
  SELECT
    max(orders.placed_at) FILTER (WHERE orders.status <> 'cancelled') AS last_order_at,
    count(*) FILTER (WHERE orders.status <> 'cancelled' AND orders.placed_at > moments.twelve_months_ago) AS orders_12m,
    count(*) FILTER (WHERE orders.status = 'returned' AND orders.placed_at > moments.twelve_months_ago) AS returned_12m,
    sum(${inDollars}) FILTER (WHERE ${bringsRevenue} AND orders.placed_at > moments.twelve_months_ago) AS revenue_12m,
    sum(${inDollars}) FILTER (WHERE ${bringsRevenue}) AS lifetime_revenue,
    count(${inDollars}) FILTER (WHERE ${bringsRevenue}) AS revenue_orders,
    sum(${inDollars}) FILTER (WHERE ${bringsRevenue} AND orders.placed_at > moments.ninety_days_ago) AS revenue_last_90_days,
    sum(${inDollars}) FILTER (WHERE ${bringsRevenue}
      AND orders.placed_at > moments.hundred_eighty_days_ago AND orders.placed_at <= moments.ninety_days_ago) AS revenue_previous_90_days
  FROM orders
  LEFT JOIN exchange_rates rate ON rate.currency = orders.currency
  WHERE orders.account_id = batch.account_id AND orders.placed_at <= moments.as_of`;

const openTicket = "tickets.status IN ('open', 'pending')";

const ticketTotals = `
  SELECT
    count(*) FILTER (WHERE ${openTicket}) AS open_tickets,
    count(*) FILTER (WHERE ${openTicket} AND tickets.category = 'complaint') AS open_complaints,
    count(*) FILTER (WHERE tickets.opened_at > moments.ninety_days_ago) AS tickets_90_days,
    count(*) FILTER (WHERE tickets.opened_at > moments.ninety_days_ago AND tickets.category = 'complaint') AS complaints_90_days,
    avg(tickets.satisfaction) FILTER (WHERE tickets.closed_at > moments.ninety_days_ago AND tickets.closed_at <= moments.as_of) AS satisfaction_90_days
  FROM tickets
  WHERE tickets.account_id = batch.account_id AND tickets.opened_at <= moments.as_of`;

// One LATERAL aggregate per account of the batch, each reading only that account's rows through the
// (account_id, placed_at) and (account_id, opened_at) indexes: the plan stays a nested loop over the
// batch whatever the table statistics say, where a batch-wide "account_id = ANY(...)" was planned as a
// sequential scan of every order on a database without statistics (1,000 of 100,000 accounts, warm:
// 200 to 320 ms, against 45 to 60 ms). An aggregate without GROUP BY always gives one row, so accounts
// with no orders or tickets get zero counts.
const accountFactsStatement = `
  WITH moments AS (${moments})
  SELECT
    account.id AS "accountId",
    account.status AS "accountStatus",
    moments.as_of_date - account.customer_since AS "customerAgeDays",
    floor(extract(epoch FROM moments.as_of - order_totals.last_order_at) / 86400)::integer AS "daysSinceLastOrder",
    order_totals.orders_12m AS "orders12m",
    round(coalesce(order_totals.revenue_12m, 0), 2)::float8 AS "revenue12m",
    round(coalesce(order_totals.lifetime_revenue, 0), 2)::float8 AS "lifetimeRevenue",
    round(order_totals.lifetime_revenue / nullif(order_totals.revenue_orders, 0), 2)::float8 AS "averageOrderValue",
    round(order_totals.returned_12m::numeric / nullif(order_totals.orders_12m, 0), 4)::float8 AS "returnRate12m",
    ticket_totals.open_tickets AS "openTickets",
    ticket_totals.open_complaints AS "openComplaints",
    ticket_totals.tickets_90_days AS "tickets90d",
    ticket_totals.complaints_90_days AS "complaints90d",
    round(ticket_totals.satisfaction_90_days, 2)::float8 AS "satisfaction90d",
    round(coalesce(order_totals.revenue_last_90_days, 0) / nullif(order_totals.revenue_previous_90_days, 0), 4)::float8 AS "revenueTrend",
    account.contract_ends_on - moments.as_of_date AS "contractEndsInDays",
    account.contract_auto_renew AS "autoRenew",
    account.loyalty_points AS "loyaltyPoints",
    account.account_manager_id IS NOT NULL AS "hasAccountManager",
    account.partner_id IS NOT NULL AS "hasPartner"
  FROM unnest($1::uuid[]) AS batch (account_id)
  CROSS JOIN moments
  JOIN accounts account ON account.id = batch.account_id
  CROSS JOIN LATERAL (${orderTotals}) order_totals
  CROSS JOIN LATERAL (${ticketTotals}) ticket_totals`;
