import { parse } from "graphql";
import { RecordType } from "./import-records";

const mutationOf: Record<RecordType, { field: string; input: string }> = {
  account: { field: "upsertAccounts", input: "UpsertAccountsInput" },
  contact: { field: "upsertContacts", input: "UpsertContactsInput" },
  order: { field: "upsertOrders", input: "UpsertOrdersInput" },
  ticket: { field: "upsertTickets", input: "UpsertTicketsInput" },
};

/** The upsert mutation of each record type, asking for the outcomes only: an import reads nothing back. */
export const upsertDocuments = Object.fromEntries(
  Object.entries(mutationOf).map(([type, { field, input }]) => [
    type,
    {
      field,
      document: parse(`mutation Import($input: ${input}!) {
        ${field}(input: $input) { userErrors { index field message code reason } results { outcome } }
      }`),
    },
  ]),
) as Record<RecordType, { field: string; document: ReturnType<typeof parse> }>;
