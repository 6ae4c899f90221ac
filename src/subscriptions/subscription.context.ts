import { EventStream } from "../events/event-stream";
import { TicketRequest } from "../tickets/ticket.context";

/** What the subscription resolvers need of a subscription's context: the request's scope and loaders (tickets' and accounts'), and the event stream. */
export interface SubscriptionRequest extends TicketRequest {
  /** Absent over HTTP: subscriptions are served on the WebSocket only. */
  events?: EventStream;
}
