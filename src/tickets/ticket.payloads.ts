import { Field, ID, InputType, Int, ObjectType } from "type-graphql";
import { AccountPayload } from "../accounts/account.payloads";
import { withAccountReference } from "../accounts/account.references";
import { upsertTypes, withExternalId } from "../shared/bulk-upsert";
import { DateTimeScalar } from "../shared/scalars";
import { EmptyInput, withClientMutationId } from "../shared/mutation-payload";
import { TicketConnection, TicketEdge } from "./ticket.connection";
import { Ticket } from "./ticket.entity";
import { OpenTicketInput, TicketFields } from "./ticket.inputs";

@InputType({ description: "A new support case (ticketOpen), with the client's mutation id; it opens now, with status OPEN" })
export class TicketOpenInput extends withClientMutationId(OpenTicketInput) {}

/** The input of a lifecycle step: which ticket. */
@InputType()
export abstract class TicketStepInput extends withClientMutationId(EmptyInput) {
  @Field(() => ID, { description: "The ticket to change" })
  ticketId: string;
}

@InputType({ description: "The ticket a response to the customer was sent on (ticketRespond)" })
export class TicketRespondInput extends TicketStepInput {}

@InputType({ description: "The ticket to resolve (ticketResolve)" })
export class TicketResolveInput extends TicketStepInput {}

@InputType({ description: "The ticket the customer answered while it waited on them (ticketCustomerReply)" })
export class TicketCustomerReplyInput extends TicketStepInput {}

@InputType({ description: "The ticket to close and the customer's satisfaction (ticketClose)" })
export class TicketCloseInput extends TicketStepInput {
  @Field(() => Int, { nullable: true, description: "The customer's satisfaction, 1 (very unhappy) to 5 (very happy); null when not given" })
  satisfaction?: number | null;
}

@InputType({ description: "The resolved ticket to open again (ticketReopen)" })
export class TicketReopenInput extends TicketStepInput {}

/** A payload about one ticket and its account. */
@ObjectType()
export abstract class TicketPayload extends AccountPayload {
  @Field(() => Ticket, { nullable: true, description: "The ticket as the change left it, its service priority reassessed" })
  ticket?: Ticket;
}

@ObjectType({ description: "What ticketOpen did: the new ticket, its edge in the account's tickets and the account as reassessed, or why it refused" })
export class TicketOpenPayload extends TicketPayload {
  @Field(() => TicketConnection.Edge, {
    nullable: true,
    description:
      "The new ticket's edge in Account.tickets (and in tickets) in their default order (newest first), to add it to a list the client shows (Relay's @prependEdge)",
  })
  ticketEdge?: TicketEdge;
}

@ObjectType({ description: "What ticketRespond did: the ticket, now PENDING, and its account, or why it refused" })
export class TicketRespondPayload extends TicketPayload {}

@ObjectType({ description: "What ticketResolve did: the ticket, now RESOLVED, and its account, or why it refused" })
export class TicketResolvePayload extends TicketPayload {}

@ObjectType({ description: "What ticketCustomerReply did: the ticket, OPEN again with its resolution clock running, and its account, or why it refused" })
export class TicketCustomerReplyPayload extends TicketPayload {}

@ObjectType({ description: "What ticketClose did: the ticket, now CLOSED, and its account, or why it refused" })
export class TicketClosePayload extends TicketPayload {}

@ObjectType({ description: "What ticketReopen did: the ticket, OPEN again, its edge in the account's tickets and the account, or why it refused" })
export class TicketReopenPayload extends TicketPayload {
  @Field(() => TicketConnection.Edge, {
    nullable: true,
    description: "The ticket's edge in Account.tickets in their default order (newest first), to put it back into a list of open tickets (Relay's @appendEdge)",
  })
  ticketEdge?: TicketEdge;
}

@InputType({
  description: "One ticket of upsertTickets: a new ticket's fields, its account and contact (by id or externalId), and its id in the caller's system",
})
export class TicketUpsertItem extends withAccountReference(withExternalId(TicketFields)) {
  @Field(() => String, {
    nullable: true,
    description:
      "The person who raised it by their externalId (as upsertContacts gave it), a contact of the ticket's account; give this or contactId, or neither",
  })
  contactExternalId?: string | null;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description:
      "When a new ticket opened, e.g. a case recorded afterwards; now unless given; never in the future. A stored ticket keeps its own: its clocks run from it",
  })
  openedAt?: Date | null;
}

export const TicketUpserts = upsertTypes(TicketUpsertItem, "Ticket", "Tickets");
export type UpsertTicketsInput = InstanceType<typeof TicketUpserts.Input>;
export type UpsertTicketsPayload = InstanceType<typeof TicketUpserts.Payload>;
export type TicketUpsertResult = InstanceType<typeof TicketUpserts.Result>;
