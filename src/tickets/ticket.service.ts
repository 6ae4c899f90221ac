import { AccountPolicies } from "../accounts/account-policies";
import { EntityManager } from "typeorm";
import { DataScope } from "../access/data-scope";
import { lockAccountForReassessment } from "../accounts/account.lock";
import { Contact } from "../contacts/contact.entity";
import { NotFoundError } from "../shared/errors";
import { decodeGlobalId } from "../shared/global-id";
import { Page } from "../shared/pagination/connection";
import { SortDirection, PageArguments, toPageRequest } from "../shared/pagination/page-arguments";
import { fetchPage, fetchPagePerParent, FilteredQuery, ListQuery } from "../access/scoped-page-query";
import { OrderByInput, SortKey, toSortKeys } from "../shared/pagination/sort-order";
import { Ticket, TicketStatus } from "./ticket.entity";
import { TicketError, TicketErrorReason } from "./ticket.errors";
import { applyTicketFilter } from "./ticket.filters";
import { ticketSortFields } from "./ticket.sort-fields";
import { OpenTicketInput, TicketFilter, TicketSortField } from "./ticket.inputs";
import {
  changeTime,
  checkSatisfaction,
  checkSubject,
  recordClosing,
  recordCustomerReply,
  recordReopening,
  recordResolution,
  recordResponse,
} from "./ticket.rules";
import { recordSlaBreaches } from "./ticket.sla";
import { appendEvents } from "../events/domain-events";
import { ticketOpened, ticketStatusChanged } from "./ticket.events";

export interface TicketListArguments {
  filter?: TicketFilter | null;
  orderBy?: ReadonlyArray<OrderByInput<TicketSortField>> | null;
  page: PageArguments;
}

const newestFirst: OrderByInput<TicketSortField>[] = [{ field: TicketSortField.OPENED_AT, direction: SortDirection.DESC }];

/** Tickets as a client lists them (default newest first); arguments are checked here, before any SQL. */
export function ticketListQuery(scope: DataScope, list: TicketListArguments): ListQuery<Ticket> {
  return { filtered: filteredTickets(scope, list), keys: ticketSortKeys(list.orderBy), page: toPageRequest(list.page) };
}

/** The sort keys of a ticket list: the client's orderBy, or newest first; ties broken by id. */
export function ticketSortKeys(orderBy: TicketListArguments["orderBy"]): SortKey<Ticket>[] {
  return toSortKeys(orderBy?.length ? orderBy : newestFirst, ticketSortFields);
}

export function findTickets(scope: DataScope, list: TicketListArguments): Promise<Page<Ticket>> {
  const { filtered, keys, page } = ticketListQuery(scope, list);
  return fetchPage(scope, filtered, keys, page);
}

function filteredTickets(scope: DataScope, list: TicketListArguments): FilteredQuery<Ticket> {
  return (manager, alias) => applyTicketFilter(scope.select(manager, Ticket, alias), list.filter);
}

/** The first page of tickets of each account, in one statement (limit per account, not overall). */
export async function findTicketPagesOfAccounts(scope: DataScope, accountIds: ReadonlyArray<string>, list: TicketListArguments): Promise<Page<Ticket>[]> {
  const { filtered, keys, page } = ticketListQuery(scope, list);
  return fetchPagePerParent({
    scope,
    filtered,
    parentColumn: "account_id",
    parentProperty: "accountId",
    parentIds: accountIds,
    keys,
    page,
  });
}

export async function openTicket(scope: DataScope, policies: AccountPolicies, input: OpenTicketInput): Promise<Ticket> {
  const accountId = decodeGlobalId(input.accountId, "Account", "input.accountId");
  const contactId = input.contactId == null ? null : decodeGlobalId(input.contactId, "Contact", "input.contactId");
  const subject = checkSubject(input.subject, "input.subject");
  return scope.transaction(async (manager) => {
    const account = await lockAccountForReassessment(scope, manager, accountId);
    if (!account) throw new NotFoundError("Account", input.accountId, "input.accountId");
    // A share lock keeps the contact from changing (or vanishing) until the ticket is in.
    if (contactId !== null) await lockContactOfAccount(manager, contactId, accountId, input.contactId!);
    const repository = manager.getRepository(Ticket);
    const ticket = await repository.save(
      repository.create({
        accountId,
        contactId,
        subject,
        category: input.category,
        severity: input.severity,
        channel: input.channel,
        status: TicketStatus.OPEN,
        openedAt: new Date(),
        firstRespondedAt: null,
        resolvedAt: null,
        closedAt: null,
        satisfaction: null,
      }),
    );
    await appendEvents(manager, [ticketOpened(ticket)]);
    return withReassessment(manager, policies, ticket);
  });
}

async function lockContactOfAccount(manager: EntityManager, contactId: string, accountId: string, globalId: string): Promise<void> {
  const contact = await manager.getRepository(Contact).findOne({ where: { id: contactId, accountId }, lock: { mode: "pessimistic_read" } });
  if (!contact) {
    throw new TicketError(TicketErrorReason.CONTACT_NOT_AT_ACCOUNT, `input.contactId: the account has no contact with id "${globalId}"`, "input.contactId");
  }
}

/** Records our (first) response: the ticket then waits on the customer. */
export function respondToTicket(scope: DataScope, policies: AccountPolicies, globalId: string): Promise<Ticket> {
  return changeTicket(scope, policies, globalId, recordResponse);
}

/** The customer's reply to a ticket waiting on them: it is ours again (OPEN), and its resolution clock runs on. */
export function recordTicketCustomerReply(scope: DataScope, policies: AccountPolicies, globalId: string): Promise<Ticket> {
  return changeTicket(scope, policies, globalId, recordCustomerReply);
}

export function resolveTicket(scope: DataScope, policies: AccountPolicies, globalId: string): Promise<Ticket> {
  return changeTicket(scope, policies, globalId, recordResolution);
}

export function closeTicket(scope: DataScope, policies: AccountPolicies, globalId: string, satisfaction: number | null | undefined): Promise<Ticket> {
  const score = checkSatisfaction(satisfaction, "satisfaction");
  return changeTicket(scope, policies, globalId, (ticket, now) => recordClosing(ticket, score, now));
}

export function reopenTicket(scope: DataScope, policies: AccountPolicies, globalId: string): Promise<Ticket> {
  return changeTicket(scope, policies, globalId, recordReopening);
}

/** Applies one lifecycle step to a ticket locked for the transaction (its account first), so concurrent steps queue up. */
async function changeTicket(scope: DataScope, policies: AccountPolicies, globalId: string, change: (ticket: Ticket, now: Date) => void): Promise<Ticket> {
  const id = decodeGlobalId(globalId, "Ticket", "id");
  return scope.transaction(async (manager) => {
    const repository = manager.getRepository(Ticket);
    const opened = await scope.select(manager, Ticket, "ticket").select(["ticket.id", "ticket.accountId"]).andWhere("ticket.id = :id", { id }).getOne();
    if (!opened) throw new NotFoundError("Ticket", globalId, "id");
    // The account before the ticket, as every reassessing write takes them (a ticket never changes account).
    await lockAccountForReassessment(scope, manager, opened.accountId);
    const ticket = await scope.select(manager, Ticket, "ticket").andWhere("ticket.id = :id", { id }).setLock("pessimistic_write").getOne();
    if (!ticket) throw new NotFoundError("Ticket", globalId, "id");
    const now = changeTime(ticket, new Date());
    // What the change is about to stop or move, recorded as it stood.
    await recordSlaBreaches(manager, [ticket.id], now);
    const before = ticket.status;
    change(ticket, now);
    ticket.updatedAt = now;
    if (ticket.status !== before) await appendEvents(manager, [ticketStatusChanged(ticket, before, now)]);
    return withReassessment(manager, policies, await repository.save(ticket));
  });
}

/**
 * Re-evaluates the ticket's account (open tickets and complaints are facts) and so the priorities of its
 * open tickets, in the caller's transaction; returns the ticket as stored, its priority included.
 */
async function withReassessment(manager: EntityManager, policies: AccountPolicies, ticket: Ticket): Promise<Ticket> {
  await policies.reassess(manager, [ticket.accountId]);
  return manager.getRepository(Ticket).findOneByOrFail({ id: ticket.id });
}
