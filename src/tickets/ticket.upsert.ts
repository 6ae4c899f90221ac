import { EntityManager } from "typeorm";
import { DataScope } from "../access/data-scope";
import { asExternalIdConflict, findByExternalIds, lockExternalIds } from "../access/external-ids";
import { AccountPolicies } from "../accounts/account-policies";
import { AccountReferenceInput, lockReferencedAccounts } from "../accounts/account.references";
import { Contact } from "../contacts/contact.entity";
import { checkEachItem, checkSameAccount, refuseRepeatedExternalIds, UpsertedItem, UpsertOutcome } from "../shared/bulk-upsert";
import { InvalidInputError } from "../shared/errors";
import { databaseIdOf, decodeGlobalId } from "../shared/global-id";
import { Ticket, TicketStatus } from "./ticket.entity";
import { TicketError, TicketErrorReason } from "./ticket.errors";
import { TicketFields } from "./ticket.inputs";
import { checkSubject } from "./ticket.rules";
import { appendEvents } from "../events/domain-events";
import { ticketOpened } from "./ticket.events";

/** A ticket as an upsert gives it: a new ticket's fields, its account and contact, and its id in the caller's system. */
export interface TicketUpsertFields extends TicketFields, AccountReferenceInput {
  externalId: string;
  contactExternalId?: string | null;
  openedAt?: Date | null;
}

const upsertedColumns = ["accountId", "contactId", "subject", "category", "severity", "channel"] as const;
type TicketColumns = Pick<Ticket, (typeof upsertedColumns)[number]>;

/**
 * Creates or updates each item's ticket by its external id, in one transaction: one refused item refuses
 * them all. A new ticket opens (OPEN) at the item's openedAt or now; a stored ticket changes its subject,
 * category, severity, channel and contact only: its lifecycle moves by ticketRespond and its siblings.
 * Every account with a created or updated ticket is re-evaluated once (its open tickets' priorities too).
 */
export async function upsertTickets(scope: DataScope, policies: AccountPolicies, items: readonly TicketUpsertFields[]): Promise<UpsertedItem[]> {
  refuseRepeatedExternalIds(items);
  const externalIds = items.map((item) => item.externalId.trim());
  const now = new Date();
  try {
    return await scope.transaction(async (manager) => {
      await lockExternalIds(manager, "tickets", scope, externalIds);
      const accountOf = await lockReferencedAccounts(scope, manager, items);
      const stored = await findByExternalIds(scope, manager, Ticket, externalIds);
      const contactOf = await contactFinder(scope, manager, items);
      const written = await checkEachItem(items, async (item, index) => {
        const accountId = accountOf(item);
        const columns = { accountId, contactId: contactOf(item, accountId), subject: checkSubject(item.subject, "input.subject"), ...categorized(item) };
        const key = { externalId: externalIds[index], externalIdOwner: scope.partnerId };
        return { index, accountId, ...(await writeTicket(manager, columns, stored.get(externalIds[index]), item.openedAt ?? null, now, key)) };
      });
      const touched = written.filter((item) => item.outcome !== UpsertOutcome.UNCHANGED).map((item) => item.accountId);
      await policies.reassess(manager, [...new Set(touched)]);
      return written.map(({ index, outcome, id }) => ({ index, outcome, id }));
    });
  } catch (error) {
    throw asExternalIdConflict(error);
  }
}

function categorized(item: TicketUpsertFields): Pick<Ticket, "category" | "severity" | "channel"> {
  return { category: item.category, severity: item.severity, channel: item.channel };
}

async function writeTicket(
  manager: EntityManager,
  columns: TicketColumns,
  stored: Ticket | undefined,
  openedAt: Date | null,
  now: Date,
  key: Pick<Ticket, "externalId" | "externalIdOwner">,
): Promise<Omit<UpsertedItem, "index">> {
  const repository = manager.getRepository(Ticket);
  if (stored === undefined) {
    if (openedAt !== null && openedAt.getTime() > now.getTime()) throw new InvalidInputError("input.openedAt", "a ticket cannot open in the future");
    const opened = { status: TicketStatus.OPEN, openedAt: openedAt ?? now, firstRespondedAt: null, resolvedAt: null, closedAt: null, satisfaction: null };
    const { identifiers } = await repository.insert({ ...columns, ...opened, ...key });
    const id = identifiers[0].id as string;
    await appendEvents(manager, [ticketOpened(Object.assign(new Ticket(), columns, opened, { id }))]);
    return { outcome: UpsertOutcome.CREATED, id };
  }
  checkSameAccount("ticket", stored.accountId, columns.accountId);
  if (upsertedColumns.every((column) => stored[column] === columns[column])) return { outcome: UpsertOutcome.UNCHANGED, id: stored.id };
  await repository.update({ id: stored.id }, { ...columns, updatedAt: now });
  return { outcome: UpsertOutcome.UPDATED, id: stored.id };
}

type ContactOfItem = (item: TicketUpsertFields, accountId: string) => string | null;

/**
 * Finds (and share-locks, as openTicket does) every contact the items name, in one statement; returns how
 * each item's contact id is read. A contact not at the item's account refuses the item.
 */
async function contactFinder(scope: DataScope, manager: EntityManager, items: readonly TicketUpsertFields[]): Promise<ContactOfItem> {
  const ids = items.flatMap((item) => (item.contactId == null ? [] : [databaseIdOf("Contact", item.contactId)])).filter((id) => id !== null);
  const externalIds = items.flatMap((item) => (item.contactExternalId == null ? [] : [item.contactExternalId]));
  const contacts = ids.length + externalIds.length === 0 ? [] : await lockContacts(scope, manager, ids, externalIds);
  const byId = new Map(contacts.map((contact) => [contact.id, contact]));
  const byExternalId = new Map(contacts.filter((contact) => contact.externalIdOwner === scope.partnerId).map((contact) => [contact.externalId, contact]));
  return (item, accountId) => {
    if (item.contactId != null && item.contactExternalId != null) {
      throw new InvalidInputError("input.contactId", "give the contact by contactId or by contactExternalId, not both");
    }
    if (item.contactId == null && item.contactExternalId == null) return null;
    const field = item.contactId != null ? "input.contactId" : "input.contactExternalId";
    const contact = item.contactId != null ? byId.get(decodeGlobalId(item.contactId, "Contact", field)) : byExternalId.get(item.contactExternalId!);
    if (contact?.accountId !== accountId) {
      throw new TicketError(
        TicketErrorReason.CONTACT_NOT_AT_ACCOUNT,
        `${field}: the account has no contact "${item.contactId ?? item.contactExternalId}"`,
        field,
      );
    }
    return contact.id;
  };
}

function lockContacts(scope: DataScope, manager: EntityManager, ids: string[], externalIds: string[]): Promise<Contact[]> {
  const owner = scope.partnerId === null ? "contact.external_id_owner IS NULL" : "contact.external_id_owner = :owner";
  return scope
    .select(manager, Contact, "contact")
    .andWhere(`(contact.id = ANY(:ids) OR (contact.external_id = ANY(:externalIds) AND ${owner}))`, { ids, externalIds, owner: scope.partnerId })
    .orderBy("contact.id")
    .setLock("pessimistic_read")
    .getMany();
}
