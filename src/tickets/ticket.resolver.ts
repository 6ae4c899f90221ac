import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { Account } from "../accounts/account.entity";
import { Contact } from "../contacts/contact.entity";
import { TicketRequest } from "./ticket.context";
import { MovedArguments, payloadOf } from "../shared/mutation-payload";
import { PageArguments } from "../shared/pagination/page-arguments";
import { Ticket } from "./ticket.entity";
import { OpenTicketInput, TicketFilter, TicketSort } from "./ticket.inputs";
import { closeTicket, findTickets, openTicket, recordTicketCustomerReply, reopenTicket, resolveTicket, respondToTicket } from "./ticket.service";
import { TicketConnection, ticketEdgeOf } from "./ticket.connection";
import { TicketUpserts, TicketUpsertResult, UpsertTicketsInput, UpsertTicketsPayload } from "./ticket.payloads";
import { upsertTickets } from "./ticket.upsert";
import { ticketSlaOf } from "./ticket.sla";
import { TicketSla } from "./ticket-sla.types";
import { upsertPayloadOf } from "../shared/bulk-upsert";
import { onePerUpsertItem } from "../access/query-cost";
import { externalIdDescription, externalIdSeenBy } from "../shared/external-id";
import {
  TicketCloseInput,
  TicketClosePayload,
  TicketOpenInput,
  TicketOpenPayload,
  TicketReopenInput,
  TicketReopenPayload,
  TicketResolveInput,
  TicketResolvePayload,
  TicketCustomerReplyInput,
  TicketCustomerReplyPayload,
  TicketRespondInput,
  TicketRespondPayload,
} from "./ticket.payloads";

/** The lifecycle steps took the ticket's id as an argument of their own, `id`; it is `input.ticketId` now. */
const ticketIdMoved: MovedArguments = { id: "ticketId" };

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
    deprecationReason: "Use ticketOpen: one input, a nullable payload with the ticket's edge, its account and userErrors",
  })
  openTicket(@Arg("input", () => OpenTicketInput, { description: "The new case" }) input: OpenTicketInput, @Ctx() context: TicketRequest): Promise<Ticket> {
    return openTicket(context.scope, context.accountPolicies, input);
  }

  @Mutation(() => Ticket, {
    description:
      "Records an answer to the customer: OPEN or PENDING to PENDING; the first sets firstRespondedAt; otherwise a CONFLICT. Internal keys, and partners' keys for their own accounts' tickets",
    deprecationReason: "Use ticketRespond: the id inside its one input, a nullable payload with userErrors",
  })
  respondToTicket(@Arg("id", () => ID, { description: "The Ticket id" }) id: string, @Ctx() context: TicketRequest): Promise<Ticket> {
    return respondToTicket(context.scope, context.accountPolicies, id);
  }

  @Mutation(() => Ticket, {
    description: "OPEN or PENDING to RESOLVED (it counts as the first response when there was none); otherwise a CONFLICT. Internal keys only",
    deprecationReason: "Use ticketResolve: the id inside its one input, a nullable payload with userErrors",
  })
  resolveTicket(@Arg("id", () => ID, { description: "The Ticket id" }) id: string, @Ctx() context: TicketRequest): Promise<Ticket> {
    return resolveTicket(context.scope, context.accountPolicies, id);
  }

  @Mutation(() => Ticket, {
    description: "RESOLVED to CLOSED, with the customer's satisfaction if given; otherwise a CONFLICT. Internal keys only",
    deprecationReason: "Use ticketClose: the id and satisfaction inside its one input, a nullable payload with userErrors",
  })
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

  @Mutation(() => Ticket, {
    description: "RESOLVED back to OPEN when the resolution did not help; otherwise a CONFLICT. Internal keys only",
    deprecationReason: "Use ticketReopen: the id inside its one input, a nullable payload with the ticket's edge and userErrors",
  })
  reopenTicket(@Arg("id", () => ID, { description: "The Ticket id" }) id: string, @Ctx() context: TicketRequest): Promise<Ticket> {
    return reopenTicket(context.scope, context.accountPolicies, id);
  }

  @FieldResolver(() => String, { nullable: true, description: externalIdDescription })
  externalId(@Root() ticket: Ticket, @Ctx() context: TicketRequest): string | null {
    return externalIdSeenBy(ticket, context.scope.partnerId);
  }

  @Mutation(() => TicketUpserts.Payload, {
    nullable: true,
    complexity: onePerUpsertItem,
    description:
      "Creates or updates tickets by their externalId, all in one transaction: one refused item refuses the request, with every refusal in userErrors. Each account with a created or updated ticket is re-evaluated once. Internal keys, and partners' keys for their own accounts' tickets",
  })
  upsertTickets(
    @Arg("input", () => TicketUpserts.Input, { validate: false, description: "The tickets, and the client's mutation id" }) input: UpsertTicketsInput,
    @Ctx() context: TicketRequest,
  ): Promise<UpsertTicketsPayload> {
    return upsertPayloadOf(context, input, () => upsertTickets(context.scope, context.accountPolicies, input.items));
  }

  @Mutation(() => TicketOpenPayload, {
    nullable: true,
    description:
      "Opens a support case for an account, now, with status OPEN, and sets its service priority; refusals come back in userErrors. Internal keys, and partners' keys for their own accounts",
  })
  ticketOpen(
    @Arg("input", () => TicketOpenInput, { validate: false, description: "The new case, and the client's mutation id" }) input: TicketOpenInput,
    @Ctx() context: TicketRequest,
  ): Promise<TicketOpenPayload> {
    return payloadOf(context, input, async () => {
      const ticket = await openTicket(context.scope, context.accountPolicies, input);
      return { ticket, ticketEdge: ticketEdgeOf(ticket), accountId: ticket.accountId };
    });
  }

  @Mutation(() => TicketRespondPayload, {
    nullable: true,
    description:
      "Records an answer to the customer: OPEN or PENDING to PENDING; the first sets firstRespondedAt; otherwise a CONFLICT in userErrors. Internal keys, and partners' keys for their own accounts' tickets",
  })
  ticketRespond(
    @Arg("input", () => TicketRespondInput, { validate: false, description: "The ticket, and the client's mutation id" }) input: TicketRespondInput,
    @Ctx() context: TicketRequest,
  ): Promise<TicketRespondPayload> {
    return payloadOf(context, input, async () => ticketChanged(await respondToTicket(context.scope, context.accountPolicies, input.ticketId)), ticketIdMoved);
  }

  @Mutation(() => TicketCustomerReplyPayload, {
    nullable: true,
    description:
      "Records the customer's answer to a ticket waiting on them: PENDING to OPEN, and the resolution clock runs again (its target moved on by the wait); otherwise a CONFLICT in userErrors. Internal keys, and partners' keys for their own accounts' tickets",
  })
  ticketCustomerReply(
    @Arg("input", () => TicketCustomerReplyInput, { validate: false, description: "The ticket, and the client's mutation id" }) input: TicketCustomerReplyInput,
    @Ctx() context: TicketRequest,
  ): Promise<TicketCustomerReplyPayload> {
    return payloadOf(
      context,
      input,
      async () => ticketChanged(await recordTicketCustomerReply(context.scope, context.accountPolicies, input.ticketId)),
      ticketIdMoved,
    );
  }

  @FieldResolver(() => TicketSla, {
    nullable: true,
    description: "The service-level clock: targets as promised, time on the clocks, targets missed; null until the ticket is first evaluated",
  })
  async sla(@Root() ticket: Ticket, @Ctx() context: TicketRequest): Promise<TicketSla | null> {
    if (ticket.priorityLevel === null) return null;
    return ticketSlaOf(ticket, await context.loaders.slaBreachesByTicketId.load(ticket.id), new Date());
  }

  @Mutation(() => TicketResolvePayload, {
    nullable: true,
    description: "OPEN or PENDING to RESOLVED (it counts as the first response when there was none); otherwise a CONFLICT in userErrors. Internal keys only",
  })
  ticketResolve(
    @Arg("input", () => TicketResolveInput, { validate: false, description: "The ticket, and the client's mutation id" }) input: TicketResolveInput,
    @Ctx() context: TicketRequest,
  ): Promise<TicketResolvePayload> {
    return payloadOf(context, input, async () => ticketChanged(await resolveTicket(context.scope, context.accountPolicies, input.ticketId)), ticketIdMoved);
  }

  @Mutation(() => TicketClosePayload, {
    nullable: true,
    description: "RESOLVED to CLOSED, with the customer's satisfaction if given; otherwise a CONFLICT in userErrors. Internal keys only",
  })
  ticketClose(
    @Arg("input", () => TicketCloseInput, { validate: false, description: "The ticket, the customer's satisfaction, and the client's mutation id" })
    input: TicketCloseInput,
    @Ctx() context: TicketRequest,
  ): Promise<TicketClosePayload> {
    const { ticketId, satisfaction } = input;
    return payloadOf(
      context,
      input,
      async () => ticketChanged(await closeTicket(context.scope, context.accountPolicies, ticketId, satisfaction)),
      ticketIdMoved,
    );
  }

  @Mutation(() => TicketReopenPayload, {
    nullable: true,
    description: "RESOLVED back to OPEN when the resolution did not help; otherwise a CONFLICT in userErrors. Internal keys only",
  })
  ticketReopen(
    @Arg("input", () => TicketReopenInput, { validate: false, description: "The ticket, and the client's mutation id" }) input: TicketReopenInput,
    @Ctx() context: TicketRequest,
  ): Promise<TicketReopenPayload> {
    return payloadOf(
      context,
      input,
      async () => {
        const ticket = await reopenTicket(context.scope, context.accountPolicies, input.ticketId);
        return { ...ticketChanged(ticket), ticketEdge: ticketEdgeOf(ticket) };
      },
      ticketIdMoved,
    );
  }
}

function ticketChanged(ticket: Ticket): { ticket: Ticket; accountId: string } {
  return { ticket, accountId: ticket.accountId };
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

/** The `node` of each upsertTickets result, read after the writes (its priority as the re-evaluation set it). */
@Resolver(() => TicketUpserts.Result)
export class TicketUpsertResultResolver {
  @FieldResolver(() => Ticket, { complexity: 0, description: "The ticket as the upsert left it" })
  async node(@Root() result: TicketUpsertResult, @Ctx() context: TicketRequest): Promise<Ticket> {
    const ticket = await context.loaders.ticketById.load(result.id);
    if (!ticket) throw new Error(`upserted ticket ${result.id} is not visible to its own request`);
    return ticket;
  }
}
