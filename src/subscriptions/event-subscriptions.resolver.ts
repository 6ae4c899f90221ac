import { Arg, Ctx, FieldResolver, ID, Resolver, Root, SubscribeResolverData, Subscription } from "type-graphql";
import { Account } from "../accounts/account.entity";
import { EventStream, StreamedEvent } from "../events/event-stream";
import { InvalidInputError } from "../shared/errors";
import { decodeGlobalId } from "../shared/global-id";
import { Ticket } from "../tickets/ticket.entity";
import { DomainEventMessage } from "./domain-event.types";
import { SubscriptionRequest } from "./subscription.context";

type Filter = (event: StreamedEvent) => boolean;
type Data = SubscribeResolverData<unknown, Record<string, unknown>, SubscriptionRequest>;

const isTicketEvent: Filter = (event) => event.type.startsWith("ticket.");
const sinceDescription = "Replay the events after this id first (the last id the client saw before it lost its connection)";

/**
 * The events a caller may receive: staff all of them; a partner those of its own accounts, without the
 * retention risk (partners see what the policies decided, never the risk behind it) and without rule-set changes.
 */
function visibleTo(context: SubscriptionRequest): Filter {
  const partnerId = context.scope.partnerId;
  if (partnerId === null) return () => true;
  return (event) => event.partnerId === partnerId && event.type !== "account.retentionRiskChanged";
}

function stream(data: Data, accepts: Filter): AsyncIterableIterator<StreamedEvent> {
  const events: EventStream | undefined = data.context.events;
  if (!events) throw new InvalidInputError("subscription", "subscriptions are served over the WebSocket at /graphql (graphql-transport-ws)");
  const visible = visibleTo(data.context);
  const since = (data.args.since as string | null | undefined) ?? null;
  if (since !== null && !/^\d{1,18}$/.test(since)) throw new InvalidInputError("since", "must be an event id");
  return events.subscribe({ since, accepts: (event) => visible(event) && accepts(event) });
}

/** One event, read afresh: a subscription lives long, and its ticket and account must be as they are now, not as first loaded. */
function delivered(event: StreamedEvent, context: SubscriptionRequest): StreamedEvent {
  context.forgetReads();
  return event;
}

@Resolver(() => DomainEventMessage)
export class EventSubscriptionResolver {
  @Subscription(() => DomainEventMessage, {
    description: "Every change of the tickets the caller may see: opened, status, priority, missed targets (a support queue's live view)",
    subscribe: (data: Data) => stream(data, isTicketEvent),
  })
  supportQueueChanged(
    @Root() event: StreamedEvent,
    @Arg("since", () => ID, { nullable: true, description: sinceDescription }) _since: string | null,
    @Ctx() context: SubscriptionRequest,
  ): StreamedEvent {
    return delivered(event, context);
  }

  @Subscription(() => DomainEventMessage, {
    description: "The changes of one ticket",
    subscribe: (data: Data) => {
      const ticketId = decodeGlobalId(data.args.id as string, "Ticket", "id");
      return stream(data, (event) => event.subjectId === ticketId && isTicketEvent(event));
    },
  })
  ticketChanged(
    @Root() event: StreamedEvent,
    @Arg("id", () => ID, { description: "A Ticket id" }) _id: string,
    @Arg("since", () => ID, { nullable: true, description: sinceDescription }) _since: string | null,
    @Ctx() context: SubscriptionRequest,
  ): StreamedEvent {
    return delivered(event, context);
  }

  @Subscription(() => DomainEventMessage, {
    description: "The changes of one account: its tier, lifecycle stage and (staff only) retention risk, and its tickets'",
    subscribe: (data: Data) => {
      const accountId = decodeGlobalId(data.args.id as string, "Account", "id");
      return stream(data, (event) => event.accountId === accountId);
    },
  })
  accountChanged(
    @Root() event: StreamedEvent,
    @Arg("id", () => ID, { description: "An Account id" }) _id: string,
    @Arg("since", () => ID, { nullable: true, description: sinceDescription }) _since: string | null,
    @Ctx() context: SubscriptionRequest,
  ): StreamedEvent {
    return delivered(event, context);
  }

  @Subscription(() => DomainEventMessage, {
    description:
      "Service targets about to be missed (ticket.slaWarning, at a configured share of the time allowed) and missed (ticket.slaBreached), as they are recorded",
    subscribe: (data: Data) => stream(data, (event) => event.type === "ticket.slaWarning" || event.type === "ticket.slaBreached"),
  })
  slaAlerts(
    @Root() event: StreamedEvent,
    @Arg("since", () => ID, { nullable: true, description: sinceDescription }) _since: string | null,
    @Ctx() context: SubscriptionRequest,
  ): StreamedEvent {
    return delivered(event, context);
  }

  @FieldResolver(() => Ticket, { nullable: true, description: "The ticket the event is about, as it is now; null for an account's or a rule set's event" })
  async ticket(@Root() event: DomainEventMessage, @Ctx() context: SubscriptionRequest): Promise<Ticket | null> {
    if (!event.type.startsWith("ticket.") || event.subjectId === null) return null;
    return (await context.loaders.ticketById.load(event.subjectId)) ?? null;
  }

  @FieldResolver(() => Account, { nullable: true, description: "The account the event is about, as it is now; null for a rule set's event" })
  async account(@Root() event: DomainEventMessage, @Ctx() context: SubscriptionRequest): Promise<Account | null> {
    if (event.accountId === null) return null;
    return (await context.loaders.accountById.load(event.accountId)) ?? null;
  }
}
