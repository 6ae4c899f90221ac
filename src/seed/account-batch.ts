import { drawAccountProfile } from "./account-profile";
import { accountRow } from "./account-generator";
import { generateContacts } from "./contact-generator";
import {
  AccountRow,
  accountsTable,
  ContactRow,
  contactsTable,
  OrderLineRow,
  orderLinesTable,
  OrderRow,
  ordersTable,
  TicketRow,
  ticketsTable,
} from "./customer-graph-tables";
import { generateOrders } from "./order-generator";
import { ReferenceData } from "./reference-data";
import { SeededRandom } from "./seeded-random";
import { TableBatch } from "./table-batch";
import { generateTickets } from "./ticket-generator";

/** A slice of accounts with all their children: what one transaction inserts. */
export interface AccountBatch {
  accounts: TableBatch<AccountRow>;
  contacts: TableBatch<ContactRow>;
  orders: TableBatch<OrderRow>;
  orderLines: TableBatch<OrderLineRow>;
  tickets: TableBatch<TicketRow>;
}

export function createAccountBatch(): AccountBatch {
  return {
    accounts: new TableBatch(accountsTable),
    contacts: new TableBatch(contactsTable),
    orders: new TableBatch(ordersTable),
    orderLines: new TableBatch(orderLinesTable),
    tickets: new TableBatch(ticketsTable),
  };
}

/** Parents before children, for the foreign keys. */
export function batchTablesInInsertOrder(batch: AccountBatch) {
  return [batch.accounts, batch.contacts, batch.orders, batch.orderLines, batch.tickets];
}

/** One account and everything it owns, drawn in a fixed order so that the seed repeats it exactly. */
export function generateAccount(random: SeededRandom, referenceData: ReferenceData, reference: number, batch: AccountBatch): void {
  const profile = drawAccountProfile(random, referenceData, reference);
  const contactIds = generateContacts(random, profile, reference, batch.contacts);
  const history = generateOrders(random, profile, referenceData.products, reference, batch);
  generateTickets(random, { profile, contactIds, products: referenceData.products, reference }, history.orderCount, batch.tickets);
  batch.accounts.add(accountRow(random, profile, history, reference));
}
