import { EntityTarget, ObjectLiteral } from "typeorm";
import { PartnerCondition, PartnerConditions } from "../access/data-scope";
import { AccountManager } from "../account-managers/account-manager.entity";
import { Account } from "../accounts/account.entity";
import { Contact } from "../contacts/contact.entity";
import { OrderLine } from "../orders/order-line.entity";
import { Order } from "../orders/order.entity";
import { Partner } from "../partners/partner.entity";
import { AssessmentSummary } from "../policies/results/assessment-summary.entity";
import { Ticket } from "../tickets/ticket.entity";
import { TicketSlaBreach } from "../tickets/ticket-sla.entity";
import { WebhookDelivery, WebhookDeliveryAttempt } from "../webhooks/webhook-delivery.entity";
import { WebhookSubscription } from "../webhooks/webhook-subscription.entity";

const ownAccountIds = "SELECT visible_account.id FROM accounts visible_account WHERE visible_account.partner_id = :scopePartnerId";
const ofOwnAccount = (alias: string) => `${alias}.account_id IN (${ownAccountIds})`;

/**
 * Which rows of each table a partner sees: its own accounts and what hangs off them. The same rows the
 * database's row-level security allows (src/database/migrations/1764200000000-partner-row-security.ts).
 */
export const partnerConditions: PartnerConditions = new Map<EntityTarget<ObjectLiteral>, PartnerCondition>([
  [Account, (alias: string) => `${alias}.partner_id = :scopePartnerId`],
  [Contact, ofOwnAccount],
  [Order, ofOwnAccount],
  [Ticket, ofOwnAccount],
  [TicketSlaBreach, ofOwnAccount],
  [AssessmentSummary, ofOwnAccount],
  [
    OrderLine,
    (alias: string) => `${alias}.order_id IN (SELECT visible_order.id FROM orders visible_order WHERE visible_order.account_id IN (${ownAccountIds}))`,
  ],
  [Partner, (alias: string) => `${alias}.id = :scopePartnerId`],
  [WebhookSubscription, (alias: string) => `${alias}.partner_id = :scopePartnerId`],
  [WebhookDelivery, (alias: string) => `${alias}.partner_id = :scopePartnerId`],
  [
    WebhookDeliveryAttempt,
    (alias: string) =>
      `${alias}.delivery_id IN (SELECT visible_delivery.id FROM webhook_deliveries visible_delivery WHERE visible_delivery.partner_id = :scopePartnerId)`,
  ],
  [
    AccountManager,
    (alias: string) =>
      `${alias}.id IN (SELECT visible_account.account_manager_id FROM accounts visible_account WHERE visible_account.partner_id = :scopePartnerId)`,
  ],
]);
