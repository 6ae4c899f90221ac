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
  @Query(() => TicketConnection)
  async tickets(
    @Args() page: PageArguments,
    @Arg("filter", () => TicketFilter, { nullable: true }) filter: TicketFilter | null,
    @Arg("orderBy", () => [TicketSort], { nullable: true, description: "Default: OPENED_AT descending; ties broken by id" })
    orderBy: TicketSort[] | null,
    @Ctx() context: TicketRequest,
  ): Promise<TicketConnection> {
    return new TicketConnection(await findTickets(context.scope, { filter, orderBy, page }));
  }

  @FieldResolver(() => Account)
  async account(@Root() ticket: Ticket, @Ctx() context: TicketRequest): Promise<Account> {
    return context.loaders.accountById.load(ticket.accountId) as Promise<Account>;
  }

  @FieldResolver(() => Contact, { nullable: true, description: "The person who raised the case, when known" })
  async contact(@Root() ticket: Ticket, @Ctx() context: TicketRequest): Promise<Contact | null> {
    if (ticket.contactId === null) return null;
    return (await context.loaders.contactById.load(ticket.contactId)) ?? null;
  }

  @Mutation(() => Ticket, { description: "Opens a support case for an account, now, with status OPEN" })
  openTicket(@Arg("input", () => OpenTicketInput) input: OpenTicketInput, @Ctx() context: TicketRequest): Promise<Ticket> {
    return openTicket(context.scope, context.accountPolicies, input);
  }

  @Mutation(() => Ticket, { description: "Records a response to the customer: PENDING; the first one sets firstRespondedAt" })
  respondToTicket(@Arg("id", () => ID) id: string, @Ctx() context: TicketRequest): Promise<Ticket> {
    return respondToTicket(context.scope, context.accountPolicies, id);
  }

  @Mutation(() => Ticket, { description: "OPEN or PENDING to RESOLVED; otherwise a CONFLICT" })
  resolveTicket(@Arg("id", () => ID) id: string, @Ctx() context: TicketRequest): Promise<Ticket> {
    return resolveTicket(context.scope, context.accountPolicies, id);
  }

  @Mutation(() => Ticket, { description: "RESOLVED to CLOSED, with the customer's satisfaction if given; otherwise a CONFLICT" })
  closeTicket(
    @Arg("id", () => ID) id: string,
    @Arg("satisfaction", () => Int, { nullable: true, description: "1 (very unhappy) to 5 (very happy)" }) satisfaction: number | null,
    @Ctx() context: TicketRequest,
  ): Promise<Ticket> {
    return closeTicket(context.scope, context.accountPolicies, id, satisfaction);
  }

  @Mutation(() => Ticket, { description: "RESOLVED back to OPEN when the resolution did not help; otherwise a CONFLICT" })
  reopenTicket(@Arg("id", () => ID) id: string, @Ctx() context: TicketRequest): Promise<Ticket> {
    return reopenTicket(context.scope, context.accountPolicies, id);
  }
}

@Resolver(() => Account)
export class AccountTicketsResolver {
  @FieldResolver(() => TicketConnection, { description: "The account's tickets; default newest first" })
  async tickets(
    @Root() account: Account,
    @Args() page: PageArguments,
    @Arg("filter", () => TicketFilter, { nullable: true }) filter: TicketFilter | null,
    @Arg("orderBy", () => [TicketSort], { nullable: true }) orderBy: TicketSort[] | null,
    @Ctx() context: TicketRequest,
  ): Promise<TicketConnection> {
    const pageOfAccount = await context.loaders.ticketPagesOfAccount({ filter, orderBy, page }).load(account.id);
    return new TicketConnection(pageOfAccount);
  }
}
