import { encodeGlobalId } from "../shared/global-id";

/** One GraphQL request the benchmark drives; `body(n)` gives the n-th request's JSON body. */
export interface BenchOperation {
  name: string;
  description: string;
  body(requestNumber: number): string;
}

const contactFields = "id firstName lastName role email phone isPrimary";

const accountById = `query AccountById($id: ID!) {
  account(id: $id) { id name status industry region customerSince loyaltyPoints contacts(first: 10) { nodes { ${contactFields} } } }
}`;

/** What a 360° view shows of each account: its contacts, its last 10 orders and its open tickets. */
const account360List = `query Account360List($first: Int!) {
  accounts(first: $first) {
    nodes {
      id name status industry region customerSince loyaltyPoints
      assessment { tier lifecycleStage }
      contacts(first: 10) { nodes { ${contactFields} } }
      orders(first: 10) { nodes { id placedAt status channel total { amount currency } } }
      tickets(first: 10, filter: { open: true }) { nodes { id subject category severity status openedAt } }
    }
  }
}`;

/**
 * Issue 11's page: the 50 accounts a 360° view lists, each with up to 20 contacts, its last 10 orders, its open
 * tickets, its tier and its churn risk. The read path's targets are set on this query.
 */
const account360Page = `query Account360Page($first: Int!) {
  accounts(first: $first) {
    nodes {
      id name status industry region customerSince loyaltyPoints
      assessment { tier lifecycleStage }
      retention { risk riskScore }
      contacts(first: 20) { nodes { ${contactFields} } }
      orders(first: 10) { nodes { id placedAt status channel total { amount currency } } }
      tickets(first: 10, filter: { open: true }) { nodes { id subject category severity status openedAt } }
    }
  }
}`;

const supportQueue = `query SupportQueue {
  tickets(first: 100, filter: { open: true }, orderBy: [{ field: FIRST_RESPONSE_DUE_AT, direction: ASC }]) {
    nodes { id subject category severity status openedAt servicePriority { level lane firstResponseDueAt } account { id name assessment { tier } } }
  }
}`;

const placeOrder = `mutation PlaceOrder($input: PlaceOrderInput!) {
  placeOrder(input: $input) { id status total { amount currency } account { id assessment { tier lifecycleStage } } }
}`;

const request = (query: string, variables?: Record<string, unknown>) => JSON.stringify({ query, variables });

/** The operations of issues 5 and 11, over `accountIds` (a fixed sample of active accounts) where they need accounts. */
export function benchOperations(accountIds: readonly string[]): BenchOperation[] {
  const account = (requestNumber: number) => encodeGlobalId("Account", accountIds[requestNumber % accountIds.length]);
  const list360 = (first: number) => request(account360List, { first });
  return [
    { name: "account-by-id", description: "account by id with its contacts", body: (n) => request(accountById, { id: account(n) }) },
    {
      name: "account-360-page-50",
      description: "50 accounts: 20 contacts, last 10 orders, open tickets, tier, churn risk",
      body: () => request(account360Page, { first: 50 }),
    },
    { name: "account-360-list-50", description: "50 accounts: contacts, last 10 orders, open tickets", body: () => list360(50) },
    { name: "account-360-list-100", description: "100 accounts: contacts, last 10 orders, open tickets", body: () => list360(100) },
    { name: "support-queue", description: "100 open tickets by first-response due time, with tier", body: () => request(supportQueue) },
    {
      name: "place-order",
      description: "placeOrder with its reassessment (a write)",
      body: (n) =>
        request(placeOrder, {
          input: {
            accountId: account(n),
            channel: "WEB",
            lines: [{ product: "Benchmark widget", quantity: 1, unitPrice: { amount: "19.90", currency: "USD" } }],
          },
        }),
    },
  ];
}
