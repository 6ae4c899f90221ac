import { DifferentialGraph } from "./differential-graph";
import { CallerName, CorpusDocument } from "./document-generator";

const everyCaller: readonly CallerName[] = ["internal", "analyst", "partnerSharing", "partnerNotSharing", "partnerEmailOnly", "partnerWithoutAccounts"];
const staffAndPartners: readonly CallerName[] = ["internal", "partnerSharing", "partnerNotSharing"];

/** Every field of each planned type where SQL and JS might write a value differently, for every row. */
const everyValue: ReadonlyArray<[string, string]> = [
  [
    "accounts: assessment, contract, manager, partner",
    `{ accounts(first: 100) { nodes { id name kind industry region employees status customerSince loyaltyPoints createdAt updatedAt
        assessment { tier tierRank lifecycleStage lifecycleStageRank rulesVersion evaluatedAt } contract { startsOn endsOn autoRenew }
        accountManager { id name email } partner { id name kind sharesContactEmail sharesContactPhone } } } }`,
  ],
  [
    "contacts: email and phone, masked by agreement",
    `{ contacts(first: 100) { nodes { id firstName lastName role email phone preferredChannel marketingConsent isPrimary birthday inRoleSince createdAt } } }`,
  ],
  [
    "orders: money in currencies of 0, 2 and 3 decimals",
    `{ orders(first: 100) { nodes { id placedAt status channel updatedAt total { amount minorUnits currency } lines { position product quantity unitPrice { amount minorUnits currency } amount { amount minorUnits currency } } } } }`,
  ],
  [
    "tickets: service priority and its breaches, the contact",
    `{ tickets(first: 100) { nodes { id subject category severity status channel openedAt firstRespondedAt resolvedAt closedAt satisfaction
        servicePriority { level levelRank lane laneRank firstResponseDueAt resolutionDueAt firstResponseBreached resolutionBreached breached rulesVersion evaluatedAt }
        contact { id email phone } } } }`,
  ],
  ["retention and its rank (FORBIDDEN for partners)", `{ accounts(first: 100) { nodes { id retention { risk riskRank riskScore letGo } } } }`],
  ["staff-only fields (FORBIDDEN for partners)", `{ accounts(first: 3) { nodes { name retention { risk riskRank riskScore } assessment { tier facts } } } }`],
  ["staff-only fields under a planned field", `{ tickets(first: 3) { nodes { subject servicePriority { level explanation { rulesVersion } } } } }`],
];

const orderings: ReadonlyArray<{ list: string; orderType: string; fields: string[]; nested?: boolean }> = [
  { list: "accounts", orderType: "AccountSort", fields: ["NAME", "CUSTOMER_SINCE", "CREATED_AT", "LOYALTY_POINTS"] },
  { list: "contacts", orderType: "ContactSort", fields: ["NAME", "CREATED_AT", "IS_PRIMARY"] },
  { list: "contacts", orderType: "ContactSort", fields: ["NAME", "CREATED_AT", "IS_PRIMARY"], nested: true },
  { list: "orders", orderType: "OrderSort", fields: ["PLACED_AT", "TOTAL"] },
  { list: "tickets", orderType: "TicketSort", fields: ["OPENED_AT", "SEVERITY", "PRIORITY", "FIRST_RESPONSE_DUE_AT"] },
];

/** Every orderBy field in both directions, paged forward and backward: the cursors hold names with quotes, backslashes, control characters. */
function orderingDocuments(): CorpusDocument[] {
  return orderings.flatMap(({ list, orderType, fields, nested }) =>
    fields.flatMap((field) =>
      ["ASC", "DESC"].flatMap((direction) =>
        ["first", "last"].map((page) => {
          const connection = `${list}(${page}: 4, orderBy: $orderBy) { totalCount edges { cursor } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } }`;
          const query = `query Ordering($orderBy: [${orderType}!]) { ${nested ? `accounts(first: 20) { nodes { ${connection} } }` : connection} }`;
          return {
            name: `${nested ? "account " : ""}${list} by ${field} ${direction}, ${page} page`,
            query,
            variables: { orderBy: [{ field, direction }] },
            callers: staffAndPartners,
          };
        }),
      ),
    ),
  );
}

/** Every value an account holds, down to its orders' lines and its tickets' priorities: planned unless its data is refused. */
const everyValueOfAccount = `query EveryValueOfAccount($id: ID!) {
  account(id: $id) {
    id name kind industry region employees status customerSince loyaltyPoints createdAt updatedAt
    assessment { tier tierRank lifecycleStage lifecycleStageRank rulesVersion evaluatedAt } contract { startsOn endsOn autoRenew }
    accountManager { id name email } partner { id name kind sharesContactEmail sharesContactPhone }
    contacts(first: 20) { totalCount nodes { id firstName lastName role email phone preferredChannel marketingConsent isPrimary birthday inRoleSince createdAt } }
    orders(first: 20) { totalCount nodes { id placedAt status channel updatedAt total { amount minorUnits currency }
      lines { position product quantity unitPrice { amount minorUnits currency } amount { amount minorUnits currency } } } }
    tickets(first: 20) { totalCount nodes { id subject category severity status channel openedAt firstRespondedAt resolvedAt closedAt satisfaction
      servicePriority { level levelRank lane laneRank firstResponseDueAt resolutionDueAt firstResponseBreached resolutionBreached breached rulesVersion evaluatedAt }
      contact { id email phone } } }
  }
}`;

/**
 * Documents written for the differences most likely to hide, so that they are asked whatever the
 * generator draws: every value of every row (each account by its id, and the whole lists), every
 * ordering both ways.
 */
export function edgeCaseDocuments(graph: DifferentialGraph): CorpusDocument[] {
  const values = everyValue.map(([name, query]) => ({ name, query, variables: {}, callers: everyCaller }));
  const byId = graph.accounts.map((account) => ({
    name: `every value of account ${JSON.stringify(account.name)}`,
    query: everyValueOfAccount,
    variables: { id: account.globalId },
    callers: everyCaller,
  }));
  return [...values, ...byId, ...orderingDocuments()];
}
