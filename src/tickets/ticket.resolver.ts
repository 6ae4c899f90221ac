import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { Account } from "../accounts/account.entity";
import { Contact } from "../contacts/contact.entity";
import { TicketRequest } from "./ticket.context";
import { ConnectionType } from "../shared/pagination/connection";
import { PageArguments } from "../shared/pagination/page-arguments";
import { Ticket } from "./ticket.entity";
import { OpenTicketInput, TicketFilter, TicketSort } from "./ticket.inputs";
import { closeTicket, findTickets, openTicket, reopenTicket, resolveTicket, respondToTicket } from "./ticket.service";

export const TicketConnection = ConnectionType(Ticket, "Ticket");
export type TicketConnection = InstanceType<typeof TicketConnection>;

@Resolver(() => Ticket)
export class TicketResolver {
  @Query(() => TicketConnection, {
    description:
      "The tickets of the accounts the caller may see (a partner's key: its own accounts'), filtered and sorted, a page at a time; the support queue is `filter: { open: true }, orderBy: FIRST_RESPONSE_DUE_AT`",
  })
  async tickets(
    @Args() page: PageArguments,
    @Arg("filter", () => TicketFilter, { nullable: true, description: "Only the tickets that meet every condition given" }) filter: TicketFilter | null,
    @Arg("orderBy", () => [TicketSort], { nullable: true, description: "Default: OPENED_AT descending; ties broken by id" })
    orderBy: TicketSort[] | null,
    @Ctx() context: TicketRequest,
  ): Promise<TicketConnection> {
    return new TicketConnection(await findTickets(context.scope, { filter, orderBy, page }));
  }

  @FieldResolver(() => Account, { description: "The account the case is for" })
  async account(@Root() ticket: Ticket, @Ctx() context: TicketRequest): Promise<Account> {
    return context.loaders.accountById.load(ticket.accountId) as Promise<Account>;
  }

  @FieldResolver(() => Contact, { nullable: true, description: "The person who raised the case; null when unknown" })
  async contact(@Root() ticket: Ticket, @Ctx() context: TicketRequest): Promise<Contact | null> {
    if (ticket.contactId === null) return null;
    return (await context.loaders.contactById.load(ticket.contactId)) ?? null;
  }

  @Mutation(() => Ticket, {
    description:
      "Opens a support case for an account, now, with status OPEN, and sets its service priority. Internal keys, and partners' keys for their own accounts",
  })
  openTicket(@Arg("input", () => OpenTicketInput, { description: "The new case" }) input: OpenTicketInput, @Ctx() context: TicketRequest): Promise<Ticket> {
    return openTicket(context.scope, context.accountPolicies, input);
  }

  @Mutation(() => Ticket, {
    description:
      "Records an answer to the customer: OPEN or PENDING to PENDING; the first sets firstRespondedAt; otherwise a CONFLICT. Internal keys, and partners' keys for their own accounts' tickets",
  })
  respondToTicket(@Arg("id", () => ID, { description: "The Ticket id" }) id: string, @Ctx() context: TicketRequest): Promise<Ticket> {
    return respondToTicket(context.scope, context.accountPolicies, id);
  }

  @Mutation(() => Ticket, {
    description: "OPEN or PENDING to RESOLVED (it counts as the first response when there was none); otherwise a CONFLICT. Internal keys only",
  })
  resolveTicket(@Arg("id", () => ID, { description: "The Ticket id" }) id: string, @Ctx() context: TicketRequest): Promise<Ticket> {
    return resolveTicket(context.scope, context.accountPolicies, id);
  }

  @Mutation(() => Ticket, { description: "RESOLVED to CLOSED, with the customer's satisfaction if given; otherwise a CONFLICT. Internal keys only" })
  closeTicket(
    @Arg("id", () => ID, { description: "The Ticket id" }) id: string,
    @Arg("satisfaction", () => Int, {
      nullable: true,
      description: "The customer's satisfaction, 1 (very unhappy) to 5 (very happy); null or left out when not given",
    })
    satisfaction: number | null,
    @Ctx() context: TicketRequest,
  ): Promise<Ticket> {
    return closeTicket(context.scope, context.accountPolicies, id, satisfaction);
  }

  @Mutation(() => Ticket, { description: "RESOLVED back to OPEN when the resolution did not help; otherwise a CONFLICT. Internal keys only" })
  reopenTicket(@Arg("id", () => ID, { description: "The Ticket id" }) id: string, @Ctx() context: TicketRequest): Promise<Ticket> {
    return reopenTicket(context.scope, context.accountPolicies, id);
  }
}

@Resolver(() => Account)
export class AccountTicketsResolver {
  @FieldResolver(() => TicketConnection, { description: "The account's tickets; default newest first" })
  async tickets(
    @Root() account: Account,
    @Args() page: PageArguments,
    @Arg("filter", () => TicketFilter, { nullable: true, description: "Only the tickets that meet every condition given" }) filter: TicketFilter | null,
    @Arg("orderBy", () => [TicketSort], { nullable: true, description: "Default: OPENED_AT descending; ties broken by id" }) orderBy: TicketSort[] | null,
    @Ctx() context: TicketRequest,
  ): Promise<TicketConnection> {
    const pageOfAccount = await context.loaders.ticketPagesOfAccount({ filter, orderBy, page }).load(account.id);
    return new TicketConnection(pageOfAccount);
  }
}
