import { randomUUID } from "node:crypto";
import { DataSource } from "typeorm";
import { AccountManager } from "../../src/account-managers/account-manager.entity";
import { Account, AccountKind, AccountStatus, Region } from "../../src/accounts/account.entity";
import { Contact, ContactChannel, ContactRole } from "../../src/contacts/contact.entity";
import { OrderLine } from "../../src/orders/order-line.entity";
import { Order, OrderChannel, OrderStatus } from "../../src/orders/order.entity";
import { Partner, PartnerKind } from "../../src/partners/partner.entity";
import { Ticket, TicketCategory, TicketChannel, TicketSeverity, TicketStatus } from "../../src/tickets/ticket.entity";

/** A short unique tag, so that tests sharing one database find only their own rows. */
export function uniqueTag(): string {
  return randomUUID().slice(0, 8);
}

export async function createPartner(dataSource: DataSource, overrides: Partial<Partner> = {}): Promise<Partner> {
  const repository = dataSource.getRepository(Partner);
  return repository.save(repository.create({ name: `Partner ${uniqueTag()}`, kind: PartnerKind.RESELLER, ...overrides }));
}

export async function createAccountManager(dataSource: DataSource, overrides: Partial<AccountManager> = {}): Promise<AccountManager> {
  const tag = uniqueTag();
  const repository = dataSource.getRepository(AccountManager);
  return repository.save(repository.create({ name: `Manager ${tag}`, email: `manager-${tag}@example.com`, ...overrides }));
}

export async function createAccount(dataSource: DataSource, overrides: Partial<Account> = {}): Promise<Account> {
  const repository = dataSource.getRepository(Account);
  return repository.save(
    repository.create({
      name: `Account ${uniqueTag()}`,
      kind: AccountKind.ORGANIZATION,
      industry: "Retail",
      region: Region.EUROPE,
      employees: 120,
      status: AccountStatus.ACTIVE,
      customerSince: "2021-03-01",
      loyaltyPoints: 0,
      contractStartsOn: null,
      contractEndsOn: null,
      contractAutoRenew: false,
      accountManagerId: null,
      partnerId: null,
      ...overrides,
    }),
  );
}

export async function createContact(dataSource: DataSource, accountId: string, overrides: Partial<Contact> = {}): Promise<Contact> {
  const tag = uniqueTag();
  const repository = dataSource.getRepository(Contact);
  return repository.save(
    repository.create({
      accountId,
      firstName: "Ada",
      lastName: `Lovelace ${tag}`,
      role: ContactRole.BUYER,
      email: `ada-${tag}@example.com`,
      phone: "+44 20 7946 0000",
      preferredChannel: ContactChannel.EMAIL,
      marketingConsent: false,
      isPrimary: false,
      birthday: null,
      inRoleSince: null,
      ...overrides,
    }),
  );
}

export async function createOrder(
  dataSource: DataSource,
  accountId: string,
  overrides: Partial<Order> = {},
  lines: Array<Pick<OrderLine, "product" | "quantity" | "unitPriceMinor">> = [{ product: "Widget", quantity: 2, unitPriceMinor: 1250 }],
): Promise<Order> {
  const totalMinor = lines.reduce((sum, line) => sum + line.quantity * line.unitPriceMinor, 0);
  const repository = dataSource.getRepository(Order);
  const order = await repository.save(
    repository.create({
      accountId,
      placedAt: new Date("2024-05-01T10:00:00.000Z"),
      status: OrderStatus.DELIVERED,
      channel: OrderChannel.WEB,
      currency: "EUR",
      totalMinor,
      ...overrides,
    }),
  );
  await dataSource.getRepository(OrderLine).insert(lines.map((line, index) => ({ ...line, orderId: order.id, position: index + 1 })));
  return order;
}

export async function createTicket(dataSource: DataSource, accountId: string, overrides: Partial<Ticket> = {}): Promise<Ticket> {
  const repository = dataSource.getRepository(Ticket);
  const ticket = repository.create({
    accountId,
    contactId: null,
    subject: `Printer on fire ${uniqueTag()}`,
    channel: TicketChannel.EMAIL,
    category: TicketCategory.INCIDENT,
    severity: TicketSeverity.MEDIUM,
    status: TicketStatus.OPEN,
    openedAt: new Date("2024-06-01T09:00:00.000Z"),
    firstRespondedAt: null,
    resolvedAt: null,
    closedAt: null,
    satisfaction: null,
    ...overrides,
  });
  // The resolution clock stands still unless the ticket is OPEN: since the resolution, or our response.
  const pausedSince = ticket.status === TicketStatus.OPEN ? null : (ticket.resolvedAt ?? ticket.firstRespondedAt ?? ticket.openedAt);
  return repository.save(Object.assign(ticket, { resolutionPausedSince: overrides.resolutionPausedSince ?? pausedSince }));
}
