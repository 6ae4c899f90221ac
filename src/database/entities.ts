import { AccountManager } from "../account-managers/account-manager.entity";
import { Account } from "../accounts/account.entity";
import { Contact } from "../contacts/contact.entity";
import { OrderLine } from "../orders/order-line.entity";
import { Order } from "../orders/order.entity";
import { Partner } from "../partners/partner.entity";
import { Ticket } from "../tickets/ticket.entity";
import { AssessmentSummary } from "../policies/graphql/assessment-summary.entity";

export const entities = [AccountManager, Partner, Account, Contact, Order, OrderLine, Ticket, AssessmentSummary];
