import { AccountManager } from "./account-managers/account-manager.entity";
import { Account } from "./accounts/account.entity";
import { Contact } from "./contacts/contact.entity";
import { OrderLine } from "./orders/order-line.entity";
import { Order } from "./orders/order.entity";
import { Partner } from "./partners/partner.entity";
import { Ticket } from "./tickets/ticket.entity";
import { TicketSlaBreach } from "./tickets/ticket-sla.entity";
import { AssessmentSummary } from "./policies/results/assessment-summary.entity";
import { WebhookDelivery, WebhookDeliveryAttempt } from "./webhooks/webhook-delivery.entity";
import { WebhookSubscription } from "./webhooks/webhook-subscription.entity";

/** Every table TypeORM maps, handed to the data source by whoever opens it: the database layer knows no domain. */
export const entities = [
  AccountManager,
  Partner,
  Account,
  Contact,
  Order,
  OrderLine,
  Ticket,
  TicketSlaBreach,
  AssessmentSummary,
  WebhookSubscription,
  WebhookDelivery,
  WebhookDeliveryAttempt,
];
